/**
 * `npm run bench`: runs the benchmark parts, prints one table (every figure a median of
 * several runs) and writes it with the machine's facts to `bench/results/<date>[-size].json`
 * (`<date>-small.json` for the small size). A partial run (BENCH_PARTS) replaces its parts' rows in
 * that day's file and keeps the rows of the others, each marked with the run (`from`) it came from.
 *
 *   BENCH_PARTS=append,rebuild,first-start,http,concern,postgres,crypto,scale   which parts (default all but
 *                                             scale, the scaling table's short rebuild part; postgres is
 *                                             skipped, and says so, when no PostgreSQL answers)
 *   BENCH_POSTGRES_URL=<url>                  the server for the postgres part (default POSTGRES_URL,
 *                                             else postgres://postgres@127.0.0.1:5432/postgres); it
 *                                             creates a database of its own and drops it after
 *   BENCH_SIZE=small|default|large            the generated municipality (default: 40 schools, 20,000
 *                                             students; small 2,000; large 60,000, for the scaling table)
 *   BENCH_SEED=skolefravaer                   generator seed
 *   BENCH_RUNS=<n>                            runs per figure (default 5 for append, 3 for the others)
 *   BENCH_HTTP_SECONDS=<s>                    seconds per autocannon run (default 10; small 5)
 *   BENCH_DATA_DIR=<dir>                      where generated data are cached (default bench/.data)
 *
 * Each part that measures memory runs in its own process: append, rebuild (one child per run)
 * and concern in children of this one, HTTP against the service in a child (bench/serve.ts)
 * with autocannon here. Peak RSS is the kernel's high-water mark of that process.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { CryptoAppendCase } from './crypto.bench.js';
import { encryptExisting } from '#cli/copy/encrypt-existing.js';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppendBenchCase } from './append.bench.js';
import type { ConcernBenchResult } from './concern.bench.js';
import { ensureDataset, REPO_ROOT, SIZES, type BenchSize, type Dataset } from './dataset.js';
import { ensureDateOrdered } from '#testing/date-ordered.js';
import { firstStartRuns, type FirstStartRun } from './first-start.bench.js';
import { LIST_FLOOR, runHttpBench, SERVICE_NODE_FLAGS, type HttpBenchResult } from './http.bench.js';
import type { ReadRunResult, RebuildRunResult } from './rebuild.bench.js';
import { machineInfo, median, pinnedToOneCpu, round, runChild } from './support.js';
import { formatTable, type Part, type Row } from './table.js';
import pg from 'pg';
import { runPostgresBench } from './postgres.bench.js';

const distBench = dirname(fileURLToPath(import.meta.url));
const PARTS: readonly Part[] = ['append', 'rebuild', 'first-start', 'http', 'concern', 'postgres', 'crypto', 'scale'];
/** `scale` repeats what `rebuild` measures first, for the scaling table: not in a run that names no parts. */
const DEFAULT_PARTS = PARTS.filter((p) => p !== 'scale');

const log = (line: string) => process.stderr.write(`${line}\n`);

function parseParts(raw: string | undefined): Part[] {
  if (!raw?.trim()) return [...DEFAULT_PARTS];
  const wanted = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown BENCH_PARTS ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return PARTS.filter((p) => wanted.includes(p));
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}

