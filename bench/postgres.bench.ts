/**
 * The PostgreSQL part of `npm run bench`: the append, rebuild and HTTP figures of the other parts
 * measured again on PostgreSQL (POSTGRES_URL, else the local server), in a database of the run's
 * own, with their floors and the SQLite figures of the same run beside them.
 *
 * - append: the port on PostgreSQL against raw node-postgres INSERTs of the same rows in one
 *   transaction per append (same table and indexes, the server's default durability:
 *   synchronous_commit on), and against the SQLite port on the same batches;
 * - rebuild: the generated year copied into PostgreSQL (`copyAllEvents`, timed), then every
 *   projection rebuilt from it into a fresh schema, beside reading `$all` alone from it (each run
 *   a child process, as on SQLite);
 * - http: the service on that database (its first start: projections and saga catching up), then
 *   POST absence with 50 connections and the 600-student absence list with 10.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { copyAllEvents } from '#event-store/copy-events.js';
import type { NewEvent } from '#event-store/event-store.port.js';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { makeBatches, timePort } from './append.bench.js';
import type { Dataset } from './dataset.js';
import {
  fire,
  readRss,
  scenarios,
  sign,
  startService,
  summarise,
  type HttpScenarioResult,
  type RunningService,
  type Scenario,
} from './http.bench.js';
import type { ReadRunResult, RebuildRunResult } from './rebuild.bench.js';
import { median, round, runChild } from './support.js';
import type { Row } from './table.js';
import { postgresAdmin, withDatabase } from '#testing/postgres.js';

const distBench = dirname(fileURLToPath(import.meta.url));
const CASES = [
  { batchSize: 1, appends: 300 },
  { batchSize: 10, appends: 100 },
  { batchSize: 100, appends: 30 },
];

export interface PostgresBenchOptions {
  url: string;
  runs: number;
  httpSeconds: number;
  log: (line: string) => void;
  /** What the SQLite parts of this run measured, by figure name, for the ratios. */
  sqlite: (figure: string) => number | undefined;
}

