/**
 * HTTP under autocannon against the real service (bench/serve.ts: createService, bound to
 * 127.0.0.1) on the generated municipality.
 *
 * The service is first started once on a copy of the generated events and left to catch up
 * (every projection and the concern saga at the head), then stopped; that state is kept in
 * `<dataset>/served/` and reused. Each benchmark run copies it to a temporary directory (the
 * POSTs add events) and starts the service there, with CLOCK_TODAY = the generated year's last
 * day and the rate limit lifted (it is per token, and a benchmark is one token).
 *
 * Scenarios (each `runs` times for `duration` seconds after a short warm-up, each run measured from
 * the moment every connection has had its first answer (steady-state.ts); medians reported):
 * - POST /students/:id/absences, 50 connections: a lesson absence on a random school day for
 *   a random student of the municipality (a school leader's token for all schools).
 * - GET /schools/:id/absence-list of the 600-student school (its school leader);
 *   each GET at 1 connection (one user: the latency a request costs) and at 10 (ten at once).
 * - GET /municipalities/:id/ppt-statistics (the municipality role).
 * - GET /cases/:id/history over the sample cases (the auditor; a logged read, so each request
 *   also appends an access-log event).
 * - The POST scenario again, sent to a second instance started with PROJECTOR=follow on the same
 *   data while the first leads (projections and the saga in the first process, commands in the
 *   second).
 * - The POST scenario once more against a bare NestJS app whose handler does nothing
 *   (http-floor.ts), after the service has stopped: the framework's ceiling on this machine; and
 *   the absence list at 10 connections against the same app serving the list's JSON from memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { SignJWT, type JWTPayload } from 'jose';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { RECOMMENDED_NODE_FLAGS } from '#application/stores/node-flags.js';
import type { Dataset } from './dataset.js';
import { steadyFigures, type AdmissionFigures, type ResponseSample, type SteadyFigures } from './steady-state.js';
import { median, peakRssOfPid, round } from './support.js';

const distBench = dirname(fileURLToPath(import.meta.url));

export interface HttpScenarioResult {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  durationSeconds: number;
  runs: number;
  /**
   * Medians over the runs, each measured once every connection had its first answer
   * (steady-state.ts: why the opening of the connections is kept apart).
   */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Medians over the runs: until every connection had its first answer, and the slowest first answer. */
  allAnsweredAfterMs: number;
  slowestFirstAnswerMs: number;
  /** Summed over the runs' windows (non2xx) and whole runs (errors, timeouts). */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  perRun: RunFigures[];
}

/** One run's figures (steady-state.ts), rounded. */
export interface RunFigures extends SteadyFigures, AdmissionFigures {
  errors: number;
  timeouts: number;
}

export interface HttpBenchResult {
  scenarios: HttpScenarioResult[];
  /** VmHWM of the service process over the whole run (catch-up at start, then every scenario). */
  servicePeakRssMiB: number | null;
  /** The following instance's peak RSS (it serves only the last POST scenario). */
  followerPeakRssMiB: number | null;
  /** The service's RSS right after it was ready, before any load. */
  serviceRssAtReadyMiB: number | null;
  /** Seconds from spawn to ready (/health ok, every projection at the head). */
  startSeconds: number;
  eventsAtStart: number;
  eventsAtEnd: number;
}

export interface HttpBenchOptions {
  runs?: number;
  durationSeconds?: number;
  /** Each GET scenario runs at each of these connection counts. Default [1, 10]. */
  readConnections?: number[];
  writeConnections?: number;
  log?: (line: string) => void;
}

const SECRET = randomBytes(32).toString('base64url');
const LIST = 'GET absence list (600 students)';
/** The same list's JSON served from memory by the bare app: the absence list's floor. */
export const LIST_FLOOR = 'GET the same list from memory on a bare NestJS app (the floor)';
/** The service runs with the heap cap the image sets (Dockerfile, apps/api/ops/heap-limit.ts), and so does its floor. */
export const SERVICE_NODE_FLAGS = [...RECOMMENDED_NODE_FLAGS];
/** What a served state is: copied for each run. */
export const SERVED_FILES = ['events.sqlite', 'read-models.sqlite'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  child: ChildProcess;
  port: number;
  url: string;
  /** SIGTERM, wait for exit; returns the peak RSS read just before. */
  stop(): Promise<number | null>;
}

export function startService(dataDir: string, today: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  return startServer('serve.js', {
    AUTH_JWT_SECRET: SECRET,
    DATA_DIR: dataDir,
    CLOCK_TODAY: today,
    RATE_LIMIT_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
    IDEMPOTENCY_DB: join(dataDir, 'idempotency.sqlite'),
    ...extraEnv,
  });
}