async function appendPart(runs: number, rows: Row[]): Promise<unknown> {
  log(`append: ${runs} runs of each batch size (port, raw better-sqlite3, Emmett)…`);
  const { result } = await runChild<{
    cases: AppendBenchCase[];
    emmettSynchronous: number;
    emmettBusy: { retried: number; appends: number };
    peakRssMiB: number;
  }>(join(distBench, 'append.bench.js'), ['--json'], { env: { BENCH_RUNS: String(runs) } });
  for (const c of result.cases) {
    const label = c.batchSize === 1 ? 'single-event appends' : `batches of ${c.batchSize}`;
    rows.push({
      part: 'append',
      figure: `port, ${label}`,
      value: c.portEventsPerSecond,
      unit: 'events/s',
      note: `${c.appends} appends × ${runs} runs`,
    });
    rows.push({
      part: 'append',
      figure: `raw better-sqlite3, ${label}`,
      value: c.rawEventsPerSecond,
      unit: 'events/s',
      note: 'physical limit (WAL, synchronous=FULL)',
    });
    rows.push({ part: 'append', figure: `Emmett SQLite 0.38.5, ${label}`, value: c.emmettEventsPerSecond, unit: 'events/s' });
    rows.push({ part: 'append', figure: `port/raw, ${label}`, value: c.ratio, unit: 'ratio', bar: '≥ 0.60', met: c.ratio >= 0.6 });
    rows.push({ part: 'append', figure: `port/Emmett, ${label}`, value: c.ratioToEmmett, unit: 'ratio' });
  }
  rows.push({
    part: 'append',
    figure: 'peak RSS (append process)',
    value: result.peakRssMiB,
    unit: 'MiB',
    note: `Emmett: synchronous=${result.emmettSynchronous}, ${result.emmettBusy.retried} SQLITE_BUSY commits retried in ${result.emmettBusy.appends} appends`,
  });
  return result;
}

/** `runs` rebuilds, each in a fresh child process; `projections` limits them to those read models. */
async function rebuildRuns(
  dataset: Dataset,
  runs: number,
  label: string,
  projections?: string,
  launcher?: readonly string[],
): Promise<RebuildRunResult[]> {
  const results: RebuildRunResult[] = [];
  for (let i = 0; i < runs; i++) {
    log(`rebuild: ${label}, run ${i + 1} of ${runs} over ${dataset.summary.events.toLocaleString('en-US')} events…`);
    const args = ['--events', dataset.eventsFile, ...(projections ? ['--projections', projections] : []), '--json'];
    const { result } = await runChild<RebuildRunResult>(join(distBench, 'rebuild.bench.js'), args, launcher ? { launcher } : {});
    log(`  ${result.eventsPerSecond} events/s in ${result.seconds} s, peak RSS ${result.peakRssMiB} MiB`);
    results.push(result);
  }
  return results;
}

/** `runs` reads of the whole log alone (rebuild.bench.ts `readOnce`), each in a fresh child process. */
async function readRuns(eventsFile: string, runs: number, order: 'all' | 'by-stream'): Promise<ReadRunResult[]> {
  const results: ReadRunResult[] = [];
  for (let i = 0; i < runs; i++) {
    log(`rebuild: reading ${eventsFile} ${order === 'all' ? 'in $all order' : 'stream by stream'} alone, run ${i + 1} of ${runs}…`);
    const { result } = await runChild<ReadRunResult>(join(distBench, 'rebuild.bench.js'), [
      '--events',
      eventsFile,
      '--read',
      order,
      '--json',
    ]);
    log(`  ${result.eventsPerSecond} events/s in ${result.seconds} s`);
    results.push(result);
  }
  return results;
}

/** A read alone is the ceiling of a rebuild on one thread; shown under the rebuild it bounds. */
function floorRow(rows: Row[], figure: string, results: ReadRunResult[]): void {
  const seconds = median(results.map((r) => r.seconds));
  rows.push({
    part: 'rebuild',
    figure,
    value: median(results.map((r) => r.eventsPerSecond)),
    unit: 'events/s',
    note: `${seconds} s; no projection work: the ceiling on one thread`,
  });
}

/** The rate row (bar: 100,000 events/s) and the peak-RSS row (bar: 512 MiB) of a set of rebuild runs. */
function rebuildRows(
  rows: Row[],
  results: RebuildRunResult[],
  rate: { figure: string; note: string },
  rss: { figure: string; bar: string },
): void {
  const value = median(results.map((r) => r.eventsPerSecond));
  const peak = median(results.map((r) => r.peakRssMiB));
  rows.push({ part: 'rebuild', figure: rate.figure, value, unit: 'events/s', bar: '≥ 100,000', met: value >= 100_000, note: rate.note });
  rows.push({
    part: 'rebuild',
    figure: rss.figure,
    value: peak,
    unit: 'MiB',
    bar: rss.bar,
    met: peak <= 512,
    note: `max of runs ${Math.max(...results.map((r) => r.peakRssMiB))} MiB`,
  });
}