/** Raw node-postgres: the same rows, one transaction per append, revisions kept in memory, constant hashes, no checks. */
async function timeRawPg(url: string, schema: string, batches: NewEvent[][], streams: number): Promise<number> {
  const setup = new PostgresEventStore({ connectionString: url, schema });
  await setup.headPosition(); // creates the table, as the port's side has it
  await setup.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const revisions = new Array<number>(streams).fill(-1);
  const hash = 'f'.repeat(64);
  let position = 0;
  const started = performance.now();
  for (let n = 0; n < batches.length; n++) {
    const s = n % streams;
    const recordedAt = new Date().toISOString();
    const values: unknown[] = [];
    const tuples = batches[n]!.map((e, i) => {
      revisions[s]! += 1;
      position += 1;
      values.push(position, e.id, `elev-${s}`, revisions[s], e.type, e.schemaVersion, revisions[s] === 0 ? null : hash, hash);
      values.push(JSON.stringify({ ...e.metadata, recordedAt }), JSON.stringify(e.data));
      return `(${Array.from({ length: 10 }, (_, c) => `$${i * 10 + c + 1}`).join(', ')})`;
    });
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "${schema}".events (position, id, stream, revision, type, schema_version, previous_hash, hash, metadata, data) VALUES ${tuples.join(', ')}`,
      values,
    );
    await client.query('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

async function timePgPort(url: string, schema: string, batches: NewEvent[][], streams: number): Promise<number> {
  const store = new PostgresEventStore({ connectionString: url, schema });
  await store.headPosition();
  const next = new Array<number | 'no-stream'>(streams).fill('no-stream');
  const started = performance.now();
  for (let n = 0; n < batches.length; n++) {
    const s = n % streams;
    next[s] = (await store.appendToStream(`elev-${s}`, batches[n]!, { expectedRevision: next[s]! })).nextRevision;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return seconds;
}

async function appendFigures(url: string, runs: number, rows: Row[], log: (line: string) => void): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-append-bench-'));
  const out = [];
  try {
    for (const { batchSize, appends } of CASES) {
      log(`postgres: appends in batches of ${batchSize}, ${runs} runs (port, raw node-postgres, SQLite port)…`);
      const port: number[] = [];
      const raw: number[] = [];
      const sqlite: number[] = [];
      const events = batchSize * appends;
      for (let run = 0; run < runs; run++) {
        const batches = makeBatches(batchSize, appends);
        const schema = `append_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        const sides = [
          async () => void port.push(events / (await timePgPort(url, `${schema}_p`, batches, 10))),
          async () => void raw.push(events / (await timeRawPg(url, `${schema}_r`, batches, 10))),
          async () => void sqlite.push(events / (await timePort(join(dir, `sqlite-${batchSize}-${run}.db`), batches, 10))),
        ];
        for (let k = 0; k < sides.length; k++) await sides[(run + k) % sides.length]!();
        await postgresAdmin(`DROP SCHEMA IF EXISTS "${schema}_p" CASCADE; DROP SCHEMA IF EXISTS "${schema}_r" CASCADE`, url);
      }
      const label = batchSize === 1 ? 'single-event appends' : `batches of ${batchSize}`;
      const [p, r, s] = [median(port), median(raw), median(sqlite)];
      rows.push({
        part: 'postgres',
        figure: `port on PostgreSQL, ${label}`,
        value: p,
        unit: 'events/s',
        note: `${appends} appends × ${runs} runs`,
      });
      rows.push({
        part: 'postgres',
        figure: `raw node-postgres, ${label}`,
        value: r,
        unit: 'events/s',
        note: 'the floor: same rows, no checks',
      });
      rows.push({ part: 'postgres', figure: `  PostgreSQL port/raw, ${label}`, value: round(p / r, 2), unit: 'ratio' });
      rows.push({
        part: 'postgres',
        figure: `  PostgreSQL/SQLite port, ${label}`,
        value: round(p / s, 2),
        unit: 'ratio',
        note: `SQLite port ${Math.round(s)} events/s`,
      });
      out.push({ batchSize, appends, port, raw, sqlite });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function rebuildFigures(dataset: Dataset, url: string, runs: number, rows: Row[], o: PostgresBenchOptions): Promise<unknown> {
  o.log(`postgres: copying the ${dataset.size} year (${dataset.summary.events.toLocaleString('en-US')} events) into PostgreSQL…`);
  const source = new SqliteEventStore({ path: dataset.eventsFile });
  const target = new PostgresEventStore({ connectionString: url });
  const started = performance.now();
  try {
    await copyAllEvents(source, target, undefined, { batchSize: 2000 });
  } finally {
    await source.close();
    await target.close();
  }
  const copySeconds = (performance.now() - started) / 1000;
  rows.push({
    part: 'postgres',
    figure: 'copy of the year into PostgreSQL (cli copy)',
    value: Math.round(dataset.summary.events / copySeconds),
    unit: 'events/s',
    note: `${round(copySeconds, 1)} s, once`,
  });
  const rebuilds: RebuildRunResult[] = [];
  const reads: ReadRunResult[] = [];
  for (let i = 0; i < runs; i++) {
    o.log(`postgres: rebuild of all projections from PostgreSQL, run ${i + 1} of ${runs}…`);
    rebuilds.push(
      (await runChild<RebuildRunResult>(join(distBench, 'rebuild.bench.js'), ['--events', dataset.eventsFile, '--postgres', url, '--json']))
        .result,
    );
    o.log(`  ${rebuilds.at(-1)!.eventsPerSecond} events/s; reading $all alone from PostgreSQL…`);
    reads.push(
      (
        await runChild<ReadRunResult>(join(distBench, 'rebuild.bench.js'), [
          '--events',
          dataset.eventsFile,
          '--postgres',
          url,
          '--read',
          'all',
          '--json',
        ])
      ).result,
    );
  }
  const rate = median(rebuilds.map((r) => r.eventsPerSecond));
  const read = median(reads.map((r) => r.eventsPerSecond));
  const sqliteRate = o.sqlite(`all ${Object.keys(rebuilds[0]!.perProjection).length} projections from empty`);
  rows.push({
    part: 'postgres',
    figure: 'all projections from empty, on PostgreSQL',
    value: rate,
    unit: 'events/s',
    note: `${median(rebuilds.map((r) => r.seconds))} s, peak RSS ${median(rebuilds.map((r) => r.peakRssMiB))} MiB`,
  });
  rows.push({
    part: 'postgres',
    figure: '  reading $all alone from PostgreSQL',
    value: read,
    unit: 'events/s',
    note: `${median(reads.map((r) => r.seconds))} s`,
  });
  rows.push({ part: 'postgres', figure: '  rebuild/read on PostgreSQL', value: round(rate / read, 2), unit: 'ratio' });
  if (sqliteRate)
    rows.push({
      part: 'postgres',
      figure: '  rebuild PostgreSQL/SQLite',
      value: round(rate / sqliteRate, 2),
      unit: 'ratio',
      note: `SQLite ${sqliteRate} events/s`,
    });
  return { copySeconds, rebuilds, reads };
}

/** Until every projection and the saga have reached the head of the database's log. */
async function waitCaughtUp(service: RunningService, url: string, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ops = await sign({ sub: 'bench-ops', roles: ['ops'], schools: [], groups: [] });
    let lastLog = 0;
    for (;;) {
      const head = Number((await client.query<{ p: string }>('SELECT coalesce(max(position), 0) AS p FROM events')).rows[0]!.p);
      const saga = Number(
        (await client.query<{ p: string }>("SELECT coalesce(max(position), 0) AS p FROM checkpoints WHERE projection = 'saga-concern'"))
          .rows[0]?.p ?? 0,
      );
      const details = (await (await fetch(`${service.url}/health/details`, { headers: { authorization: `Bearer ${ops}` } })).json()) as {
        details: { projections: { position: number }[] };
      };
      const lowest = Math.min(...details.details.projections.map((p) => p.position));
      if (lowest >= head && saga >= head) return head;
      if (Date.now() - lastLog > 15_000) {
        log(`  catching up on PostgreSQL: projections at ${lowest}, saga at ${saga}, head ${head}`);
        lastLog = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await client.end();
  }
}

async function httpFigures(dataset: Dataset, url: string, o: PostgresBenchOptions, rows: Row[]): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pg-http-bench-'));
  try {
    o.log('postgres: first start of the service on PostgreSQL (projections and the concern saga catching up)…');
    const started = performance.now();
    const service = await startService(dataDir, dataset.summary.businessDateCap, { POSTGRES_URL: url });
    const results: HttpScenarioResult[] = [];
    let peak: number | null = null;
    try {
      const head = await waitCaughtUp(service, url, o.log);
      const firstStart = (performance.now() - started) / 1000;
      rows.push({
        part: 'postgres',
        figure: 'first start of the service on PostgreSQL',
        value: round(firstStart, 1),
        unit: 's',
        note: `${head.toLocaleString('en-US')} events`,
      });
      const all = await scenarios(dataset, dataset.dir, {
        runs: o.runs,
        durationSeconds: o.httpSeconds,
        readConnections: [10],
        writeConnections: 50,
      });
      const wanted: Scenario[] = all.filter((s) => s.name === 'POST absence' || s.name === 'GET absence list (600 students)');
      for (const scenario of wanted) {
        await fire(service.url, scenario, 2);
        const runs = [];
        for (let i = 0; i < o.runs; i++) runs.push(await fire(service.url, scenario, o.httpSeconds));
        const s = summarise(scenario, o.httpSeconds, runs);
        o.log(`  ${s.name} (${s.connections} conn.) on PostgreSQL: ${s.requestsPerSecond} req/s, p99 ${s.p99Ms} ms (${s.non2xx} non-2xx)`);
        results.push(s);
        const name = `${s.name}, ${s.connections} conn.`;
        const bad = s.non2xx + s.errors + s.timeouts;
        rows.push({
          part: 'postgres',
          figure: `${name} on PostgreSQL: throughput`,
          value: s.requestsPerSecond,
          unit: 'req/s',
          note: `${s.runs} × ${s.durationSeconds} s${bad ? `; ${bad} failed` : ''}`,
        });
        rows.push({ part: 'postgres', figure: `${name} on PostgreSQL: p99`, value: s.p99Ms, unit: 'ms' });
        const sqliteRps = o.sqlite(`${name}: throughput`);
        const sqliteP99 = o.sqlite(`${name}: p99`);
        if (sqliteRps)
          rows.push({
            part: 'postgres',
            figure: `  ${s.name}: throughput PostgreSQL/SQLite`,
            value: round(s.requestsPerSecond / sqliteRps, 2),
            unit: 'ratio',
          });
        if (sqliteP99)
          rows.push({
            part: 'postgres',
            figure: `  ${s.name}: p99 PostgreSQL/SQLite`,
            value: round(s.p99Ms / sqliteP99, 2),
            unit: 'ratio',
          });
      }
      peak = service.child.pid ? readRss(service.child.pid) : null;
    } finally {
      const stopped = await service.stop();
      peak = stopped ?? peak;
    }
    rows.push({ part: 'postgres', figure: 'peak RSS (service on PostgreSQL)', value: peak === null ? null : round(peak, 1), unit: 'MiB' });
    return { scenarios: results, servicePeakRssMiB: peak };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the PostgreSQL figures in a database of their own, dropped at the end. */
export async function runPostgresBench(dataset: Dataset, o: PostgresBenchOptions, rows: Row[]): Promise<unknown> {
  const database = `bench_${Date.now()}_${process.pid}`;
  await postgresAdmin(`CREATE DATABASE ${database}`, o.url);
  const url = withDatabase(o.url, database);
  try {
    const append = await appendFigures(url, Math.max(o.runs, 3), rows, o.log);
    const rebuild = await rebuildFigures(dataset, url, o.runs, rows, o);
    const http = await httpFigures(dataset, url, o, rows);
    return { database, append, rebuild, http };
  } finally {
    await postgresAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, o.url).catch(() => undefined);
  }
}
