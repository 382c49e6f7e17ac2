/**
 * PPT statistics must answer at p99 ≤ 100 ms for a municipality of 40 schools and 20,000
 * students (the brief for issue 4). The municipality is built through the real event store and
 * projector; a neighbouring municipality of the same size shares the store, so the municipality
 * index has to do the work. 1,000 cases involve PPT (far above Bærum's ~150 at a time, seed 004),
 * and their students have day-absence registrations to check against the calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import { close, consent, dayAbsence, enrol, open, refer, school, weekdays } from '#testing/read-models/municipality.fixtures.js';
import { startHarness, type Fact, type Harness } from '#testing/read-models/projection-harness.fixtures.js';
import { getPptStatistics } from '#read-models/projections/ppt/ppt-statistics.js';
import { percentile } from '../../bench/steady-state.js';

const SCHOOLS = 40;
const STUDENTS_PER_SCHOOL = 500;
const ABSENT_DAYS = weekdays('2026-01-05', '2026-01-30');

function municipality(m: string): Fact[] {
  const facts: Fact[] = [];
  for (let s = 0; s < SCHOOLS; s++) {
    const schoolId = `${m}-s${s}`;
    facts.push(school(schoolId, m, s % 3 === 0 ? 'kombinert' : s % 3 === 1 ? 'barneskole' : 'ungdomsskole'));
    for (let i = 0; i < STUDENTS_PER_SCHOOL; i++) {
      const studentId = `${schoolId}-e${i}`;
      facts.push(enrol(studentId, schoolId, 1 + (i % 10)));
      // Every tenth student has a case; half of those involve PPT; some are closed again.
      if (i % 10 !== 0) continue;
      const caseId = `${studentId}-c`;
      facts.push(open(caseId, studentId, schoolId, '2025-09-01'));
      if (i % 20 !== 0) continue;
      facts.push(consent(caseId, `${caseId}-ppt`, '2025-09-10'), refer(caseId, `${caseId}-r`, 'ppt', i % 40 === 0 ? 'referral' : 'consultation', '2025-09-15', `${caseId}-ppt`));
      if (i % 60 === 0) facts.push(close(caseId, '2025-12-19'));
      if (i % 100 === 0) facts.push(...ABSENT_DAYS.map((date, k) => dayAbsence(studentId, `${studentId}-a${k}`, date)));
    }
  }
  return facts;
}

describe('PPT statistics performance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([caseProjection, followUpStudentsProjection], { batchSize: 5000 });
    await h.record(...municipality('m1'), ...municipality('m2'));
  }, 240_000);
  afterAll(() => h.close());

  it('answers at p99 ≤ 100 ms for 40 schools and 20,000 students', async () => {
    const reader = h.caseReaders();
    const stats = await getPptStatistics(reader, 'm1', '2026-01-30', '2025-10-31');
    const total = stats.rows.reduce((n, r) => n + r.sum, 0);
    const previous = stats.rows.reduce((n, r) => n + r.previous!.sum, 0);
    // 1,000 PPT cases, 334 of them closed by 19 December.
    expect(previous).toBe(1000);
    expect(total).toBe(1000 - 40 * 9);
    expect(stats.rows.reduce((n, r) => n + r.completelyAbsent, 0)).toBeGreaterThan(0);

    // Every request asks about other dates, so nothing but the parsed summary is reused.
    const asOfs = weekdays('2026-01-05', '2026-02-13');
    const compareTos = weekdays('2025-10-06', '2025-11-14');
    const timings: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await getPptStatistics(reader, 'm1', asOfs[i % asOfs.length], compareTos[(i * 7) % compareTos.length]);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const p99 = percentile(timings, 0.99);
    process.stdout.write(`ppt-statistics p50 ${percentile(timings, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms\n`);
    expect(p99).toBeLessThanOrEqual(100);
  }, 120_000);

  it('stays within budget right after a write, when a followed student\'s dates must be read and parsed again', async () => {
    const reader = h.caseReaders();
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      // A PPT student's day-absence changes the dates read beside the summary.
      await h.record(dayAbsence('m1-s0-e0', `late-${i}`, '2026-02-02'));
      const started = performance.now();
      await getPptStatistics(reader, 'm1', '2026-02-02', '2025-10-31');
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const p99 = percentile(timings, 0.99);
    process.stdout.write(`ppt-statistics after a write: p50 ${percentile(timings, 0.5).toFixed(1)} ms, max ${p99.toFixed(1)} ms\n`);
    expect(p99).toBeLessThanOrEqual(100);
  }, 120_000);
});
