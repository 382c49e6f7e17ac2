/**
 * Benchmark of the concern engine: one synthetic student's full school year (200
 * registrations) evaluated many times against each built-in plan, printing the median
 * microseconds per evaluation. Not a test; run it with `npm run build:bench && node
 * dist/bench/concern.bench.js`, or import `runConcernBench` from a bench runner.
 */
import { pathToFileURL } from 'node:url';
import { createSchoolCalendar, type SchoolCalendar } from '#domain/calendar/index.js';
import { evaluate, type AbsenceKind, type Registration } from '#domain/concern/index.js';
import { builtInPlans } from '#domain/plans/index.js';

export interface ConcernBenchResult {
  readonly planId: string;
  readonly registrations: number;
  readonly evaluations: number;
  readonly medianMicros: number;
  readonly level: string;
}

export interface ConcernBenchOptions {
  /** Timed samples per plan; the median is taken over them. */
  readonly samples?: number;
  /** Evaluations per sample. */
  readonly perSample?: number;
  readonly registrations?: number;
  /** Print a table (default true). */
  readonly print?: boolean;
}

/** A small deterministic PRNG (mulberry32) so every run benchmarks the same student. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSchoolYear(calendar: SchoolCalendar, count: number, seed = 42): Registration[] {
  const days = calendar.schoolDays(calendar.start, calendar.end);
  const next = random(seed);
  const registrations: Registration[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const kind: AbsenceKind = r < 0.5 ? 'day' : r < 0.8 ? 'lesson' : r < 0.95 ? 'late' : 'left-early';
    registrations.push({
      absenceId: `a${i}`,
      date: days[Math.floor(next() * days.length)],
      kind,
      ...(kind === 'lesson' ? { lessons: 1 + Math.floor(next() * 4) } : {}),
      ...(kind === 'late' || kind === 'left-early' ? { minutes: 5 + Math.floor(next() * 40) } : {}),
      documented: next() < 0.6,
      reportedByGuardian: next() < 0.7,
    });
  }
  return registrations;
}

export function runConcernBench(options: ConcernBenchOptions = {}): ConcernBenchResult[] {
  const samples = options.samples ?? 51;
  const perSample = options.perSample ?? 200;
  const calendar = createSchoolCalendar({
    start: '2026-08-17',
    end: '2027-06-18',
    breaks: [
      { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
      { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
      { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
      { from: '2027-03-22', to: '2027-03-26', name: 'Påskeferie' },
    ],
  });
  const registrations = syntheticSchoolYear(calendar, options.registrations ?? 200);
  const asOf = calendar.end;
  const results: ConcernBenchResult[] = [];
  for (const plan of builtInPlans) {
    const opts = { caseInPhase3Unresolved: true };
    // Warm up so the JIT has compiled the engine before timing.
    let level = 'green';
    for (let i = 0; i < 500; i++) level = evaluate(registrations, plan, calendar, asOf, opts).level;
    const perEvaluation: number[] = [];
    for (let s = 0; s < samples; s++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < perSample; i++) evaluate(registrations, plan, calendar, asOf, opts);
      perEvaluation.push(Number(process.hrtime.bigint() - t0) / 1000 / perSample);
    }
    perEvaluation.sort((a, b) => a - b);
    results.push({
      planId: plan.id,
      registrations: registrations.length,
      evaluations: samples * perSample,
      medianMicros: Math.round(perEvaluation[Math.floor(samples / 2)] * 10) / 10,
      level,
    });
  }
  if (options.print ?? true) {
    console.log('concern engine: median µs per evaluation (one student, full school year)');
    console.table(results);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--json')) {
    const results = runConcernBench({ print: false });
    // The same line protocol as the other parts (bench/support.ts), inlined so this file stays self-contained.
    process.stdout.write(`BENCH_RESULT ${JSON.stringify({ plans: results, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
  } else {
    runConcernBench();
  }
}
