/**
 * Projection rebuild: every projection of ALL_PROJECTIONS built from position 1 over the
 * generated year into an empty SQLite read-model store, as the service does when its
 * read-model file is gone (and as `cli rebuild all` does, one projection after another).
 * The four runners read `$all` side by side, each in batches of 1,000 committed with its
 * checkpoint. The rate is events in the log / seconds until the last projection committed the
 * head. Each run is a fresh child process, so its peak RSS is the rebuild's own.
 *
 * `--projections a,b` rebuilds only those (the aim of 100,000 events/s on one core is set
 * for the absence list's and the concern query's read model, `student-absence`, alone).
 * `--read all|by-stream` only reads the log, the floor under every rebuild (`readOnce`).
 *
 *   node dist/bench/rebuild.bench.js --events <events.sqlite> [--projections a,b | --read all|by-stream] [--out <dir>] [--json]
 *       [--postgres <url>]   the same on PostgreSQL: the events of that database (copied there first), read models into a fresh schema
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { EventStore, StreamCursor, StreamOrderedReads } from '#event-store/event-store.port.js';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { PostgresDocumentStore } from '#read-models/postgres/postgres-document-store.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { Projector } from '#read-models/projector/projector.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { emitResult, MIB, ownPeakRssMiB, round } from './support.js';
import { openEventStore } from '#application/stores/open-stores.js';

export interface RebuildRunResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Seconds until each projection committed the head. */
  perProjection: Record<string, number>;
  /** The kernel's high-water mark for this process (includes SQLite's page caches). */
  peakRssMiB: number;
  /** Largest of the 100 ms samples of process.memoryUsage.rss(), for comparison. */
  sampledPeakRssMiB: number;
  heapUsedAtEndMiB: number;
}

/** The stores a rebuild runs on: the SQLite files, or (with a PostgreSQL URL) that database, read models into a fresh schema. */
async function rebuildStores(
  eventsFile: string,
  outDir: string,
  postgresUrl?: string,
  encrypted = false,
): Promise<{ eventStore: EventStore; documentStore: DocumentStore }> {
  if (encrypted) {
    // A dataset sealed by `cli encrypt-existing`: read through the encrypting store with its keys beside it.
    const settings = { dataDir: dirname(eventsFile), eventstoreUrl: null, mongodbUrl: null, notice: () => undefined };
    return {
      eventStore: await openEventStore(settings),
      documentStore: new SqliteDocumentStore({ path: join(outDir, 'read-models.sqlite') }),
    };
  }
  if (postgresUrl) {
    return {
      eventStore: new PostgresEventStore({ connectionString: postgresUrl }),
      documentStore: new PostgresDocumentStore({ connectionString: postgresUrl, schema: `rebuild_${process.pid}` }),
    };
  }
  return {
    eventStore: new SqliteEventStore({ path: eventsFile }),
    documentStore: new SqliteDocumentStore({ path: join(outDir, 'read-models.sqlite') }),
  };
}

