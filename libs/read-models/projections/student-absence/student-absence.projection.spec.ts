import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AbsenceHarness } from '#testing/read-models/absence-harness.js';
import { school } from '#testing/read-models/schools.fixture.js';
import { dayAggregates, sumDays } from './day-aggregates.js';
import { getStudentAbsence, listStudentAbsences } from './student-absence.query.js';
import { STUDENT_ABSENCE_DAYS, type StudentAbsenceDoc, type StudentDaysDoc } from './student-absence.documents.js';
import { unpackDays } from './packed-days.js';

describe('student-absence projection', () => {
  let h: AbsenceHarness;
  beforeEach(async () => {
    h = await AbsenceHarness.start();
    await h.registerSchool(school('vindafjord', 'vindafjord-etne'));
    await h.enrol('s1', 'vindafjord', 'Kari Nordmann', '8A');
  });
  afterEach(async () => {
    await h.stop();
  });

  /** The document, checked against the command side's fold and a recomputation of its totals. */
  async function doc(studentId = 's1'): Promise<StudentAbsenceDoc> {
    await h.caughtUp();
    const d = await getStudentAbsence(h.readers.studentAbsence, studentId);
    if (!d) throw new Error(`no document for ${studentId}`);
    const state = await h.studentState(studentId);
    if (state.status !== 'enrolled') throw new Error('not enrolled');
    expect(d.absences).toEqual(state.absences);
    expect(d.revision).toBe(state.revision);
    // The totals the projection keeps incrementally (in the lean document) equal a recomputation.
    const lean = await h.readers.studentAbsence.get<StudentDaysDoc>(STUDENT_ABSENCE_DAYS, studentId);
    expect(unpackDays(lean!)).toEqual(dayAggregates(state.absences));
    return d;
  }

  it('counts an absence registered weeks after its date on its own date', async () => {
    await h.register('s1', { date: '2026-11-20', kind: 'day' });
    await h.register('s1', { date: '2026-11-19', kind: 'lesson', lessons: 2 });
    // Registered on 23 November for 6 October: business time, not recording time.
    await h.register('s1', { date: '2026-10-06', kind: 'day', documented: true });
    await h.register('s1', { date: '2026-10-07', kind: 'late', minutes: 10 });

    const d = await doc();
    expect(d.days).toEqual({
      '2026-10-06': { day: 1, documented: 1, lessons: 0, lates: 0, leftEarly: 0 },
      '2026-10-07': { day: 0, documented: 0, lessons: 0, lates: 1, leftEarly: 0 },
      '2026-11-19': { day: 0, documented: 0, lessons: 2, lates: 0, leftEarly: 0 },
      '2026-11-20': { day: 1, documented: 0, lessons: 0, lates: 0, leftEarly: 0 },
    });
    expect(sumDays(d.days, '2026-10-01', '2026-10-31')).toEqual({
      days: 1,
      daysDocumented: 1,
      daysUndocumented: 0,
      lessons: 0,
      lates: 1,
      leftEarly: 0,
    });
    expect(sumDays(d.days, '2026-08-17', '2026-11-23')).toEqual({
      days: 2,
      daysDocumented: 1,
      daysUndocumented: 1,
      lessons: 2,
      lates: 1,
      leftEarly: 0,
    });
  });

  it('moves the totals when a correction moves the date, and re-counts when it changes the kind', async () => {
    const a = await h.register('s1', { date: '2026-11-16', kind: 'day' });
    const b = await h.register('s1', { date: '2026-11-17', kind: 'lesson', lessons: 3 });
    await h.correct('s1', a, { date: '2026-11-09' });
    let d = await doc();
    expect(d.days['2026-11-16']).toBeUndefined();
    expect(d.days['2026-11-09']).toEqual({ day: 1, documented: 0, lessons: 0, lates: 0, leftEarly: 0 });

    // lesson → day: the lessons go (the decider drops them) and the date becomes a day absence.
    await h.correct('s1', b, { kind: 'day' });
    // day → left-early, moved at the same time.
    await h.correct('s1', a, { kind: 'left-early', minutes: 30, date: '2026-11-10' });
    d = await doc();
    expect(d.days).toEqual({
      '2026-11-10': { day: 0, documented: 0, lessons: 0, lates: 0, leftEarly: 1 },
      '2026-11-17': { day: 1, documented: 0, lessons: 0, lates: 0, leftEarly: 0 },
    });
  });

  it('keeps a retracted registration flagged but stops counting it', async () => {
    // A day retracted as wrong: a late arrival on that date is then accepted, and counts alone.
    const a = await h.register('s1', { date: '2026-11-18', kind: 'day' });
    await h.retract('s1', a);
    await h.register('s1', { date: '2026-11-18', kind: 'late', minutes: 5 });
    const d = await doc();
    expect(d.absences[a]).toMatchObject({ retracted: true, date: '2026-11-18', kind: 'day' });
    expect(d.days).toEqual({ '2026-11-18': { day: 0, documented: 0, lessons: 0, lates: 1, leftEarly: 0 } });
  });

  it('drops a date whose only registration was retracted', async () => {
    const a = await h.register('s1', { date: '2026-11-18', kind: 'day' });
    await h.retract('s1', a);
    expect((await doc()).days).toEqual({});
  });

  it('marks the day documented when documentation arrives', async () => {
    const a = await h.register('s1', { date: '2026-11-11', kind: 'day' });
    await h.document('s1', a);
    const d = await doc();
    expect(d.absences[a]?.documented).toBe(true);
    expect(sumDays(d.days, '2026-11-01', '2026-11-30')).toMatchObject({ days: 1, daysDocumented: 1, daysUndocumented: 0 });
  });

  it('keeps manual raises and the level last recorded', async () => {
    await h.raise('s1', 'yellow', 'undocumented absence worries the school');
    await h.student('s1', {
      type: 'RecordConcernLevelChange',
      data: { studentId: 's1', level: 'yellow', asOf: '2026-11-23', triggers: [] },
    });
    const d = await doc();
    expect(d.manualRaises).toEqual([{ level: 'yellow', reason: 'undocumented absence worries the school', on: '2026-11-23' }]);
    expect(d.concernLevel).toBe('yellow');
    expect(d.concernAsOf).toBe('2026-11-23');
  });

  it('lists the documents of one school', async () => {
    await h.registerSchool(school('other', 'vindafjord-etne'));
    await h.enrol('s2', 'vindafjord', 'Ola', '8B');
    await h.enrol('s3', 'other', 'Per', '8A');
    await h.caughtUp();
    const ids = (await listStudentAbsences(h.readers.studentAbsence, 'vindafjord')).map((d) => d.studentId).sort();
    expect(ids).toEqual(['s1', 's2']);
  });
});
