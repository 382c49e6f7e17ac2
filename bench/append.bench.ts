/**
 * Append throughput of SqliteEventStore against raw better-sqlite3 inserts of the same rows with the
 * same durability (WAL, synchronous=FULL, one transaction per append). The raw side is the floor:
 * prepared INSERTs of JSON.stringify'd payloads with revisions tracked in memory, constant 64-hex
 * strings in the hash columns (same row sizes) and no hashing, revision check or idempotency. Run: `node dist/bench/append.bench.js` (after the build).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { NewEvent } from '../libs/event-store/event-store.port.js';
import { SqliteEventStore } from '../libs/event-store/sqlite/sqlite-event-store.js';
import { openSchema } from '../libs/event-store/sqlite/schema.js';

export interface AppendBenchCase {
  batchSize: number;
  appends: number;
  /** Medians over the runs, events per second. */
  portEventsPerSecond: number;
  rawEventsPerSecond: number;
  /** port / raw: the goal is ≥ 0.6. */
  ratio: number;
}

export interface AppendBenchOptions {
  runs?: number;
  cases?: { batchSize: number; appends: number }[];
  streams?: number;
}

const DEFAULT_CASES = [
  { batchSize: 1, appends: 300 },
  { batchSize: 10, appends: 100 },
  { batchSize: 100, appends: 30 },
];

function makeBatches(batchSize: number, appends: number): NewEvent[][] {
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

async function timePort(path: string, batches: NewEvent[][], streams: number): Promise<number> {
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
      insert.run(e.id, stream, revisions[s]!, e.type, e.schemaVersion, revisions[s] === 0 ? null : hash, hash, JSON.stringify({ ...e.metadata, recordedAt }), JSON.stringify(e.data));
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runAppendBench(options: AppendBenchOptions = {}): Promise<AppendBenchCase[]> {
  const runs = options.runs ?? 5;
  const streams = options.streams ?? 10;
  const dir = mkdtempSync(join(tmpdir(), 'append-bench-'));
  const results: AppendBenchCase[] = [];
  try {
    for (const { batchSize, appends } of options.cases ?? DEFAULT_CASES) {
      const port: number[] = [];
      const raw: number[] = [];
      const events = batchSize * appends;
      for (let run = 0; run < runs; run++) {
        const batches = makeBatches(batchSize, appends);
        // Alternate the order so neither side always runs on a warmer disk cache.
        const portFirst = run % 2 === 0;
        if (!portFirst) raw.push(events / timeRaw(join(dir, `raw-${batchSize}-${run}.db`), batches, streams));
        port.push(events / (await timePort(join(dir, `port-${batchSize}-${run}.db`), batches, streams)));
        if (portFirst) raw.push(events / timeRaw(join(dir, `raw-${batchSize}-${run}.db`), batches, streams));
      }
      const portEventsPerSecond = median(port);
      const rawEventsPerSecond = median(raw);
      results.push({ batchSize, appends, portEventsPerSecond, rawEventsPerSecond, ratio: portEventsPerSecond / rawEventsPerSecond });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runAppendBench();
  console.log('batch  appends  port ev/s  raw ev/s  port/raw');
  for (const r of results) {
    console.log(
      `${String(r.batchSize).padStart(5)}  ${String(r.appends).padStart(7)}  ${r.portEventsPerSecond.toFixed(0).padStart(9)}  ${r.rawEventsPerSecond
        .toFixed(0)
        .padStart(8)}  ${r.ratio.toFixed(2).padStart(8)}`,
    );
  }
}