/** Spawns `script` (in dist/bench) on a free port and waits until its /health answers. */
export async function startServer(script: string, env: NodeJS.ProcessEnv): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, join(distBench, script)], {
    env: { ...process.env, PORT: String(port), ...env },
    // Request logs go nowhere; pino still formats them, as in production.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (!alive) throw new Error(`${script} exited during start:\n${stderr}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    child,
    port,
    url,
    async stop() {
      const peak = child.pid ? peakRssOfPid(child.pid) : null;
      if (alive) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      return peak;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headOf(eventsFile: string): number {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number }).p;
  } finally {
    db.close();
  }
}

function sagaCheckpoint(readModels: string): number {
  if (!existsSync(readModels)) return 0;
  const db = new Database(readModels, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT position FROM checkpoints WHERE projection = 'saga-concern'`).get() as { position: number } | undefined;
    return row?.position ?? 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

interface ProjectionHealth {
  name: string;
  version: number;
  servingVersion: number;
  position: number;
  rebuilding?: unknown;
}

/**
 * Waits until every projection and the concern saga have processed the head (which the saga
 * itself may move), and no projection is being rebuilt: after a version bump the old generation
 * serves (frozen at the head) while the new one is built, and a benchmark must not run then.
 */
export async function waitCaughtUp(
  service: RunningService,
  dataDir: string,
  log: (line: string) => void,
  timeoutMs: number,
  marks: { projectionsAtHead?: number } = {},
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    const head = headOf(join(dataDir, 'events.sqlite'));
    const ops = await sign({ sub: 'bench-ops', roles: ['ops'], schools: [], groups: [] });
    const details = (await (await fetch(`${service.url}/health/details`, { headers: { authorization: `Bearer ${ops}` } })).json()) as {
      details: { projections: ProjectionHealth[] };
    };
    const projections = details.details.projections;
    const lowest = Math.min(...projections.map((p) => p.position));
    const rebuilding = projections.filter((p) => p.rebuilding !== undefined || p.servingVersion !== p.version).map((p) => p.name);
    const saga = sagaCheckpoint(join(dataDir, 'read-models.sqlite'));
    if (lowest >= head && rebuilding.length === 0) marks.projectionsAtHead ??= performance.now();
    if (lowest >= head && saga >= head && rebuilding.length === 0) return head;
    if (Date.now() - lastLog > 15_000) {
      log(
        `  catching up: projections at ${lowest}, saga at ${saga}, head ${head}${rebuilding.length ? `, rebuilding ${rebuilding.join(', ')}` : ''}`,
      );
      lastLog = Date.now();
    }
    if (Date.now() > deadline)
      throw new Error(`the service did not catch up in ${timeoutMs / 1000} s (projections ${lowest}, saga ${saga}, head ${head})`);
    await sleep(500);
  }
}

/** The projection versions of this build; a served state built by other versions is brought up to date first. */
function projectionVersions(): Record<string, number> {
  return Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, p.version]));
}

/**
 * `<dataset>/served/`: the generated events after the service caught up once (projections and
 * the saga's level changes), with the read models; made on first use.
 */
export async function ensureServed(dataset: Dataset, log: (line: string) => void): Promise<{ dir: string; seconds: number | null }> {
  const dir = join(dataset.dir, 'served');
  const versions = projectionVersions();
  const readyFile = join(dir, 'ready.json');
  let upgrade = false;
  if (existsSync(readyFile)) {
    const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { versions?: Record<string, number> };
    if (JSON.stringify(ready.versions ?? {}) === JSON.stringify(versions)) return { dir, seconds: null };
    // Rebuilding only what changed (blue/green, as a deployment would) is much quicker than starting over.
    upgrade = ready.versions !== undefined || existsSync(join(dir, 'read-models.sqlite'));
  }
  if (!upgrade) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(dataset.eventsFile, join(dir, 'events.sqlite'), constants.COPYFILE_FICLONE);
  }
  rmSync(readyFile, { force: true });
  log(
    upgrade
      ? `projection versions changed (${JSON.stringify(versions)}): letting the service rebuild them on the served ${dataset.size} data (once)`
      : `first start of the service on the ${dataset.size} data: letting projections and the concern saga catch up (once)`,
  );
  const started = performance.now();
  const service = await startService(dir, dataset.summary.businessDateCap);
  try {
    const head = await waitCaughtUp(service, dir, log, 60 * 60 * 1000);
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(readyFile, `${JSON.stringify({ head, seconds: round(seconds, 1), versions, at: new Date().toISOString() }, null, 2)}\n`);
    log(`  caught up at ${head} in ${seconds.toFixed(0)} s`);
    return { dir, seconds };
  } finally {
    await service.stop();
  }
}

export function sign(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** Shown in the table. */
  path: string;
  connections: number;
  token: string;
  /** A fresh request per call (path, body). */
  next(): { path: string; body?: string };
}

export function summarise(scenario: Scenario, duration: number, perRun: RunFigures[]): HttpScenarioResult {
  const mid = (pick: (r: RunFigures) => number) => round(median(perRun.map(pick)), 1);
  return {
    name: scenario.name,
    method: scenario.method,
    path: scenario.path,
    connections: scenario.connections,
    durationSeconds: duration,
    runs: perRun.length,
    requestsPerSecond: mid((r) => r.requestsPerSecond),
    p50Ms: mid((r) => r.p50Ms),
    p99Ms: mid((r) => r.p99Ms),
    allAnsweredAfterMs: mid((r) => r.allAnsweredAfterMs),
    slowestFirstAnswerMs: mid((r) => r.slowestFirstAnswerMs),
    requests: perRun.reduce((n, r) => n + r.requests, 0),
    non2xx: perRun.reduce((n, r) => n + r.non2xx, 0),
    errors: perRun.reduce((n, r) => n + r.errors, 0),
    timeouts: perRun.reduce((n, r) => n + r.timeouts, 0),
    perRun,
  };
}

/** How long a run waits for every connection's first answer before it is given up. */
const ADMISSION_LIMIT_SECONDS = 60;

/**
 * One run: the scenario's connections are opened, and once every one of them has had its first
 * answer, `duration` seconds are measured (steady-state.ts). The time until then and the slowest
 * first answer are reported beside.
 */
export async function fire(url: string, scenario: Scenario, duration: number): Promise<RunFigures> {
  const samples: ResponseSample[] = [];
  const answered = new Set<object>();
  const started = performance.now();
  let from: number | undefined;
  let slowestFirst = 0;
  const run = autocannon({
    url,
    connections: scenario.connections,
    duration: ADMISSION_LIMIT_SECONDS + duration,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = scenario.next();
          return {
            ...request,
            method: scenario.method,
            path,
            headers: {
              authorization: `Bearer ${scenario.token}`,
              accept: 'application/json',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body }),
          };
        },
      },
    ],
  });
  run.on('response', (client, status, _bytes, latencyMs) => {
    const doneAt = performance.now();
    samples.push({ doneAt, latencyMs, status });
    if (answered.has(client)) return;
    answered.add(client);
    slowestFirst = Math.max(slowestFirst, latencyMs);
    if (answered.size === scenario.connections) {
      from = doneAt;
      setTimeout(() => run.stop(), duration * 1000);
    }
  });
  const result = await run;
  if (from === undefined) {
    throw new Error(
      `${scenario.name}: ${answered.size} of ${scenario.connections} connections answered within ${ADMISSION_LIMIT_SECONDS} s`,
    );
  }
  const steady = steadyFigures(samples, from, from + duration * 1000);
  return {
    ...steady,
    requestsPerSecond: round(steady.requestsPerSecond, 1),
    p50Ms: round(steady.p50Ms, 1),
    p99Ms: round(steady.p99Ms, 1),
    maxMs: round(steady.maxMs, 1),
    allAnsweredAfterMs: Math.round(from - started),
    slowestFirstAnswerMs: Math.round(slowestFirst),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A small deterministic PRNG so each run asks for the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function scenarios(dataset: Dataset, dataDir: string, options: Required<Omit<HttpBenchOptions, 'log'>>): Promise<Scenario[]> {
  const { summary } = dataset;
  const municipality = summary.municipalityId;
  const calendar = createSchoolCalendar(summary.schoolYear);
  const schoolDays = calendar.schoolDays(calendar.start, summary.businessDateCap < calendar.end ? summary.businessDateCap : calendar.end);
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const students = (
    db.prepare(`SELECT json_extract(data, '$.studentId') AS id FROM events WHERE type = 'StudentEnrolled' ORDER BY position`).all() as {
      id: string;
    }[]
  ).map((r) => r.id);
  db.close();
  const school600 = summary.ids.a600StudentSchoolId ?? summary.ids.schoolIds[0]!;
  const cases = summary.ids.sampleCaseIds;
  const base = { name: 'Bench Mark', municipality };
  const leaderAll = await sign({ ...base, sub: 'bench-leader-all', roles: ['school-leader'], schools: summary.ids.schoolIds, groups: [] });
  const leader600 = await sign({ ...base, sub: 'bench-leader-600', roles: ['school-leader'], schools: [school600], groups: [] });
  const municipalityToken = await sign({ ...base, sub: 'bench-municipality', roles: ['municipality'], schools: [], groups: [] });
  const auditor = await sign({ ...base, sub: 'bench-auditor', roles: ['auditor'], schools: [], groups: [] });
  const r = mulberry32(8);
  let caseIndex = 0;
  const post: Scenario = {
    name: 'POST absence',
    method: 'POST',
    path: '/students/:id/absences',
    connections: options.writeConnections,
    token: leaderAll,
    next: () => ({
      path: `/students/${students[Math.floor(r() * students.length)]}/absences`,
      body: JSON.stringify({ date: schoolDays[Math.floor(r() * schoolDays.length)], kind: 'lesson', lessons: 1, subject: 'Matematikk' }),
    }),
  };
  const reads: Omit<Scenario, 'connections'>[] = [
    {
      name: LIST,
      method: 'GET',
      path: `/schools/${school600}/absence-list`,
      token: leader600,
      next: () => ({ path: `/schools/${school600}/absence-list` }),
    },
    {
      name: 'GET PPT statistics',
      method: 'GET',
      path: `/municipalities/${municipality}/ppt-statistics`,
      token: municipalityToken,
      next: () => ({ path: `/municipalities/${municipality}/ppt-statistics` }),
    },
    {
      name: 'GET case history',
      method: 'GET',
      path: '/cases/:id/history',
      token: auditor,
      next: () => ({ path: `/cases/${cases[caseIndex++ % cases.length]}/history` }),
    },
  ];
  return [post, ...reads.flatMap((read) => options.readConnections.map((connections) => ({ ...read, connections })))];
}

export async function runHttpBench(dataset: Dataset, options: HttpBenchOptions = {}): Promise<HttpBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const settings = {
    runs: options.runs ?? 3,
    durationSeconds: options.durationSeconds ?? 10,
    readConnections: options.readConnections ?? [1, 10],
    writeConnections: options.writeConnections ?? 50,
  };
  const served = await ensureServed(dataset, log);
  const work = mkdtempSync(join(tmpdir(), 'http-bench-'));
  try {
    for (const file of SERVED_FILES) copyFileSync(join(served.dir, file), join(work, file), constants.COPYFILE_FICLONE);
    const started = performance.now();
    const service = await startService(work, dataset.summary.businessDateCap);
    let peak: number | null = null;
    try {
      const eventsAtStart = await waitCaughtUp(service, work, log, 10 * 60 * 1000);
      const startSeconds = (performance.now() - started) / 1000;
      const rssAtReady = service.child.pid ? readRss(service.child.pid) : null;
      const results: HttpScenarioResult[] = [];
      const all = await scenarios(dataset, work, settings);
      const measure = async (url: string, scenario: Scenario): Promise<void> => {
        // Warm-up (JIT, caches), not counted.
        await fire(url, scenario, 2);
        const runs: RunFigures[] = [];
        for (let i = 0; i < settings.runs; i++) runs.push(await fire(url, scenario, settings.durationSeconds));
        const summary = summarise(scenario, settings.durationSeconds, runs);
        log(
          `  ${summary.name} (${summary.connections} conn.): ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms (${summary.non2xx} non-2xx); ` +
            `every connection answered after ${summary.allAnsweredAfterMs} ms, slowest first answer ${summary.slowestFirstAnswerMs} ms`,
        );
        results.push(summary);
      };
      for (const scenario of all) await measure(service.url, scenario);
      // The same writes sent to a second instance that follows (PROJECTOR=follow) while this one
      // leads: commands in one process, projections and the saga in the other, as README's
      // "Running at municipal scale" describes.
      const follower = await startService(work, dataset.summary.businessDateCap, { PROJECTOR: 'follow' });
      let followerPeak: number | null = null;
      try {
        await measure(follower.url, { ...all[0]!, name: 'POST absence to a follower (leader projects)' });
      } finally {
        followerPeak = await follower.stop();
      }
      const eventsAtEnd = headOf(join(work, 'events.sqlite'));
      // The absence list's answer as the service gives it, for its floor below.
      const list = all.find((s) => s.name === LIST && s.connections === 10) ?? all.find((s) => s.name === LIST)!;
      const listFile = join(work, 'absence-list.json');
      const answer = await fetch(`${service.url}${list.next().path}`, { headers: { authorization: `Bearer ${list.token}` } });
      writeFileSync(listFile, await answer.text());
      peak = await service.stop();
      // The framework's own ceiling here, with the same connections and requests (http-floor.ts).
      const floor = await startServer('http-floor.js', { FLOOR_JSON_FILE: listFile });
      try {
        await measure(floor.url, { ...all[0]!, name: 'POST to a bare NestJS app (empty handler: the floor)' });
        await measure(floor.url, { ...list, name: LIST_FLOOR });
      } finally {
        await floor.stop();
      }
      return {
        scenarios: results,
        servicePeakRssMiB: peak === null ? null : round(peak, 1),
        followerPeakRssMiB: followerPeak === null ? null : round(followerPeak, 1),
        serviceRssAtReadyMiB: rssAtReady === null ? null : round(rssAtReady, 1),
        startSeconds: round(startSeconds, 1),
        eventsAtStart,
        eventsAtEnd,
      };
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