async function rebuildPart(dataset: Dataset, runs: number, rows: Row[]): Promise<unknown> {
  const results = await rebuildRuns(dataset, runs, 'all projections');
  const events = results[0]!.events;
  const seconds = median(results.map((r) => r.seconds));
  rebuildRows(
    rows,
    results,
    {
      figure: `all ${Object.keys(results[0]!.perProjection).length} projections from empty`,
      note: `${events.toLocaleString('en-US')} events in ${seconds} s`,
    },
    { figure: 'peak RSS (rebuild process)', bar: events >= 1_000_000 ? '≤ 512 for 1M events' : '≤ 512 (bar set at 1M events)' },
  );
  for (const name of Object.keys(results[0]!.perProjection)) {
    rows.push({ part: 'rebuild', figure: `  ${name} done after`, value: median(results.map((r) => r.perProjection[name]!)), unit: 's' });
  }
  const readAll = await readRuns(dataset.eventsFile, runs, 'all');
  floorRow(rows, '  reading $all alone, whole events', readAll);
  // The same events in the order they happened (libs/testing/date-ordered.ts): what a real log looks like.
  const dateOrdered = ensureDateOrdered(dataset, log);
  const byDate = await rebuildRuns({ ...dataset, eventsFile: dateOrdered }, runs, 'all projections, the year in business-date order');
  rebuildRows(
    rows,
    byDate,
    {
      figure: '  the same, events in business-date order',
      note: `${median(byDate.map((r) => r.seconds))} s; students interleaved as in a real log`,
    },
    { figure: '  its peak RSS', bar: '≤ 512' },
  );
  // There the stream-partitioned projections read stream by stream and the others $all: both reads.
  const readByStream = await readRuns(dateOrdered, runs, 'by-stream');
  floorRow(rows, '  reading it stream by stream alone', readByStream);
  const reads = { all: readAll, byDateStreamByStream: readByStream };
  const rate = (r: { eventsPerSecond: number }[]) => median(r.map((x) => x.eventsPerSecond));
  const readRatio = (figure: string, rebuilt: number, read: number) => {
    const value = round(rebuilt / read, 3);
    rows.push({ part: 'rebuild', figure, value, unit: 'ratio', bar: '≥ 0.6', met: value >= 0.6 });
  };
  readRatio('rebuild of all projections / reading $all alone', rate(results), rate(readAll));
  readRatio('rebuild in business-date order / reading it stream by stream alone', rate(byDate), rate(readByStream));
  // Issue 4's aim is for the absence list's and the concern query's read model on one core: rebuilt
  // alone, in one thread (V8's helper threads free to use the other cores), and pinned to one CPU.
  const aloneRow = (figure: string, runsOf: RebuildRunResult[], note: string): void => {
    const rate = median(runsOf.map((r) => r.eventsPerSecond));
    rows.push({ part: 'rebuild', figure, value: rate, unit: 'events/s', bar: '≥ 100,000 on one core', met: rate >= 100_000, note });
  };
  const alone = await rebuildRuns(dataset, runs, 'student-absence alone', 'student-absence');
  aloneRow(
    'student-absence alone (absence list, concern)',
    alone,
    `one thread; ${median(alone.map((r) => r.seconds))} s, peak RSS ${median(alone.map((r) => r.peakRssMiB))} MiB`,
  );
  const pin = pinnedToOneCpu();
  if (!pin) {
    log('rebuild: no taskset here, so no run pinned to one CPU');
    return { runs: results, byDate, reads, studentAbsenceAlone: alone };
  }
  const pinned = await rebuildRuns(dataset, runs, 'student-absence alone, pinned to CPU 0', 'student-absence', pin);
  aloneRow(
    '  the same, pinned to one CPU (taskset)',
    pinned,
    `GC and compiler threads share that CPU; ${median(pinned.map((r) => r.seconds))} s`,
  );
  return { runs: results, byDate, reads, studentAbsenceAlone: alone, studentAbsencePinned: pinned };
}

