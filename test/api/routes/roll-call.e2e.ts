/**
 * The roll call (api.md, People and classes): a whole class's absence for one date in one request,
 * checked whole before anything is written, idempotent, and complete after a crash part-way.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { studentDecider } from '#domain/student/index.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { requestIds } from '#api/common/request-ids.js';
import { RollCallCommand } from '#api/roll-call/roll-call.handler.js';
import { expectErrorShape, TODAY, World } from './support/fixture.js';

describe('POST /schools/:schoolId/groups/:groupId/roll-calls', () => {
  let w: World;
  let teacher: string;
  let pupils: string[];
  beforeAll(async () => {
    w = await World.start();
    teacher = w.token('contact-teacher', 'in');
    pupils = [];
    for (let i = 0; i < 6; i++) pupils.push(await w.student('smoras', '5A', 5));
  });
  afterAll(async () => {
    await w.stop();
  });

  const url = '/schools/smoras/groups/5A/roll-calls';
  const morning = (date = TODAY) => ({
    date,
    absences: [
      { studentId: pupils[0], kind: 'day', reportedByGuardian: true, reason: 'Syk' },
      { studentId: pupils[1], kind: 'day' },
      { studentId: pupils[2], kind: 'late', minutes: 15 },
      { studentId: pupils[3], kind: 'lesson', lessons: 2, subject: 'Matematikk' },
    ],
  });

  it('registers the class’s absence in one request, each as the student’s own event, and a repeat with the key appends nothing', async () => {
    const before = await w.head();
    const res = await w.post(url, teacher, morning('2026-11-20'), { 'Idempotency-Key': 'morning-20-nov' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date: '2026-11-20', groupId: '5A' });
    expect((res.body.registered as { studentId: string }[]).map((r) => r.studentId)).toEqual(pupils.slice(0, 4));
    const appended = await w.eventsAfter(before);
    const absences = appended.filter((e) => e.type === 'AbsenceRegistered');
    expect(absences.map((e) => e.stream)).toEqual(expect.arrayContaining(pupils.slice(0, 4).map((p) => `student-${p}`)));
    expect(absences).toHaveLength(4);
    const list = (await w.get(`/students/${pupils[2]}/absences`, teacher)).body as { registrations: { kind: string; minutes: number }[] };
    expect(list.registrations).toEqual([expect.objectContaining({ kind: 'late', minutes: 15 })]);

    const head = await w.head();
    const again = await w.post(url, teacher, morning('2026-11-20'), { 'Idempotency-Key': 'morning-20-nov' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(res.body);
    expect((await w.eventsAfter(head)).filter((e) => e.type === 'AbsenceRegistered')).toEqual([]);
  });

  it('refuses the whole roll call for one bad row, naming the row, and appends nothing', async () => {
    const other = await w.student('smoras', '5B', 5);
    const head = await w.head();
    const wrongGroup = await w.post(url, teacher, {
      date: TODAY,
      absences: [
        { studentId: pupils[4], kind: 'day' },
        { studentId: other, kind: 'day' },
      ],
    });
    expectErrorShape(wrongGroup, 422);
    expect(wrongGroup.body.details).toMatchObject({
      code: 'roll-call-refused',
      rows: [{ index: 1, studentId: other, field: 'absences.1.studentId', code: 'not-in-group' }],
    });
    const twice = await w.post(url, teacher, {
      date: TODAY,
      absences: [
        { studentId: pupils[4], kind: 'day' },
        { studentId: pupils[4], kind: 'late', minutes: 5 },
      ],
    });
    expectErrorShape(twice, 422);
    expect(twice.body.details.rows).toEqual([expect.objectContaining({ index: 1, code: 'duplicate-student' })]);
    const saturday = await w.post(url, teacher, { date: '2026-11-21', absences: [{ studentId: pupils[4], kind: 'day' }] });
    expectErrorShape(saturday, 422);
    expect(saturday.body.details.rows).toEqual([expect.objectContaining({ index: 0, code: 'not-a-school-day' })]);
    const noLessons = await w.post(url, teacher, { date: TODAY, absences: [{ studentId: pupils[4], kind: 'lesson' }] });
    expectErrorShape(noLessons, 400);
    expect(JSON.stringify(noLessons.body.details)).toContain('absences.0.lessons');
    expect(await w.head()).toBe(head);
  });

  it('answers 403 to a teacher of another group and 404 for a group with no students', async () => {
    expectErrorShape(await w.post(url, w.token('contact-teacher', 'other-group'), morning()), 403);
    expectErrorShape(await w.post('/schools/smoras/groups/9Z/roll-calls', w.leader, morning()), 404);
  });

  it('a repeat after a crash part-way (the key’s first run wrote one row and died) completes it without duplicates', async () => {
    const seed = 'crash-seed-roll-call';
    const date = '2026-11-19';
    const body = {
      date,
      absences: [
        { studentId: pupils[4], kind: 'day' as const },
        { studentId: pupils[5], kind: 'day' as const },
      ],
    };
    // The first run's write of row 0, with the ids the key derives, then the process died.
    const first = requestIds(seed);
    await w.app
      .get(StreamWriter)
      .execute(
        `student-${pupils[4]}`,
        studentDecider,
        { type: 'RegisterAbsence', data: { studentId: pupils[4]!, absenceId: first.id(`absence:${pupils[4]}`), date, kind: 'day' } },
        { today: TODAY, isSchoolDay: () => true },
        { actor: { id: 'contact-teacher@in', role: 'contact-teacher' }, eventIds: [first.id(`event:${pupils[4]}`)] },
      );
    const result = await w.app
      .get(CommandBus)
      .execute(new RollCallCommand('smoras', '5A', body, { id: 'contact-teacher@in', role: 'contact-teacher' }, requestIds(seed, true)));
    expect(result.registered.map((r: { studentId: string }) => r.studentId)).toEqual([pupils[4], pupils[5]]);
    for (const p of [pupils[4], pupils[5]]) {
      const stream = await w.events.readStream(`student-${p}`);
      expect(stream.filter((e) => e.type === 'AbsenceRegistered' && (e.data as { date: string }).date === date)).toHaveLength(1);
    }
  });
});
