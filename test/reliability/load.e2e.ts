/**
 * Mixed load with autocannon against the real service (compiled, a child process on
 * 127.0.0.1): absence registrations at the benchmark's target rate, reads (registrations,
 * case, absence list, concern) and case writes, all at once, for LOAD_SECONDS (default 20;
 * the full run is LOAD_SECONDS=60). Asserts no connection error, no non-2xx, every
 * acknowledged registration stored once, and flat memory: the live heap (heap used after a full
 * collection, the service idle, from its /metrics) at the end ≤ 1.5 × after the warm-up + 32 MiB,
 * and RSS ≤ 1.5 × after warm-up + 96 MiB. The rate reached and the requests that timed out are
 * reported, not asserted: both depend on how loaded the machine is, and the service's speed is
 * measured in bench/ (http.bench.ts), where figures stand beside their floors.
 *
 * LOAD_RATE (default 300, below what the service serves on these machines) is the target for POST absences; LOAD_PROFILE=1 runs the service
 * with --cpu-prof and prints where the profile went.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildService, startService, type BuiltService, type RunningService } from './support/service.js';
import { call, schoolDays, seedSchool, TEST_SECRET, TODAY, tokenFor, type Seed } from './support/http.js';
import { readAllEvents, storeProblems } from './support/store-checks.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const RATE = Number(process.env.LOAD_RATE ?? 300);
const WARMUP_SECONDS = 10;
const STUDENTS = 200;
const CASES = 20;

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface CannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface CannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
type Autocannon = (options: Record<string, unknown>) => Promise<CannonResult>;

interface Scenario {
  name: string;
  connections: number;
  rate: number;
  requests: CannonRequest[];
}

function summary(name: string, r: CannonResult) {
  return {
    name,
    requests: r.requests.total,
    perSecond: Math.round(r.requests.total / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    '2xx': r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
  };
}

const MiB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Heap used in MiB right after a full collection (SIGWINCH, see nodeArgs), once the service has gone idle. */
async function liveHeapOf(service: RunningService): Promise<number> {
  await new Promise((r) => setTimeout(r, 1000));
  service.process.kill('SIGWINCH');
  await new Promise((r) => setTimeout(r, 300));
  return (await memoryOf(service.baseUrl)).heapUsedMiB!;
}

