/**
 * Append throughput of SqliteEventStore against raw better-sqlite3 inserts of the same rows with the
 * same durability (WAL, synchronous=FULL, one transaction per append). The raw side is the floor:
 * prepared INSERTs of JSON.stringify'd payloads with revisions tracked in memory, constant 64-hex
 * strings in the hash columns (same row sizes) and no hashing, revision check or idempotency.
 *
 * The third side is Emmett's SQLite event store (`@event-driven-io/emmett-sqlite` 0.38.5,
 * node-sqlite3): the same events, the same streams, expected stream versions, WAL and its
 * default synchronous=FULL (SQLite's compiled default, checked by `emmettSynchronous`). With a
 * file name Emmett opens and closes a connection around every call; that is its behaviour, and
 * it is measured as it is. Run: `npm run build:bench && node dist/bench/append.bench.js`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import sqlite3 from 'sqlite3';
import type { NewEvent } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { openSchema } from '#event-store/sqlite/schema.js';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { emitResult, median, ownPeakRssMiB } from './support.js';

export interface AppendBenchCase {
  batchSize: number;
  appends: number;
  /** Medians over the runs, events per second. */
  portEventsPerSecond: number;
  rawEventsPerSecond: number;
  /** Emmett's SQLite event store on the same batches; null when it was skipped. */
  emmettEventsPerSecond: number | null;
  /** port / raw: the goal is ≥ 0.6. */
  ratio: number;
  /** port / emmett. */
  ratioToEmmett: number | null;
  runs: number;
}

export interface AppendBenchOptions {
  runs?: number;
  cases?: { batchSize: number; appends: number }[];
  streams?: number;
  /** Include Emmett (default true). */
  emmett?: boolean;
}

const DEFAULT_CASES = [
  { batchSize: 1, appends: 300 },
  { batchSize: 10, appends: 100 },
  { batchSize: 100, appends: 30 },
];

export function makeBatches(batchSize: number, appends: number): NewEvent[][] {
  return Array.from({ length: appends }, () =>
    Array.from({ length: batchSize }, (_, i) => ({
      id: randomUUID(),
      type: 'FraværRegistrert',
      schemaVersion: 1,
      data: {
        elevId: randomUUID(),
        dato: '2026-03-02',
        timer: [1, 2, 3],
        fraværstype: 'udokumentert',
        merknad: `Kom for sent, melding fra foresatt ${i}`,
      },
      metadata: {
        actor: { id: 'lærer-42', role: 'kontaktlærer' },
        occurredAt: '2026-03-02T08:15:00.000Z',
        correlationId: randomUUID(),
      },
    })),
  );
}

export async function timePort(path: string, batches: NewEvent[][], streams: number): Promise<number> {
  const store = new SqliteEventStore({ path });
  const next = new Array<number | 'no-stream'>(streams).fill('no-stream');
  const started = performance.now();
  for (let n = 0; n < batches.length; n++) {
    const s = n % streams;
    const result = await store.appendToStream(`elev-${s}`, batches[n]!, { expectedRevision: next[s]! });
    next[s] = result.nextRevision;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return seconds;
}

function timeRaw(path: string, batches: NewEvent[][], streams: number): number {
  const db = new Database(path);
  openSchema(db); // same table, indexes and pragmas as the store
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, schema_version, previous_hash, hash, metadata, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Array<number>(streams).fill(-1);
  const hash = 'f'.repeat(64);
  const append = db.transaction((stream: string, s: number, events: NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    for (const e of events) {
      revisions[s]! += 1;
      insert.run(
        e.id,
        stream,
        revisions[s]!,
        e.type,
        e.schemaVersion,
        revisions[s] === 0 ? null : hash,
        hash,
        JSON.stringify({ ...e.metadata, recordedAt }),
        JSON.stringify(e.data),
      );
    }
  });
  const started = performance.now();
  for (let n = 0; n < batches.length; n++) {
    const s = n % streams;
    append.immediate(`elev-${s}`, s, batches[n]!);
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

/** SQLITE_BUSY commits Emmett hit (and that were retried) in this process, across all runs. */
export const emmettBusy = { retried: 0, appends: 0 };

/**
 * Emmett 0.38.5 on a file intermittently fails a COMMIT with "SQLITE_BUSY: cannot commit
 * transaction - SQL statements in progress" (node-sqlite3 finalises its statements
 * asynchronously, and the COMMIT can overtake one; no other process touches the file). The
 * transaction is rolled back, so the append is retried, as a caller would; the time of the failed
 * attempt counts. Emmett also console.logs the error, which is silenced while it runs.
 */
async function timeEmmett(path: string, batches: NewEvent[][], streams: number): Promise<number> {
  const store = getSQLiteEventStore({ fileName: path });
  const log = console.log;
  console.log = () => undefined;
  try {
    // Create the schema before the clock starts, as the other two sides do.
    await store.appendToStream('warm-up', [{ type: 'WarmUp', data: {} }]);
    const next = new Array<bigint | undefined>(streams).fill(undefined);
    const toEmmett = (events: NewEvent[]) =>
      events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata, eventId: e.id } }));
    const started = performance.now();
    for (let n = 0; n < batches.length; n++) {
      const s = n % streams;
      const expected = next[s];
      const events = toEmmett(batches[n]!);
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await store.appendToStream(`elev-${s}`, events, { expectedStreamVersion: expected ?? STREAM_DOES_NOT_EXIST });
          next[s] = result.nextExpectedStreamVersion;
          emmettBusy.appends += 1;
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
          emmettBusy.retried += 1;
        }
      }
    }
    return (performance.now() - started) / 1000;
  } finally {
    console.log = log;
  }
}