export async function rebuildOnce(
  eventsFile: string,
  outDir: string,
  only?: readonly string[],
  postgresUrl?: string,
  encrypted = false,
): Promise<RebuildRunResult> {
  const projections = only ? ALL_PROJECTIONS.filter((p) => only.includes(p.name)) : ALL_PROJECTIONS;
  if (only && projections.length !== only.length) throw new Error(`unknown projection among ${only.join(', ')}`);
  let sampled = 0;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 100);
  const { eventStore, documentStore } = await rebuildStores(eventsFile, outDir, postgresUrl, encrypted);
  // The service's settings (store.module.ts); BENCH_CACHE_ENTRIES, BENCH_CATCH_UP_COMMIT_MS,
  // BENCH_MAX_PENDING_DOCUMENTS and BENCH_STREAM_PASS_FROM only for experiments with the projector's bounds.
  const knob = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const knobs = {
    cacheEntries: knob('BENCH_CACHE_ENTRIES'),
    catchUpCommitMs: knob('BENCH_CATCH_UP_COMMIT_MS'),
    maxPendingDocuments: knob('BENCH_MAX_PENDING_DOCUMENTS'),
    streamPassFromEvents: knob('BENCH_STREAM_PASS_FROM'),
  };
  const set = Object.fromEntries(Object.entries(knobs).filter(([, v]) => v !== undefined));
  const projector = new Projector({ eventStore, documentStore, projections, ...set });
  try {
    const head = await eventStore.headPosition();
    const started = performance.now();
    await projector.start();
    const perProjection: Record<string, number> = {};
    const timeout = 60 * 60 * 1000;
    await Promise.all(
      projections.map(async (p) => {
        if (!(await projector.waitForPosition(head, timeout, [p.name]))) throw new Error(`${p.name} did not reach ${head}`);
        perProjection[p.name] = round((performance.now() - started) / 1000, 2);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    sampled = Math.max(sampled, process.memoryUsage.rss());
    return {
      events: head,
      seconds: round(seconds, 2),
      eventsPerSecond: Math.round(head / seconds),
      perProjection,
      peakRssMiB: round(ownPeakRssMiB(), 1),
      sampledPeakRssMiB: round(sampled / MIB, 1),
      heapUsedAtEndMiB: round(process.memoryUsage().heapUsed / MIB, 1),
    };
  } finally {
    clearInterval(sampler);
    await projector.stop();
    await documentStore.close();
    await eventStore.close();
    if (postgresUrl) await dropSchema(postgresUrl, `rebuild_${process.pid}`);
  }
}

export interface ReadRunResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

/** The projector's batch size (projector.ts). */
const READ_BATCH = 1_000;

/**
 * Reads the whole log through the port in the projector's batches and does nothing with the
 * events: in `$all` order as a catch-up does, or stream by stream as a stream pass does (whole
 * events, as it reads them when follow-up-students runs beside student-absence). No rebuild on
 * one thread can run faster than this read alone.
 */
export async function readOnce(eventsFile: string, order: 'all' | 'by-stream', postgresUrl?: string): Promise<ReadRunResult> {
  const store: EventStore & StreamOrderedReads = postgresUrl
    ? new PostgresEventStore({ connectionString: postgresUrl })
    : new SqliteEventStore({ path: eventsFile });
  try {
    const head = await store.headPosition();
    const started = performance.now();
    let events = 0;
    if (order === 'all') {
      for (let from = 1; from <= head; from += READ_BATCH)
        events += (await store.readAll({ fromPosition: from, maxCount: READ_BATCH })).length;
    } else {
      for (let after: StreamCursor | undefined; ;) {
        const page = await store.readAllEventsByStream(head, after, READ_BATCH);
        if (page.length === 0) break;
        events += page.length;
        const last = page[page.length - 1]!;
        after = { stream: last.stream, revision: last.revision };
      }
    }
    if (events !== head) throw new Error(`read ${events} events of ${head}`);
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds: round(seconds, 2), eventsPerSecond: Math.round(events / seconds), peakRssMiB: round(ownPeakRssMiB(), 1) };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      projections: { type: 'string' },
      read: { type: 'string' },
      out: { type: 'string' },
      postgres: { type: 'string' },
      encrypted: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.events) throw new Error('--events <events.sqlite> is required');
  const report = (result: object) => (values.json ? emitResult(result) : console.log(result));
  if (values.read !== undefined) {
    if (values.read !== 'all' && values.read !== 'by-stream') throw new Error('--read takes all or by-stream');
    report(await readOnce(values.events, values.read, values.postgres));
  } else {
    const out = values.out ?? mkdtempSync(join(tmpdir(), 'rebuild-bench-'));
    try {
      report(
        await rebuildOnce(
          values.events,
          out,
          values.projections?.split(',').map((n) => n.trim()),
          values.postgres,
          values.encrypted,
        ),
      );
    } finally {
      if (!values.out) rmSync(out, { recursive: true, force: true });
    }
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