/** The scaling table's rebuild figures (BENCHMARKS.md): all projections from empty, nothing else. */
async function scalePart(dataset: Dataset, runs: number, rows: Row[]): Promise<RebuildRunResult[]> {
  const results = await rebuildRuns(dataset, runs, 'all projections (scaling table)');
  rows.push({
    part: 'scale',
    figure: `all ${Object.keys(results[0]!.perProjection).length} projections from empty`,
    value: median(results.map((r) => r.eventsPerSecond)),
    unit: 'events/s',
    note: `${results[0]!.events.toLocaleString('en-US')} events in ${median(results.map((r) => r.seconds))} s; ${dataset.summary.students.toLocaleString('en-US')} students`,
  });
  rows.push({ part: 'scale', figure: 'peak RSS (rebuild process)', value: median(results.map((r) => r.peakRssMiB)), unit: 'MiB' });
  return results;
}

async function firstStartPart(dataset: Dataset, runs: number, rows: Row[]): Promise<FirstStartRun[]> {
  const results = await firstStartRuns(dataset, runs, log);
  const seconds = median(results.map((r) => r.seconds));
  rows.push({
    part: 'first-start',
    figure: 'first start on the business-date year (projections and the concern saga catching up)',
    value: seconds,
    unit: 's',
    bar: '≤ 60',
    met: seconds <= 60,
    note: `${results[0]!.head.toLocaleString('en-US')} events; empty read models`,
  });
  const projections = results.map((r) => r.projectionsAtHeadSeconds).filter((s): s is number => s !== null);
  if (projections.length > 0)
    rows.push({ part: 'first-start', figure: '  projections at the head after', value: median(projections), unit: 's' });
  const peaks = results.map((r) => r.peakRssMiB).filter((s): s is number => s !== null);
  if (peaks.length > 0) rows.push({ part: 'first-start', figure: '  peak RSS (service)', value: median(peaks), unit: 'MiB' });
  return results;
}

async function httpPart(dataset: Dataset, runs: number, seconds: number, rows: Row[]): Promise<HttpBenchResult> {
  log(`http: ${runs} runs of ${seconds} s per scenario…`);
  const result = await runHttpBench(dataset, { runs, durationSeconds: seconds, log });
  const bars: Record<string, { rps?: number; p99?: number }> = {
    'POST absence': { rps: 1500, p99: 50 },
    'POST absence to a follower (leader projects)': { rps: 1500, p99: 50 },
    'GET absence list (600 students)': { p99: 50 },
    [LIST_FLOOR]: {},
    'GET PPT statistics': { p99: 100 },
  };
  for (const s of result.scenarios) {
    const bar = bars[s.name] ?? {};
    const bad = s.non2xx + s.errors + s.timeouts;
    const note = `${s.runs} × ${s.durationSeconds} s${bad ? `; ${s.non2xx} non-2xx, ${s.errors} errors, ${s.timeouts} timeouts` : ''}`;
    const name = `${s.name}, ${s.connections} conn.`;
    rows.push({
      part: 'http',
      figure: `${name}: throughput`,
      value: s.requestsPerSecond,
      unit: 'req/s',
      ...(bar.rps ? { bar: `≥ ${bar.rps.toLocaleString('en-US')}`, met: s.requestsPerSecond >= bar.rps } : {}),
      note,
    });
    rows.push({ part: 'http', figure: `${name}: p50`, value: s.p50Ms, unit: 'ms' });
    rows.push({
      part: 'http',
      figure: `${name}: p99`,
      value: s.p99Ms,
      unit: 'ms',
      ...(bar.p99 ? { bar: `≤ ${bar.p99}`, met: s.p99Ms <= bar.p99 } : {}),
    });
    if (s.connections > 1) {
      // Kept out of the figures above: libuv accepts one connection per turn of the event loop (steady-state.ts).
      const admission = `every connection answered after ${s.allAnsweredAfterMs.toLocaleString('en-US')} ms; not in the figures above`;
      rows.push({ part: 'http', figure: `${name}: slowest first answer`, value: s.slowestFirstAnswerMs, unit: 'ms', note: admission });
    }
  }
  rows.push({
    part: 'http',
    figure: 'peak RSS (service)',
    value: result.servicePeakRssMiB,
    unit: 'MiB',
    bar: '≤ 400 at default size',
    met: result.servicePeakRssMiB !== null && result.servicePeakRssMiB <= 400,
    note: `${result.serviceRssAtReadyMiB} MiB when ready; catch-up at start ${result.startSeconds} s; ${SERVICE_NODE_FLAGS.join(' ')}`,
  });
  floorRatioRows(result, rows);
  rows.push({ part: 'http', figure: 'peak RSS (following instance)', value: result.followerPeakRssMiB, unit: 'MiB' });
  return result;
}

