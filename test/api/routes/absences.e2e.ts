/**
 * api.md "Absence": registrations, corrections, retractions, concern overrides and the
 * concern level, through the real service; plus the write rules every POST shares
 * (X-Position, Idempotency-Key) on a real route.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectErrorShape, positionOf, TODAY, World } from './support/fixture.js';

describe('absence routes', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  describe('POST /students/:studentId/absences', () => {
    it('answers 201 { absenceId } with an integer X-Position for each kind', async () => {
      const s = await w.student();
      const bodies = [
        { date: '2026-11-16', kind: 'day', documented: true, reportedByGuardian: true, reason: 'Syk' },
        { date: '2026-11-17', kind: 'lesson', lessons: 2, subject: 'Matematikk' },
        { date: '2026-11-18', kind: 'late', minutes: 15 },
        { date: '2026-11-19', kind: 'left-early', minutes: 40 },
      ];
      let previous = 0;
      for (const body of bodies) {
        const res = await w.post(`/students/${s}/absences`, w.token('teacher'), body);
        expect(res.status).toBe(201);
        expect(Object.keys(res.body)).toEqual(['absenceId']);
        expect(typeof res.body.absenceId).toBe('string');
        expect(res.headers['x-position']).toMatch(/^\d+$/);
        expect(positionOf(res)).toBeGreaterThan(previous);
        previous = positionOf(res);
      }
      const list = await w.get(`/students/${s}/absences`, w.token('teacher'));
      expect(list.status).toBe(200);
      expect(list.body.registrations).toHaveLength(4);
    });

    it.each([
      ['a Saturday', '2026-11-21', /weekend/i],
      ['a Sunday', '2026-11-22', /weekend/i],
      ['17 May', '2027-05-17', /holiday/i],
      ['Maundy Thursday', '2027-03-25', /holiday/i],
      ['Good Friday', '2027-03-26', /holiday/i],
      ['Easter Monday', '2027-03-29', /holiday/i],
      ['Kristi himmelfartsdag', '2027-05-06', /holiday/i],
      ['the Christmas break', '2026-12-22', /Juleferie|break/i],
      ['the autumn break', '2026-10-07', /Høstferie|break/i],
      ['before the school year', '2026-08-14', /school.year/i],
      ['after the school year', '2027-06-21', /school.year/i],
    ])('answers 422 for %s (%s), naming why', async (_what, date, why) => {
      const s = await w.student();
      const res = await w.post(`/students/${s}/absences`, w.leader, { date, kind: 'day' });
      expectErrorShape(res, 422);
      expect(res.body.details).toEqual({ code: 'not-a-school-day' });
      expect(res.body.message).toMatch(why);
      expect(res.headers['x-position']).toBeUndefined();
    });

    it('accepts the school days around those holidays (the refusals are about the calendar)', async () => {
      const s = await w.student();
      for (const date of ['2027-05-18', '2027-03-24', '2027-05-05', '2026-12-18', '2027-06-18', '2026-08-17']) {
        const res = await w.post(`/students/${s}/absences`, w.leader, { date, kind: 'day' });
        expect([date, res.status]).toEqual([date, 201]);
      }
    });

    it('answers 400 with details naming each bad field', async () => {
      const s = await w.student();
      const res = await w.post(`/students/${s}/absences`, w.leader, {
        date: '2026-02-30',
        kind: 'sometimes',
        lessons: 0,
        minutes: 'ten',
        documented: 'yes',
      });
      expectErrorShape(res, 400);
      const fields = (res.body.details as { field: string; messages: string[] }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['date', 'documented', 'kind', 'lessons', 'minutes']);
      for (const detail of res.body.details as { field: string; messages: string[] }[]) {
        expect(detail.messages.length).toBeGreaterThan(0);
      }
    });

    it('answers 400 naming the missing required fields and refuses unknown ones', async () => {
      const s = await w.student();
      const missing = await w.post(`/students/${s}/absences`, w.leader, {});
      expectErrorShape(missing, 400);
      expect((missing.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['date', 'kind']);
      const unknown = await w.post(`/students/${s}/absences`, w.leader, { date: '2026-11-16', kind: 'day', studentName: 'x' });
      expectErrorShape(unknown, 400);
      expect((unknown.body.details as { field: string }[]).map((d) => d.field)).toContain('studentName');
    });

    it('answers 400 naming the field for a lesson without lessons or a late without minutes, 422 for a second registration on a day absence', async () => {
      const s = await w.student();
      const noLessons = await w.post(`/students/${s}/absences`, w.leader, { date: '2026-11-16', kind: 'lesson' });
      expectErrorShape(noLessons, 400);
      expect(noLessons.body.details).toEqual([expect.objectContaining({ field: 'lessons' })]);
      const noMinutes = await w.post(`/students/${s}/absences`, w.leader, { date: '2026-11-16', kind: 'late' });
      expectErrorShape(noMinutes, 400);
      expect(noMinutes.body.details).toEqual([expect.objectContaining({ field: 'minutes' })]);
      await w.absence(s, { date: '2026-11-16', kind: 'day' });
      const twice = await w.post(`/students/${s}/absences`, w.leader, { date: '2026-11-16', kind: 'day' });
      expectErrorShape(twice, 422);
      const lateOnADay = await w.post(`/students/${s}/absences`, w.leader, { date: '2026-11-16', kind: 'late', minutes: 5 });
      expectErrorShape(lateOnADay, 422);
      expect(lateOnADay.body.details).toMatchObject({ code: 'duplicate-day-absence' });
    });

    it('answers 404 for an unknown student and 401 without or with a bad token', async () => {
      expectErrorShape(await w.post('/students/st-nobody/absences', w.leader, { date: '2026-11-16', kind: 'day' }), 404);
      expectErrorShape(await w.post('/students/st-nobody/absences', null, { date: '2026-11-16', kind: 'day' }), 401);
      const s = await w.student();
      expectErrorShape(await w.post(`/students/${s}/absences`, `${w.leader}x`, { date: '2026-11-16', kind: 'day' }), 401);
    });

    it('answers 400 (not 500) for a malformed JSON body', async () => {
      const s = await w.student();
      const res = await w.post(`/students/${s}/absences`, w.leader, '{"date": ', { 'Content-Type': 'application/json' });
      expectErrorShape(res, 400);
    });
  });

  describe('corrections and retractions', () => {
    it('corrects a registration: 201 with X-Position, and the registration reads corrected', async () => {
      const s = await w.student();
      const id = await w.absence(s, { date: '2026-11-16', kind: 'lesson', lessons: 1 });
      const res = await w.post(`/students/${s}/absences/${id}/corrections`, w.token('teacher'), {
        lessons: 3,
        documented: true,
        reason: 'Feil antall timer',
      });
      expect(res.status).toBe(201);
      positionOf(res);
      const list = await w.get(`/students/${s}/absences`, w.token('teacher'));
      expect(list.body.registrations).toEqual([expect.objectContaining({ absenceId: id, lessons: 3, documented: true })]);
    });

    it('refuses a correction without reason (400), to a weekend (422), of an unknown absence (404)', async () => {
      const s = await w.student();
      const id = await w.absence(s, { date: '2026-11-16', kind: 'day' });
      const noReason = await w.post(`/students/${s}/absences/${id}/corrections`, w.leader, { documented: true });
      expectErrorShape(noReason, 400);
      expect((noReason.body.details as { field: string }[]).map((d) => d.field)).toEqual(['reason']);
      expectErrorShape(await w.post(`/students/${s}/absences/${id}/corrections`, w.leader, { date: '2026-11-22', reason: 'flytt' }), 422);
      const unknown = await w.post(`/students/${s}/absences/no-such-absence/corrections`, w.leader, { documented: true, reason: 'x' });
      expectErrorShape(unknown, 404);
    });

    it('retracts (201), then refuses to retract or correct the retracted one (422); unknown id → 404', async () => {
      const s = await w.student();
      const id = await w.absence(s, { date: '2026-11-16', kind: 'day' });
      const first = await w.post(`/students/${s}/absences/${id}/retractions`, w.leader, { reason: 'Feil elev' });
      expect(first.status).toBe(201);
      positionOf(first);
      const again = await w.post(`/students/${s}/absences/${id}/retractions`, w.leader, { reason: 'Feil elev' });
      expectErrorShape(again, 422);
      expect(again.body.details).toEqual({ code: 'absence-retracted' });
      expectErrorShape(await w.post(`/students/${s}/absences/${id}/corrections`, w.leader, { documented: true, reason: 'x' }), 422);
      const unknown = await w.post(`/students/${s}/absences/00000000-0000-4000-8000-000000000000/retractions`, w.leader, { reason: 'x' });
      expectErrorShape(unknown, 404);
      expect(unknown.body.details).toEqual({ code: 'absence-not-found' });
      expectErrorShape(await w.post(`/students/${s}/absences/${id}/retractions`, w.leader, {}), 400);
    });
  });

  describe('GET /students/:studentId/concern', () => {
    it('has the contract shape, reads its own writes via X-Min-Position, and honours asOf', async () => {
      const s = await w.student();
      const green = await w.get(`/students/${s}/concern`, w.token('contact-teacher'));
      expect(green.status).toBe(200);
      expect(green.body).toEqual({ studentId: s, planId: 'bergen-smoras', level: 'green', triggers: [] });

      let position = 0;
      for (const date of ['2026-11-16', '2026-11-17', '2026-11-18']) {
        const res = await w.post(`/students/${s}/absences`, w.leader, { date, kind: 'day' });
        position = positionOf(res);
      }
      const yellow = await w.get(`/students/${s}/concern`, w.token('contact-teacher'), { 'X-Min-Position': String(position) });
      expect(yellow.status).toBe(200);
      expect(Object.keys(yellow.body).sort()).toEqual(['level', 'planId', 'studentId', 'triggers']);
      expect(yellow.body.level).toBe('yellow');
      const trigger = (yellow.body.triggers as Record<string, unknown>[]).find((t) => t.ruleId === 'bergen-month-days');
      expect(trigger).toEqual({
        ruleId: 'bergen-month-days',
        level: 'yellow',
        description: expect.any(String),
        window: { from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: TODAY },
        count: 3,
        threshold: 3,
        unit: 'days',
      });
      for (const t of yellow.body.triggers as { unit: string; level: string }[]) {
        expect(['days', 'lessons', 'lates', 'percent', 'pattern', 'spells', 'manual']).toContain(t.unit);
        expect(['green', 'yellow', 'red']).toContain(t.level);
      }

      // asOf before the absences: they are not counted; the window ends on asOf.
      const before = await w.get(`/students/${s}/concern?asOf=2026-11-13`, w.token('contact-teacher'));
      expect(before.body).toEqual({ studentId: s, planId: 'bergen-smoras', level: 'green', triggers: [] });
      const onLast = await w.get(`/students/${s}/concern?asOf=2026-11-18`, w.token('contact-teacher'));
      expect(onLast.body.level).toBe('yellow');
      expect((onLast.body.triggers as { window: { to: string } }[])[0]!.window.to).toBe('2026-11-18');
    });

    it("uses the plan of the student's school (baerum at kombi)", async () => {
      const s = await w.student('kombi', '9A', 9);
      const res = await w.get(`/students/${s}/concern`, w.token('auditor'));
      expect(res.status).toBe(200);
      expect(res.body.planId).toBe('baerum');
    });

    it('answers 400 naming asOf when malformed, 404 for an unknown student, 400 naming a malformed X-Min-Position', async () => {
      const s = await w.student();
      const bad = await w.get(`/students/${s}/concern?asOf=23.11.2026`, w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
      expectErrorShape(await w.get('/students/st-nobody/concern', w.leader), 404);
      const badHeader = await w.get(`/students/${s}/concern`, w.leader, { 'X-Min-Position': 'soon' });
      expectErrorShape(badHeader, 400);
      expect(badHeader.body.details).toEqual([expect.objectContaining({ field: 'X-Min-Position' })]);
    });
  });

  describe('POST /students/:studentId/concern-overrides', () => {
    it('raises the level by hand (201, X-Position); the concern then shows a manual trigger', async () => {
      const s = await w.student();
      const res = await w.post(`/students/${s}/concern-overrides`, w.token('student-services'), {
        level: 'red',
        reason: 'Bekymring fra helsesykepleier',
      });
      expect(res.status).toBe(201);
      const position = positionOf(res);
      const concern = await w.get(`/students/${s}/concern`, w.token('student-services'), { 'X-Min-Position': String(position) });
      expect(concern.body.level).toBe('red');
      expect(concern.body.triggers).toEqual([expect.objectContaining({ level: 'red', unit: 'manual' })]);
    });

    it('refuses green or another level (400 naming level) and a missing reason (400 naming reason)', async () => {
      const s = await w.student();
      const green = await w.post(`/students/${s}/concern-overrides`, w.leader, { level: 'green', reason: 'x' });
      expectErrorShape(green, 400);
      expect((green.body.details as { field: string }[]).map((d) => d.field)).toEqual(['level']);
      const noReason = await w.post(`/students/${s}/concern-overrides`, w.leader, { level: 'yellow' });
      expectErrorShape(noReason, 400);
      expect((noReason.body.details as { field: string }[]).map((d) => d.field)).toEqual(['reason']);
    });
  });

  describe('Idempotency-Key on POST /students/:studentId/absences', () => {
    it('replays the same key and body with the same response and appends one event; another body → 422', async () => {
      const s = await w.student();
      const body = { date: '2026-11-16', kind: 'late', minutes: 10 };
      const first = await w.post(`/students/${s}/absences`, w.leader, body, { 'Idempotency-Key': `key-${s}` });
      expect(first.status).toBe(201);
      const head = await w.head();
      const again = await w.post(
        `/students/${s}/absences`,
        w.leader,
        { minutes: 10, kind: 'late', date: '2026-11-16' },
        { 'Idempotency-Key': `key-${s}` },
      );
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['x-position']).toBe(first.headers['x-position']);
      const studentEvents = (await w.events.readStream(`student-${s}`)).filter((e) => e.type === 'AbsenceRegistered');
      expect(studentEvents).toHaveLength(1);
      const registrations = await w.get(`/students/${s}/absences`, w.leader);
      expect(registrations.body.registrations).toHaveLength(1);

      const other = await w.post(`/students/${s}/absences`, w.leader, { ...body, minutes: 11 }, { 'Idempotency-Key': `key-${s}` });
      expectErrorShape(other, 422);
      // Nothing of this caller was appended by the replay or the refusal.
      const after = await w.eventsAfter(head);
      expect(after.filter((e) => e.metadata.actor.id === 'school-leader@in')).toEqual([]);
    });
  });
});
