/**
 * GET /students/:studentId/known?asOf= (an addition to api.md): what the school knew about a
 * student at an instant D. Absences are registered, then D is taken, then more is recorded
 * (absences dated before D's date, a correction, a retraction, a case). The answer at D is
 * checked against a replay of the student's stream read straight from the SQLite file,
 * keeping only the events recorded by D, and must leave everything later out.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { evaluate } from '#domain/concern/index.js';
import { studentStream } from '#domain/events/stream-name.js';
import { getPlan } from '#domain/plans/index.js';
import { fold } from '#domain/shared/decider.js';
import { studentDecider } from '#domain/student/index.js';
import { ok, removeDataDir, setUpSchool, startAuditService, STUDENT, TODAY, type AuditService } from './support/audit-service.js';

const SCHOOL_YEAR = { start: '2026-08-17', end: '2027-06-18' };
const SCHOOL_ID = 'bo-skule';
const byStepAndDue = (a: { stepId: string; dueOn: string }, b: { stepId: string; dueOn: string }) =>
  a.stepId.localeCompare(b.stepId) || a.dueOn.localeCompare(b.dueOn);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The student's stream as stored, oldest first. */
function storedStudentEvents(dataDir: string): { type: string; schemaVersion: number; data: unknown; recordedAt: string }[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT type, schema_version, data, metadata FROM events WHERE stream = ? ORDER BY revision')
      .all(studentStream(STUDENT.id)) as {
      type: string;
      schema_version: number;
      data: string;
      metadata: string;
    }[];
    return rows.map((r) => ({
      type: r.type,
      schemaVersion: r.schema_version,
      data: JSON.parse(r.data),
      recordedAt: JSON.parse(r.metadata).recordedAt,
    }));
  } finally {
    db.close();
  }
}

/** The replay the route must agree with: fold what was recorded by `instant`, evaluate the plan on `date`. */
function replay(dataDir: string, instant: string, date: string) {
  const known = storedStudentEvents(dataDir).filter((e) => Date.parse(e.recordedAt) <= Date.parse(instant));
  const student = fold(studentDecider, known as never[]);
  if (student.status !== 'enrolled') throw new Error('not enrolled');
  const registrations = Object.values(student.absences).filter((a) => !a.retracted);
  const result = evaluate(registrations, getPlan('eksempel-handlingsplan')!, createSchoolCalendar(SCHOOL_YEAR), date, {
    overrides: student.manualRaises.map((r) => ({ level: r.level, reason: r.reason, at: r.on })),
  });
  return { student, level: result.level, triggers: JSON.parse(JSON.stringify(result.triggers)), events: known.length };
}

