/**
 * GET /tasks over the `cases` projection, fed through the real event store and projector, for
 * a Bærum school (plan baerum, seed 004). Deadlines worked out by hand on the 2025/26 calendar
 * (no breaks in November 2025).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import { caseInPhase3Unresolved, caseInPhase3UnresolvedStudentIds } from '#read-models/projections/cases/case.queries.js';
import { changePhase, contact, enrol, evaluation, measure, meeting, open, school } from '#testing/read-models/municipality.fixtures.js';
import { fact, startHarness, type Harness } from '#testing/read-models/projection-harness.fixtures.js';
import { getTasks, type StudentTask } from '#read-models/projections/tasks/tasks.query.js';

/** The students' steps (the routine reviews of the school's groups come beside them; review-tasks specs test those). */
async function studentTasks(...args: Parameters<typeof getTasks>): Promise<StudentTask[]> {
  return (await getTasks(...args)).filter((t): t is StudentTask => t.scope === 'student');
}

const levelChanged = (studentId: string, from: 'green' | 'yellow' | 'red', to: 'green' | 'yellow' | 'red', asOf: string) =>
  fact('ConcernLevelChanged', { studentId, from, to, triggers: [], asOf });

describe('follow-up tasks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([caseProjection, followUpStudentsProjection]);
    await h.record(
      school('T', 'm1', 'barneskole', 'Tanum skole'),
      enrol('st1', 'T', 5),
      enrol('st2', 'T', 6),
      enrol('st3', 'T', 7),
      levelChanged('st1', 'green', 'yellow', '2025-11-03'),
      levelChanged('st2', 'green', 'yellow', '2025-11-03'),
      open('c2', 'st2', 'T', '2025-11-03'),
      changePhase('c2', 3, 2, '2025-11-05'),
      meeting('c2', 'rt1', '2025-11-10', 'resource-team'),
      // The call of 4 November is written up after the phase change.
      contact('c2', 'call1', '2025-11-04T14:00:00Z'),
    );
  });
  afterAll(() => h.close());

  it('lists what the plan asks for, due and overdue, with the case when there is one', async () => {
    const tasks = await studentTasks(h.caseReaders(), 'T', undefined, '2025-11-20');
    expect(
      tasks.map(({ studentId, caseId, stepId, responsibleRole, dueOn, status }) => ({
        studentId,
        caseId,
        stepId,
        responsibleRole,
        dueOn,
        status,
      })),
    ).toEqual([
      // Yellow on 3 November: call the guardians within one school day.
      {
        studentId: 'st1',
        caseId: undefined,
        stepId: 'baerum-phase2-call-guardians',
        responsibleRole: 'contact-teacher',
        dueOn: '2025-11-04',
        status: 'overdue',
      },
      // Phase 3 from 5 November: meeting and mapping within 10 school days, agreement within 15.
      {
        studentId: 'st2',
        caseId: 'c2',
        stepId: 'baerum-phase3-mapping',
        responsibleRole: 'school-leader',
        dueOn: '2025-11-19',
        status: 'overdue',
      },
      {
        studentId: 'st2',
        caseId: 'c2',
        stepId: 'baerum-phase3-meeting',
        responsibleRole: 'contact-teacher',
        dueOn: '2025-11-19',
        status: 'overdue',
      },
      {
        studentId: 'st2',
        caseId: 'c2',
        stepId: 'baerum-phase3-cooperation-agreement',
        responsibleRole: 'school-leader',
        dueOn: '2025-11-26',
        status: 'due',
      },
    ]);
    expect(tasks[0].step.title).toContain('Kontaktlærer ringer foresatte');
  });

  it('filters by status', async () => {
    const reader = h.caseReaders();
    expect((await studentTasks(reader, 'T', 'due', '2025-11-20')).map((t) => t.stepId)).toEqual(['baerum-phase3-cooperation-agreement']);
    expect((await studentTasks(reader, 'T', 'overdue', '2025-11-20')).map((t) => t.stepId)).toEqual([
      'baerum-phase2-call-guardians',
      'baerum-phase3-mapping',
      'baerum-phase3-meeting',
    ]);
    // The late-recorded call and the resource-team meeting fulfilled their steps.
    expect((await studentTasks(reader, 'T', 'done', '2025-11-20')).map((t) => `${t.studentId}:${t.stepId}`)).toEqual([
      'st2:baerum-phase2-call-guardians',
      'st2:baerum-phase3-resource-team',
    ]);
  });

  it('answers as of an earlier day: before the deadline a step is due', async () => {
    const tasks = await studentTasks(h.caseReaders(), 'T', undefined, '2025-11-04');
    expect(tasks.map((t) => `${t.studentId}:${t.stepId}:${t.status}`)).toEqual(['st1:baerum-phase2-call-guardians:due']);
  });

  it('keeps a task id when a case is opened and a measure agreed', async () => {
    const before = await studentTasks(h.caseReaders(), 'T', undefined, '2025-11-20');
    await h.record(open('c1', 'st1', 'T', '2025-11-20'), measure('c2', 'me1', '2025-11-20', '2025-12-11'));
    const after = await studentTasks(h.caseReaders(), 'T', undefined, '2025-11-20');
    const call = after.find((t) => t.studentId === 'st1')!;
    expect(call).toMatchObject({ taskId: before[0].taskId, caseId: 'c1' });
    // The agreement is done; the measure's evaluation is due by its own date (sooner than three weeks).
    expect(after.map((t) => t.stepId)).not.toContain('baerum-phase3-cooperation-agreement');
    expect(after.find((t) => t.stepId === 'baerum-phase3-evaluation')).toMatchObject({
      studentId: 'st2',
      dueOn: '2025-12-11',
      status: 'due',
    });
  });

  it('knows when a phase 3 case has not resolved (Bærum red rule)', async () => {
    const reader = h.reader('cases');
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-11-04')).toBe(false);
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-11-20')).toBe(true);
    expect([...(await caseInPhase3UnresolvedStudentIds(reader, 'T', '2025-11-20'))]).toEqual(['st2']);
    const before = await h.events.headPosition();
    await h.record(evaluation('c2', 'me1', 'ev1', 'resolved', '2025-12-10'));
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-12-09')).toBe(true);
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-12-10')).toBe(false);
    // As recorded by an earlier position (the saga's causing event), the evaluation is not there yet.
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-12-10', before)).toBe(true);
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-12-10', before + 1)).toBe(false);
    // Before the case was opened it was no case at all.
    expect(await caseInPhase3Unresolved(reader, 'st2', '2025-11-20', 1)).toBe(false);
    expect(await caseInPhase3UnresolvedStudentIds(reader, 'T', '2025-12-10')).toEqual(new Set());
    expect(await caseInPhase3Unresolved(reader, 'st1', '2025-12-10')).toBe(false);
  });

  it('answers an unknown school with no tasks', async () => {
    expect(await studentTasks(h.caseReaders(), 'nowhere', undefined, '2025-11-20')).toEqual([]);
  });
});
