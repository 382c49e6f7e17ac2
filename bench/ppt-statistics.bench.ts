/**
 * PPT statistics for 40 schools and 20,000 students (issue 4's size), measured in-process
 * against the real projector and SQLite read models: p50 and p99 of 200 requests that each ask
 * about other dates, and of 30 requests each right after a write (when a followed student's
 * dates must be read again), as medians of three runs beside the 100 ms bar. Moved here from the
 * e2e test, which keeps the counts.
 *
 *   npm run build:bench && node dist/bench/ppt-statistics.bench.js
 */
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import { getPptStatistics } from '#read-models/projections/ppt/ppt-statistics.js';
import { dayAbsence, pptMunicipality, weekdays } from '#testing/read-models/municipality.fixtures.js';
import { startHarness } from '#testing/read-models/projection-harness.fixtures.js';
import { percentile } from './steady-state.js';
import { median } from './support.js';

const BAR_MS = 100;
const RUNS = 3;

const h = await startHarness([caseProjection, followUpStudentsProjection], { batchSize: 5000 });
await h.record(...pptMunicipality('m1'), ...pptMunicipality('m2'));
const reader = h.caseReaders();
const asOfs = weekdays('2026-01-05', '2026-02-13');
const compareTos = weekdays('2025-10-06', '2025-11-14');

const figures = { p50: [] as number[], p99: [] as number[], afterWriteP50: [] as number[], afterWriteP99: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const timings: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await getPptStatistics(reader, 'm1', asOfs[i % asOfs.length]!, compareTos[(i * 7) % compareTos.length]!);
    timings.push(performance.now() - started);
  }
  const afterWrite: number[] = [];
  for (let i = 0; i < 30; i++) {
    await h.record(dayAbsence('m1-s0-e0', `late-${run}-${i}`, '2026-02-02'));
    const started = performance.now();
    await getPptStatistics(reader, 'm1', '2026-02-02', '2025-10-31');
    afterWrite.push(performance.now() - started);
  }
  for (const list of [timings, afterWrite]) list.sort((a, b) => a - b);
  figures.p50.push(percentile(timings, 0.5));
  figures.p99.push(percentile(timings, 0.99));
  figures.afterWriteP50.push(percentile(afterWrite, 0.5));
  figures.afterWriteP99.push(percentile(afterWrite, 0.99));
}
await h.close();

const row = (name: string, values: number[]): string =>
  `${name.padEnd(44)} ${median(values).toFixed(1).padStart(7)} ms   (bar ${BAR_MS} ms; runs ${values.map((v) => v.toFixed(1)).join(', ')})`;
process.stdout.write(
  [
    `PPT statistics, 40 schools, 20,000 students; median of ${RUNS} runs`,
    row('p50, 200 requests over other dates', figures.p50),
    row('p99, 200 requests over other dates', figures.p99),
    row('p50, right after a write', figures.afterWriteP50),
    row('p99 (max of 30), right after a write', figures.afterWriteP99),
  ].join('\n') + '\n',
);