describe('what the school knew about a student at an instant', () => {
  let s: AuditService;
  const ids: Record<string, string> = {};
  let d: string;
  let caseId: string;

  beforeAll(async () => {
    s = await startAuditService();
    await setUpSchool(s);
    const register = async (name: string, body: object) => {
      ids[name] = (await ok<{ absenceId: string }>(s.as('leader').post(`/students/${STUDENT.id}/absences`, body))).absenceId;
    };
    // Known at D: two separate days and a lesson absence a month before. Two absence events in 30 days: green.
    await register('nov02', { date: '2026-11-02', kind: 'day' });
    await register('nov05lesson', { date: '2026-10-20', kind: 'lesson', lessons: 2, subject: 'Matematikk' });
    await register('nov10', { date: '2026-11-10', kind: 'day' });
    await sleep(5);
    d = new Date().toISOString();
    await sleep(5);
    // Recorded after D, though dated before D's date: two more days (four in 30: yellow), a
    // correction, a retraction and a case.
    await register('nov16', { date: '2026-11-16', kind: 'day' });
    await register('oct27', { date: '2026-10-27', kind: 'day' });
    await ok(
      s.as('leader').post(`/students/${STUDENT.id}/absences/${ids.nov02}/corrections`, { documented: true, reason: 'Legeerklæring' }),
    );
    await ok(s.as('leader').post(`/students/${STUDENT.id}/absences/${ids.nov05lesson}/retractions`, { reason: 'Feilregistrert' }));
    await ok(
      s
        .as('leader')
        .post(`/students/${STUDENT.id}/absences/${ids.nov10}/corrections`, { reportedByGuardian: true, reason: 'Mor meldte fra i dag' }),
    );
    caseId = (await ok<{ caseId: string }>(s.as('leader').post('/cases', { studentId: STUDENT.id, reason: 'Bekymringsfullt fravær' })))
      .caseId;
  }, 60_000);
  afterAll(async () => {
    await s.close();
    removeDataDir(s.dataDir);
  });

  it('at D: exactly the registrations recorded by then, as they stood then', async () => {
    const res = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=${d}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      studentId: STUDENT.id,
      asOf: d,
      asOfDate: TODAY,
      student: { name: STUDENT.name, group: STUDENT.group, grade: STUDENT.grade },
    });
    const byId = Object.fromEntries((res.body.registrations as { absenceId: string }[]).map((r) => [r.absenceId, r]));
    expect(Object.keys(byId).sort()).toEqual([ids.nov02, ids.nov05lesson, ids.nov10].sort());
    // The correction and the retraction came later: not applied.
    expect(byId[ids.nov02!]).toMatchObject({ date: '2026-11-02', kind: 'day', documented: false, retracted: false });
    expect(byId[ids.nov02!]).not.toHaveProperty('changedAt');
    expect(byId[ids.nov05lesson!]).toMatchObject({ kind: 'lesson', lessons: 2, retracted: false });
    for (const r of res.body.registrations) expect(Date.parse(r.recordedAt)).toBeLessThanOrEqual(Date.parse(d));
  });

  it('at D: equals a replay of the student stream recorded by D (registrations, concern level and triggers)', async () => {
    const res = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=${d}`);
    const expected = replay(s.dataDir, d, res.body.asOfDate);
    const strip = (r: Record<string, unknown>) => {
      const { recordedAt: _r, changedAt: _c, ...rest } = r;
      return rest;
    };
    expect(
      res.body.registrations
        .map(strip)
        .sort((a: { absenceId: string }, b: { absenceId: string }) => a.absenceId.localeCompare(b.absenceId)),
    ).toEqual(
      JSON.parse(JSON.stringify(Object.values(expected.student.absences))).sort((a: { absenceId: string }, b: { absenceId: string }) =>
        a.absenceId.localeCompare(b.absenceId),
      ),
    );
    expect(res.body.concern).toMatchObject({ planId: 'eksempel-handlingsplan', level: expected.level, triggers: expected.triggers });
    expect(res.body.concern.level).toBe('green');
    expect(res.body.concern.recordedLevel).toBe('green');
    expect(res.body.events).toBe(expected.events);
  });

  it('at D: no case yet, and only the follow-up steps the registrations known then set off', async () => {
    const res = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=${d}`);
    expect(res.body.cases).toEqual([]);
    const triggers = (res.body.tasks as { trigger: { type: string; on: string }; stepId: string }[])
      .map((t) => `${t.stepId}@${t.trigger.on}`)
      .sort();
    // An unreported day absence sets its step off when the guardians' three school days have
    // passed: 2 Nov → 5 Nov, 10 Nov → 13 Nov. The lesson absence on 20 Oct: contact home.
    expect(triggers).toEqual([
      'eksempel-lesson-absence@2026-10-20',
      'eksempel-unreported-absence@2026-11-05',
      'eksempel-unreported-absence@2026-11-13',
    ]);
    for (const t of res.body.tasks) expect(['due', 'overdue']).toContain(t.status);
  });

  it('now: everything recorded since, matching the replay of the whole stream; the level is yellow', async () => {
    const now = new Date().toISOString();
    const res = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=${now}`);
    expect(res.status).toBe(200);
    const expected = replay(s.dataDir, now, res.body.asOfDate);
    expect(res.body.registrations).toHaveLength(5);
    const byId = Object.fromEntries((res.body.registrations as { absenceId: string }[]).map((r) => [r.absenceId, r]));
    expect(byId[ids.nov02!]).toMatchObject({ documented: true, changedAt: expect.any(String) });
    expect(byId[ids.nov05lesson!]).toMatchObject({ retracted: true });
    expect(res.body.concern).toMatchObject({ level: expected.level, triggers: expected.triggers });
    expect(res.body.concern.level).toBe('yellow');
    // The concern saga recorded the change after the registrations (eventually).
    expect(res.body.events).toBe(expected.events);
    expect(res.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    const steps = (res.body.tasks as { stepId: string; trigger: { on: string } }[]).map((t) => `${t.stepId}@${t.trigger.on}`);
    // 27 Oct → 30 Oct and 16 Nov → 19 Nov were recorded after D.
    expect(steps).toEqual(expect.arrayContaining(['eksempel-unreported-absence@2026-10-30', 'eksempel-unreported-absence@2026-11-19']));
    expect(steps.some((t) => t.startsWith('eksempel-conversation@'))).toBe(true);
    expect(steps.some((t) => t.startsWith('eksempel-lesson-absence@'))).toBe(false);
  });

  it('now: the tasks are those GET /tasks (the read model) lists for the student today', async () => {
    const started = Date.now();
    let fromReadModel: unknown[] = [];
    let known: unknown[] = [];
    while (Date.now() - started < 5000) {
      const res = await s.as('leader').get(`/tasks?schoolId=${SCHOOL_ID}`);
      expect(res.status).toBe(200);
      fromReadModel = (
        res.body as {
          studentId: string;
          caseId?: string;
          stepId: string;
          step: string;
          responsibleRole: string;
          dueOn: string;
          status: string;
        }[]
      )
        .filter((t) => t.studentId === STUDENT.id)
        .map((t) => ({
          stepId: t.stepId,
          step: (t.step as unknown as { title: string }).title,
          responsibleRole: t.responsibleRole,
          dueOn: t.dueOn,
          status: t.status,
          caseId: t.caseId,
        }))
        .sort(byStepAndDue);
      const now = await s.as('auditor').get(`/students/${STUDENT.id}/known`);
      known = (
        now.body.tasks as { stepId: string; step: string; responsibleRole: string; dueOn: string; status: string; caseId?: string }[]
      )
        .map((t) => ({
          stepId: t.stepId,
          step: t.step,
          responsibleRole: t.responsibleRole,
          dueOn: t.dueOn,
          status: t.status,
          caseId: t.caseId,
        }))
        .sort(byStepAndDue);
      if (JSON.stringify(known) === JSON.stringify(fromReadModel)) break;
      await sleep(100);
    }
    expect(known).toEqual(fromReadModel);
    // Unreported spells 27 Oct, 2 Nov, 16 Nov, and the conversation the yellow level asks for. The
    // step for 10 Nov is done: the guardians' report came (late), recorded by a correction.
    expect(known.map((t) => `${(t as { stepId: string }).stepId}`).sort()).toEqual([
      'eksempel-conversation',
      'eksempel-unreported-absence',
      'eksempel-unreported-absence',
      'eksempel-unreported-absence',
    ]);
  });

  it('without asOf: now; with a date: the end of that day in Oslo; before enrolment: 404; malformed: 400', async () => {
    const now = await s.as('auditor').get(`/students/${STUDENT.id}/known`);
    expect(now.status).toBe(200);
    expect(now.body.registrations).toHaveLength(5);
    const day = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=2026-01-15`);
    expect(day.status).toBe(404);
    const bad = await s.as('auditor').get(`/students/${STUDENT.id}/known?asOf=last-week`);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'asOf', messages: [expect.stringContaining('ISO 8601')] }]);
    expect((await s.as('auditor').get('/students/no-such-student/known')).status).toBe(404);
  });

  it('is for the auditor and the school’s leaders only', async () => {
    expect((await s.as('leader').get(`/students/${STUDENT.id}/known?asOf=${d}`)).status).toBe(200);
    expect((await s.as('teacher').get(`/students/${STUDENT.id}/known?asOf=${d}`)).status).toBe(403);
    expect((await s.as('otherLeader').get(`/students/${STUDENT.id}/known?asOf=${d}`)).status).toBe(403);
    expect((await s.as('admin').get(`/students/${STUDENT.id}/known?asOf=${d}`)).status).toBe(403);
  });

  it('is recorded in the access log (who, role, what, when)', async () => {
    const started = Date.now();
    let entries: { actor: { id: string; role: string }; action: string; target: { type: string; id: string }; at: string }[] = [];
    while (Date.now() - started < 5000) {
      const res = await s.as('auditor').get(`/audit/access-log?studentId=${STUDENT.id}`);
      expect(res.status).toBe(200);
      entries = (res.body as typeof entries).filter((e) => e.action === 'student:history');
      if (entries.some((e) => e.actor.role === 'school-leader')) break;
      await sleep(100);
    }
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: { id: 'revisor-1', role: 'auditor' },
          action: 'student:history',
          target: { type: 'student', id: STUDENT.id },
        }),
        expect.objectContaining({ actor: { id: 'rektor-1', role: 'school-leader' }, action: 'student:history' }),
      ]),
    );
    // Refused reads leave nothing: the contact teacher and the other school's leader are absent.
    expect(entries.every((e) => ['revisor-1', 'rektor-1'].includes(e.actor.id))).toBe(true);
  });
});