/** Emmett's connections (node-sqlite3) run with SQLite's default synchronous; this reads it (2 = FULL). */
export function emmettSynchronous(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path);
    db.run('PRAGMA journal_mode = WAL;');
    db.get('PRAGMA synchronous', (error: Error | null, row: { synchronous: number }) => {
      db.close();
      if (error) reject(error);
      else resolve(row.synchronous);
    });
  });
}

export async function runAppendBench(options: AppendBenchOptions = {}): Promise<AppendBenchCase[]> {
  const runs = options.runs ?? 5;
  const streams = options.streams ?? 10;
  const withEmmett = options.emmett ?? true;
  const dir = mkdtempSync(join(tmpdir(), 'append-bench-'));
  const results: AppendBenchCase[] = [];
  try {
    for (const { batchSize, appends } of options.cases ?? DEFAULT_CASES) {
      const port: number[] = [];
      const raw: number[] = [];
      const emmett: number[] = [];
      const events = batchSize * appends;
      for (let run = 0; run < runs; run++) {
        const batches = makeBatches(batchSize, appends);
        // Rotate the order so no side always runs first (or on a warmer disk cache).
        const sides: (() => Promise<void>)[] = [
          async () => void port.push(events / (await timePort(join(dir, `port-${batchSize}-${run}.db`), batches, streams))),
          async () => void raw.push(events / timeRaw(join(dir, `raw-${batchSize}-${run}.db`), batches, streams)),
          ...(withEmmett
            ? [async () => void emmett.push(events / (await timeEmmett(join(dir, `emmett-${batchSize}-${run}.db`), batches, streams)))]
            : []),
        ];
        for (let k = 0; k < sides.length; k++) await sides[(run + k) % sides.length]!();
      }
      const portEventsPerSecond = median(port);
      const rawEventsPerSecond = median(raw);
      const emmettEventsPerSecond = withEmmett ? median(emmett) : null;
      results.push({
        batchSize,
        appends,
        portEventsPerSecond,
        rawEventsPerSecond,
        emmettEventsPerSecond,
        ratio: portEventsPerSecond / rawEventsPerSecond,
        ratioToEmmett: emmettEventsPerSecond ? portEventsPerSecond / emmettEventsPerSecond : null,
        runs,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runAppendBench({ runs: Number(process.env.BENCH_RUNS ?? 5) });
  if (process.argv.includes('--json')) {
    const probe = join(tmpdir(), `emmett-sync-${process.pid}.db`);
    const synchronous = await emmettSynchronous(probe);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${probe}${suffix}`, { force: true });
    emitResult({ cases: results, emmettSynchronous: synchronous, emmettBusy, peakRssMiB: ownPeakRssMiB() });
  } else {
    console.log('batch  appends  port ev/s  raw ev/s  emmett ev/s  port/raw  port/emmett');
    for (const r of results) {
      console.log(
        `${String(r.batchSize).padStart(5)}  ${String(r.appends).padStart(7)}  ${r.portEventsPerSecond.toFixed(0).padStart(9)}  ${r.rawEventsPerSecond
          .toFixed(0)
          .padStart(
            8,
          )}  ${(r.emmettEventsPerSecond ?? 0).toFixed(0).padStart(11)}  ${r.ratio.toFixed(2).padStart(8)}  ${(r.ratioToEmmett ?? 0).toFixed(2).padStart(11)}`,
      );
    }
  }
}