/** Heap used, external memory and RSS in MiB, from prom-client's default metrics at GET /metrics. */
async function memoryOf(baseUrl: string): Promise<Record<string, number>> {
  // /metrics is for the operator: a token with the ops role.
  const ops = await tokenFor(['ops'], { sub: 'ops-load', schools: [], groups: [] });
  const text = await (
    await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${ops}` }, signal: AbortSignal.timeout(5000) })
  ).text();
  const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rssMiB: MiB(metric('process_resident_memory_bytes')),
    heapUsedMiB: MiB(metric('nodejs_heap_size_used_bytes')),
    heapTotalMiB: MiB(metric('nodejs_heap_size_total_bytes')),
    externalMiB: MiB(metric('nodejs_external_memory_bytes')),
  };
}

describe('load: mixed traffic against the real service', () => {
  let built: BuiltService;
  let dataDir: string;
  let service: RunningService | undefined;
  let autocannon: Autocannon;

  beforeAll(async () => {
    built = await buildService();
    if (built.typeErrors) console.warn(`tsc reported type errors; testing the emitted JavaScript:\n${built.typeErrors.slice(0, 2000)}`);
    // autocannon ships no types: loaded by a non-literal specifier.
    const specifier = 'autocannon';
    autocannon = ((await import(specifier)) as { default: Autocannon }).default;
    dataDir = mkdtempSync(join(tmpdir(), 'reliability-load-'));
  }, 300_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    built?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `${SECONDS} s of mixed load: no error, nothing lost, flat memory`,
    async () => {
      service = await startService({
        mainPath: built.mainPath,
        dataDir,
        env: { AUTH_JWT_SECRET: TEST_SECRET, CLOCK_TODAY: TODAY, RATE_LIMIT_PER_MINUTE: String(Number.MAX_SAFE_INTEGER) },
        // The request log is written (pino formats every line, as in production) to /dev/null.
        discardStdout: true,
        // SIGWINCH (ignored by default, and not one of the signals Nest shuts down on) makes the
        // service collect its garbage: measurement only, the live heap is then its heap used.
        // Profiling: SIGINT exits through process.exit, so node writes the profile.
        nodeArgs: [
          '--expose-gc',
          '--import',
          'data:text/javascript,process.on("SIGWINCH",()=>globalThis.gc())',
          ...(process.env.LOAD_PROFILE === '1'
            ? [
                '--cpu-prof',
                `--cpu-prof-dir=${join(tmpdir(), 'reliability-profile')}`,
                '--import',
                'data:text/javascript,process.on("SIGINT",()=>process.exit(0))',
              ]
            : []),
        ],
      });
      const seed: Seed = await seedSchool(service.baseUrl, { studentCount: STUDENTS, caseCount: CASES });
      const days = schoolDays(60);
      const auth = { authorization: `Bearer ${seed.tokens.leader}`, 'content-type': 'application/json' };
      const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
      const scenarios = (phase: string): Scenario[] => [
        {
          name: 'POST absence',
          connections: 32,
          rate: RATE,
          requests: [
            {
              method: 'POST',
              path: '/',
              headers: auth,
              setupRequest: (req) => ({
                ...req,
                path: `/students/${pick(seed.students)}/absences`,
                body: JSON.stringify({ date: pick(days), kind: 'lesson', lessons: 1, subject: 'Matematikk', reason: `load ${phase}` }),
              }),
            },
          ],
        },
        {
          name: 'reads',
          connections: 8,
          rate: 200,
          requests: [
            {
              method: 'GET',
              path: '/',
              headers: auth,
              setupRequest: (req) => ({ ...req, path: `/students/${pick(seed.students)}/absences` }),
            },
            { method: 'GET', path: '/', headers: auth, setupRequest: (req) => ({ ...req, path: `/cases/${pick(seed.caseIds)}` }) },
            {
              method: 'GET',
              path: '/',
              headers: auth,
              setupRequest: (req) => ({ ...req, path: `/students/${pick(seed.students)}/concern` }),
            },
            { method: 'GET', path: `/schools/${seed.schoolId}/absence-list`, headers: auth },
          ],
        },
        {
          name: 'POST case contact',
          connections: 4,
          rate: 50,
          requests: [
            {
              method: 'POST',
              path: '/',
              headers: auth,
              setupRequest: (req) => ({
                ...req,
                path: `/cases/${pick(seed.caseIds)}/contacts`,
                body: JSON.stringify({ with: 'guardian', channel: 'phone', at: '2026-11-20T08:15:00Z', summary: `load ${phase}` }),
              }),
            },
          ],
        },
      ];
      const run = (phase: string, seconds: number) =>
        Promise.all(
          scenarios(phase).map(async (s) => {
            const result = await autocannon({
              url: service!.baseUrl,
              connections: s.connections,
              overallRate: s.rate,
              duration: seconds,
              timeout: 10,
              requests: s.requests,
            });
            return summary(s.name, result);
          }),
        );

      const rssAtStart = service.rss();
      const warmup = await run('warmup', WARMUP_SECONDS);
      const rssAfterWarmup = service.rss();
      const liveHeapAfterWarmup = await liveHeapOf(service);
      const samples: number[] = [];
      const memory: Record<string, number>[] = [];
      let tick = 0;
      // Every second: RSS from /proc, and heap, external and RSS from the service's own /metrics.
      const sampler = setInterval(() => {
        samples.push(service!.rss());
        const at = tick++;
        void memoryOf(service!.baseUrl).then(
          (m) => memory.push({ at, ...m }),
          () => undefined,
        );
      }, 1000);
      const started = Date.now();
      let results: Awaited<ReturnType<typeof run>>;
      try {
        results = await run('main', SECONDS);
      } finally {
        clearInterval(sampler);
      }
      const elapsed = (Date.now() - started) / 1000;
      const rssEnd = service.rss();
      const liveHeapAtEnd = await liveHeapOf(service);
      const rss = {
        startMiB: MiB(rssAtStart),
        afterWarmupMiB: MiB(rssAfterWarmup),
        middleMiB: MiB(samples[Math.floor(samples.length / 2)] ?? NaN),
        endMiB: MiB(rssEnd),
        maxMiB: MiB(Math.max(...samples, rssEnd)),
      };
      const liveHeapMiB = { afterWarmup: liveHeapAfterWarmup, end: liveHeapAtEnd };
      const every10s = memory.filter((m) => m.at! % 10 === 0);
      console.log(
        `load figures ${JSON.stringify({ seconds: SECONDS, elapsed, targetRate: RATE, warmup, results, rss, liveHeapMiB, memory: every10s }, null, 2)}`,
      );

      for (const r of [...warmup, ...results]) {
        // autocannon counts a timeout as an error too: only the other errors (refused, reset) are wrong answers.
        expect({ name: r.name, non2xx: r.non2xx, connectionErrors: r.errors - r.timeouts }).toEqual({
          name: r.name,
          non2xx: 0,
          connectionErrors: 0,
        });
      }
      for (const r of results) expect(r.requests).toBeGreaterThan(0);
      // Flat memory: the live heap (after a full collection, the service idle) at the end within
      // 1.5 × what it was after the warm-up + 32 MiB for the data the run adds (cached states and
      // documents); a leak grows it with every request. And RSS within 1.5 × after warm-up, plus the
      // 64 MiB the read-model store's page cache may still fill (cache_size) and V8's young generation.
      expect(liveHeapAtEnd).toBeLessThanOrEqual(liveHeapAfterWarmup * 1.5 + 32);
      expect(rssEnd).toBeLessThanOrEqual(rssAfterWarmup * 1.5 + 96 * 1024 * 1024);

      // Every acknowledged registration and contact is in the store, once; the store is sound.
      const events = await readAllEvents(dataDir);
      const count = (type: string, field: 'reason' | 'summary', phase: string) =>
        events.filter((e) => e.type === type && (e.data as Record<string, unknown>)[field] === `load ${phase}`).length;
      // A request cut off by autocannon's end may be stored without being counted: at most one per connection.
      for (const [phase, list] of [
        ['warmup', warmup],
        ['main', results],
      ] as const) {
        const absences = list.find((r) => r.name === 'POST absence')!['2xx'];
        const contacts = list.find((r) => r.name === 'POST case contact')!['2xx'];
        expect(count('AbsenceRegistered', 'reason', phase)).toBeGreaterThanOrEqual(absences);
        expect(count('AbsenceRegistered', 'reason', phase)).toBeLessThanOrEqual(absences + 32);
        expect(count('ContactRecorded', 'summary', phase)).toBeGreaterThanOrEqual(contacts);
        expect(count('ContactRecorded', 'summary', phase)).toBeLessThanOrEqual(contacts + 4);
      }
      expect(storeProblems(events)).toEqual([]);
      const health = await call(service.baseUrl, 'GET', '/health');
      expect(health.status).toBe(200);
      const stopped = await service.stop(process.env.LOAD_PROFILE === '1' ? 'SIGINT' : 'SIGKILL');
      service = undefined;
      if (process.env.LOAD_PROFILE === '1')
        console.log(`cpu profile written to ${join(tmpdir(), 'reliability-profile')} (exit ${JSON.stringify(stopped)})`);
    },
    300_000 + SECONDS * 2000,
  );
});
