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
  }

  reportLagFrom(source: () => Promise<Record<string, number>>): void {
    this.lagSource = source;
  }
}
