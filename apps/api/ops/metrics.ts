/**
 * Prometheus metrics on a dedicated Registry (METRICS_REGISTRY), so several apps in one
 * process (tests) never share counters. Labels carry route patterns (`/cases/:caseId`),
 * never concrete ids, to keep cardinality bounded and ids out of the metrics.
 *
 * For the lead: inject `AppMetrics` and call
 *   metrics.eventsAppended.inc(events.length)
 *   metrics.projectionLag.set({ projection: 'absence-list' }, head - checkpoint)
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { liveCaches, type CacheStats } from '#event-store/cache/bounded-cache.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export class AppMetrics {
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsAppended: Counter;
  readonly projectionLag: Gauge<'projection'>;
  /** Set by whoever runs the projector: read at every scrape, so the gauge is never stale. */
  private lagSource: (() => Promise<Record<string, number>>) | null = null;

  constructor(readonly registry: Registry) {
    // prom-client calls `collect` with the metric as `this`; the collectors reach this object by name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const metrics = this;
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.eventsAppended = new Counter({
      name: 'events_appended_total',
      help: 'Events appended to the event store',
      registers: [registry],
    });
    this.projectionLag = new Gauge({
      name: 'projection_lag_events',
      help: 'Events between the store head and a projection checkpoint',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        if (!metrics.lagSource) return;
        for (const [projection, lag] of Object.entries(await metrics.lagSource())) this.set({ projection }, lag);
      },
    });
    this.registerCacheMetrics(registry);
  }

  /**
   * The in-process caches (libs/event-store/cache/bounded-cache.ts), each by its name: entries,
   * bytes and limit, hits, misses and evictions, and the hit ratio since start. Caches are the
   * process's, like the default process metrics: two apps in one process (tests) add up.
   */
  private registerCacheMetrics(registry: Registry): void {
    type Sums = { -readonly [K in Exclude<keyof CacheStats, 'name'>]: number };
    const byName = (): Map<string, Sums> => {
      const sums = new Map<string, Sums>();
      for (const { name, ...stats } of liveCaches()) {
        const sum = sums.get(name);
        if (!sum) sums.set(name, { ...stats });
        else for (const k of Object.keys(stats) as (keyof Sums)[]) sum[k] += stats[k];
      }
      return sums;
    };
    // One figure per cache name, read at each scrape: a gauge is set, a counter (reset first) counts up to it.
    const perCache = (kind: typeof Gauge | typeof Counter, name: string, help: string, pick: (s: Sums) => number | null) =>
      new kind({
        name,
        help,
        labelNames: ['cache'],
        registers: [registry],
        collect(this: Gauge<'cache'> | Counter<'cache'>) {
          this.reset();
          for (const [cache, stats] of byName()) {
            const value = pick(stats);
            if (value === null) continue;
            if (this instanceof Gauge) this.set({ cache }, value);
            else this.inc({ cache }, value);
          }
        },
      });
    const gauge = (name: string, help: string, pick: (s: Sums) => number | null) => perCache(Gauge, name, help, pick);
    const counter = (name: string, help: string, pick: (s: Sums) => number) => perCache(Counter, name, help, pick);
    gauge('cache_entries', 'Entries held by an in-process cache', (s) => s.entries);
    gauge('cache_bytes', 'Estimated heap bytes held by an in-process cache', (s) => s.bytes);
    gauge('cache_limit_bytes', "An in-process cache's limit in bytes (CACHE_*_MIB)", (s) => s.limitBytes);
    gauge('cache_hit_ratio', 'Hits over lookups of an in-process cache since the process started', (s) =>
      s.hits + s.misses === 0 ? null : s.hits / (s.hits + s.misses),
    );
    counter('cache_hits_total', 'Lookups an in-process cache answered', (s) => s.hits);
    counter('cache_misses_total', 'Lookups an in-process cache could not answer', (s) => s.misses);
    counter('cache_evictions_total', 'Entries an in-process cache let go to stay within its limit', (s) => s.evictions);
  }

  reportLagFrom(source: () => Promise<Record<string, number>>): void {
    this.lagSource = source;
  }

  /**
   * The read models' SQLite page cache, outside the heap and outside liveCaches(): its limit only,
   * as better-sqlite3 exposes no hit or miss counts (sqlite3_db_status is not bound). Registered
   * only where the read models are on SQLite, so PostgreSQL shows no limit of 0.
   */
  reportPageCacheFrom(source: () => number): void {
    new Gauge({
      name: 'sqlite_page_cache_limit_bytes',
      help: "The read models' SQLite page cache limit in bytes on the serving connection (CACHE_SQLITE_PAGES_MIB)",
      registers: [this.registry],
      collect() {
        this.set(source());
      },
    });
  }
}