/** Issue 25's aims, as ratios to the floors measured in the same run (BENCHMARKS.md, eleventh round). */
function floorRatioRows(result: HttpBenchResult, rows: Row[]): void {
  const find = (name: string, connections: number) => result.scenarios.find((s) => s.name === name && s.connections === connections);
  const post = find('POST absence', 50);
  const follower = find('POST absence to a follower (leader projects)', 50);
  const bare = find('POST to a bare NestJS app (empty handler: the floor)', 50);
  const list = find('GET absence list (600 students)', 10);
  const listFloor = find(LIST_FLOOR, 10);
  const ratio = (figure: string, a: number | undefined, b: number | undefined, bar: string, met: (r: number) => boolean, note?: string) => {
    if (a === undefined || b === undefined || b === 0) return;
    const value = round(a / b, 3);
    rows.push({ part: 'http', figure, value, unit: 'ratio', bar, met: met(value), ...(note ? { note } : {}) });
  };
  ratio('POST absence / bare app, throughput', post?.requestsPerSecond, bare?.requestsPerSecond, '≥ 0.25', (r) => r >= 0.25);
  ratio('POST absence / bare app, p99', post?.p99Ms, bare?.p99Ms, '≤ 4', (r) => r <= 4);
  ratio(
    'POST to a follower (leader projects) / bare app, throughput',
    follower?.requestsPerSecond,
    bare?.requestsPerSecond,
    '≥ 0.25',
    (r) => r >= 0.25,
    'projections and the saga in another process',
  );
  ratio(
    'absence list / the same JSON from memory, 10 conn., throughput',
    list?.requestsPerSecond,
    listFloor?.requestsPerSecond,
    '≥ 0.5',
    (r) => r >= 0.5,
  );
}

async function concernPart(runs: number, rows: Row[]): Promise<unknown> {
  log(`concern: ${runs} runs…`);
  const all: { plans: ConcernBenchResult[]; peakRssMiB: number }[] = [];
  for (let i = 0; i < runs; i++)
    all.push((await runChild<{ plans: ConcernBenchResult[]; peakRssMiB: number }>(join(distBench, 'concern.bench.js'), ['--json'])).result);
  const plans = all[0]!.plans.map((p) => p.planId);
  const perPlan = plans.map((planId) => ({
    planId,
    medianMicros: median(all.map((r) => r.plans.find((p) => p.planId === planId)!.medianMicros)),
  }));
  const slowest = perPlan.reduce((a, b) => (b.medianMicros > a.medianMicros ? b : a));
  rows.push({
    part: 'concern',
    figure: 'one evaluation, 200-registration year',
    value: median(perPlan.map((p) => p.medianMicros)),
    unit: 'µs',
    note: `median over ${plans.length} plans; slowest ${slowest.planId} ${slowest.medianMicros} µs`,
  });
  rows.push({ part: 'concern', figure: 'peak RSS (concern process)', value: median(all.map((r) => r.peakRssMiB)), unit: 'MiB' });
  return { perPlan, runs: all };
}

/** The append, rebuild and HTTP figures again on PostgreSQL, with the SQLite figures of this run beside them (postgres.bench.ts). */
async function postgresPart(dataset: Dataset, runs: number, httpSeconds: number, rows: Row[]): Promise<unknown> {
  const url = process.env.BENCH_POSTGRES_URL?.trim() || process.env.POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    log(`postgres: no PostgreSQL answers at ${url.replace(/\/\/[^@]*@/, '//…@')}; part skipped`);
    return { skipped: 'no PostgreSQL' };
  } finally {
    await probe.end().catch(() => undefined);
  }
  const sqlite = (figure: string) =>
    rows.find((r) => r.part !== 'postgres' && r.figure === figure && typeof r.value === 'number')?.value ?? undefined;
  return runPostgresBench(dataset, { url, runs, httpSeconds, log, sqlite: (f) => sqlite(f) ?? undefined }, rows);
}

/**
 * What encryption costs (api.md, Privacy): appends with and without it, and the rebuild of all
 * projections from the dataset sealed by `cli encrypt-existing` (made once, kept beside it)
 * against the same from the plain dataset; runs alternate so that noise falls on both.
 */
async function cryptoPart(dataset: Dataset, runs: number, rows: Row[]): Promise<unknown> {
  log(`crypto: appends with and without encryption, ${runs} runs of each batch size…`);
  const { result: append } = await runChild<{ cases: CryptoAppendCase[]; peakRssMiB: number }>(
    join(distBench, 'crypto.bench.js'),
    ['--append', '--json'],
    {
      env: { BENCH_RUNS: String(runs) },
    },
  );
  for (const c of append.cases) {
    const label = c.batchSize === 1 ? 'single-event appends' : `batches of ${c.batchSize}`;
    rows.push({ part: 'crypto', figure: `appends without encryption, ${label}`, value: c.plainEventsPerSecond, unit: 'events/s' });
    rows.push({ part: 'crypto', figure: `appends with encryption, ${label}`, value: c.encryptedEventsPerSecond, unit: 'events/s' });
    rows.push({
      part: 'crypto',
      figure: `encrypted/plain, ${label}`,
      value: c.ratio,
      unit: 'ratio',
      note: 'personal events (reason, summary)',
    });
  }
  const sealedDir = `${dataset.dir}-sealed`;
  if (!existsSync(join(sealedDir, 'events.sqlite'))) {
    log(`crypto: sealing the dataset into ${sealedDir} (cli encrypt-existing)…`);
    rmSync(sealedDir, { recursive: true, force: true });
    await encryptExisting({ from: 'sqlite', to: 'sqlite', fromDataDir: dataset.dir, toDataDir: sealedDir });
  }
  const plain: RebuildRunResult[] = [];
  const sealed: RebuildRunResult[] = [];
  for (let i = 0; i < runs; i++) {
    plain.push(...(await rebuildRuns(dataset, 1, 'all projections, plain')));
    log(`rebuild: all projections, sealed, run ${i + 1} of ${runs}…`);
    const { result } = await runChild<RebuildRunResult>(join(distBench, 'rebuild.bench.js'), [
      '--events',
      join(sealedDir, 'events.sqlite'),
      '--encrypted',
      '--json',
    ]);
    log(`  ${result.eventsPerSecond} events/s in ${result.seconds} s`);
    sealed.push(result);
  }
  const p = median(plain.map((r) => r.eventsPerSecond));
  const s = median(sealed.map((r) => r.eventsPerSecond));
  rows.push({ part: 'crypto', figure: 'rebuild of all projections, plain log', value: p, unit: 'events/s' });
  rows.push({
    part: 'crypto',
    figure: 'rebuild of all projections, sealed log',
    value: s,
    unit: 'events/s',
    note: 'every personal field opened',
  });
  rows.push({ part: 'crypto', figure: 'rebuild sealed/plain', value: round(s / p, 2), unit: 'ratio' });
  return { append: append.cases, rebuild: { plain, sealed } };
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const startedAt = new Date();
  const parts = parseParts(process.env.BENCH_PARTS);
  const size = (process.env.BENCH_SIZE?.trim() || 'default') as BenchSize;
  if (!(size in SIZES)) throw new Error(`BENCH_SIZE is one of ${Object.keys(SIZES).join(', ')}`);
  const seed = process.env.BENCH_SEED?.trim() || 'skolefravaer';
  const runs = positiveInt(process.env.BENCH_RUNS, 0);
  const httpSeconds = positiveInt(process.env.BENCH_HTTP_SECONDS, size === 'small' ? 5 : 10);
  log(
    `bench: parts ${parts.join(',')}, size ${size}, seed ${seed}; ${machine.cores} × ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}`,
  );

  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  let dataset: Dataset | undefined;
  if (parts.some((p) => p !== 'append' && p !== 'concern')) {
    dataset = await ensureDataset(size, seed, log);
    details.dataset = { dir: dataset.dir, ...dataset.summary, ids: undefined, generatedThisRun: dataset.generated };
  }
  for (const part of parts) {
    if (part === 'append') details.append = await appendPart(runs || 5, rows);
    if (part === 'rebuild') details.rebuild = await rebuildPart(dataset!, runs || 3, rows);
    if (part === 'scale') details.scale = await scalePart(dataset!, runs || 3, rows);
    if (part === 'first-start') details.firstStart = await firstStartPart(dataset!, runs || 3, rows);
    if (part === 'http') details.http = await httpPart(dataset!, runs || 3, httpSeconds, rows);
    if (part === 'concern') details.concern = await concernPart(runs || 3, rows);
    if (part === 'postgres') details.postgres = await postgresPart(dataset!, runs || 3, httpSeconds, rows);
    if (part === 'crypto') details.crypto = await cryptoPart(dataset!, runs || 3, rows);
  }

  const table = formatTable(rows);
  const finishedAt = new Date();
  const loadAtEnd = loadavg().map((l) => round(l, 2));
  console.log(
    `\nnpm run bench (BENCH_SIZE=${size}${process.env.BENCH_PARTS ? ` BENCH_PARTS=${parts.join(',')}` : ''}) ${startedAt.toISOString()}`,
  );
  console.log(
    `${machine.cores} × ${machine.cpuModel}, ${machine.memoryMiB} MiB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at end`,
  );
  if (dataset)
    console.log(
      `data: ${dataset.summary.events.toLocaleString('en-US')} events, ${dataset.summary.schools} schools, ${dataset.summary.students.toLocaleString('en-US')} students, ${dataset.summary.cases.toLocaleString('en-US')} cases (seed ${seed})`,
    );
  console.log(`\n${table}\n`);

  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // One file per day and size, as issue 25 asks (`bench/results/<date>-small.json`): a partial run
  // replaces its own parts' rows and keeps the other parts' rows an earlier run of the day wrote.
  const file = join(dir, `${startedAt.toISOString().slice(0, 10)}${size === 'default' ? '' : `-${size}`}.json`);
  const command = `BENCH_SIZE=${size}${process.env.BENCH_PARTS ? ` BENCH_PARTS=${parts.join(',')}` : ''} npm run bench`;
  const kept = keptFromEarlier(file, parts);
  const json = {
    command,
    startedAt: startedAt.toISOString(),
    seconds: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine: { ...machine, loadAverageAtEnd: loadAtEnd },
    size,
    seed,
    parts: [...new Set([...kept.parts, ...parts])],
    rows: [...kept.rows, ...rows],
    details: { ...kept.details, ...details },
    ...(kept.runs.length > 0 ? { earlierRuns: kept.runs } : {}),
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(json, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(`written to ${file}`);
}

interface ResultsFile {
  command: string;
  startedAt: string;
  parts: Part[];
  rows: (Row & { from?: string })[];
  details: Record<string, unknown>;
  earlierRuns?: { command: string; startedAt: string; parts: Part[] }[];
}

/** What an earlier run of the day wrote to `file` for parts this run does not measure (each row says which run). */
function keptFromEarlier(
  file: string,
  parts: readonly Part[],
): { parts: Part[]; rows: ResultsFile['rows']; details: Record<string, unknown>; runs: NonNullable<ResultsFile['earlierRuns']> } {
  if (!existsSync(file)) return { parts: [], rows: [], details: {}, runs: [] };
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
  const rows = earlier.rows.filter((r) => !parts.includes(r.part)).map((r) => ({ ...r, from: r.from ?? earlier.startedAt }));
  const keptParts = earlier.parts.filter((p) => !parts.includes(p));
  const details = Object.fromEntries(Object.entries(earlier.details).filter(([key]) => !parts.includes(key as Part) && key !== 'dataset'));
  const runs = [...(earlier.earlierRuns ?? []), { command: earlier.command, startedAt: earlier.startedAt, parts: earlier.parts }].filter(
    (run) => rows.some((r) => r.from === run.startedAt),
  );
  return { parts: keptParts, rows, details, runs };
}

await main();
