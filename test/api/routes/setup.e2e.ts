/** api.md "Starting" and "Set-up (admin)": /health, POST /schools, GET /plans, POST students. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createService } from '#api/service/create-service.js';
import { TEST_SECRET } from '../support/tokens.js';
import { expectErrorShape, positionOf, SCHOOL_YEAR, TODAY, World } from './support/fixture.js';

const PLAN_IDS = ['hemsedal-trafikklys', 'vindafjord-etne', 'eksempel-handlingsplan', 'bergen-smoras', 'baerum'];

const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field).sort();

describe('set-up routes', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  it('GET /health answers exactly { status: "ok" } without a token', async () => {
    const res = await w.get('/health', null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  describe('POST /schools', () => {
    it('answers 201 with X-Position for each level, breaks optional', async () => {
      for (const [id, level] of [
        ['new-barne', 'barneskole'],
        ['new-ungdom', 'ungdomsskole'],
        ['new-kombi', 'kombinert'],
      ] as const) {
        const res = await w.post('/schools', w.admin, {
          id,
          name: `Skole ${id}`,
          municipalityId: '4601',
          level,
          planId: 'eksempel-handlingsplan',
          schoolYear: level === 'kombinert' ? { start: SCHOOL_YEAR.start, end: SCHOOL_YEAR.end } : SCHOOL_YEAR,
        });
        expect([id, res.status]).toEqual([id, 201]);
        positionOf(res);
      }
    });

    it('answers 400 naming every bad field, nested ones as dotted paths', async () => {
      const res = await w.post('/schools', w.admin, {
        id: 'bad/id',
        name: '',
        municipalityId: '4601',
        level: 'videregående',
        planId: 'no-such-plan',
        schoolYear: { start: '2026-08-17', end: '17.06.2027', breaks: [{ from: '2026-10-05', to: '2026-10-09' }] },
      });
      expectErrorShape(res, 400);
      expect(fieldsOf(res.body)).toEqual(['id', 'level', 'name', 'planId', 'schoolYear.breaks.0.name', 'schoolYear.end']);
    });

    it('answers 422 when the school is already registered, and for a school year that ends before it starts', async () => {
      const body = {
        id: 'twice',
        name: 'To ganger',
        municipalityId: '4601',
        level: 'barneskole',
        planId: 'baerum',
        schoolYear: SCHOOL_YEAR,
      };
      expect((await w.post('/schools', w.admin, body)).status).toBe(201);
      const again = await w.post('/schools', w.admin, body);
      expectErrorShape(again, 422);
      expect(again.body.details).toEqual({ code: 'school-already-registered' });
      const backwards = await w.post('/schools', w.admin, {
        ...body,
        id: 'backwards',
        schoolYear: { start: '2027-06-18', end: '2026-08-17' },
      });
      expectErrorShape(backwards, 422);
    });

    it('answers 401 without a token and 403 for a non-admin, appending nothing', async () => {
      const body = { id: 'nope', name: 'Nei', municipalityId: '4601', level: 'barneskole', planId: 'baerum', schoolYear: SCHOOL_YEAR };
      const head = await w.head();
      expectErrorShape(await w.post('/schools', null, body), 401);
      expectErrorShape(await w.post('/schools', w.leader, body), 403);
      expect(await w.head()).toBe(head);
    });
  });

  describe('GET /plans', () => {
    it('answers the five built-in plans, each with its rules and steps', async () => {
      const res = await w.get('/plans', w.token('teacher'));
      expect(res.status).toBe(200);
      expect((res.body as { id: string }[]).map((p) => p.id).sort()).toEqual([...PLAN_IDS].sort());
      for (const plan of res.body as { id: string; rules: unknown[]; steps: unknown[] }[]) {
        expect(Array.isArray(plan.rules)).toBe(true);
        expect(Array.isArray(plan.steps)).toBe(true);
        expect([plan.id, plan.rules.length > 0, plan.steps.length > 0]).toEqual([plan.id, true, true]);
        for (const rule of plan.rules as { id: unknown; level: unknown; unit: unknown }[]) {
          expect(typeof rule.id).toBe('string');
          expect(['yellow', 'red']).toContain(rule.level);
          expect(['days', 'lessons', 'lates', 'events', 'percent', 'pattern', 'spells', 'manual']).toContain(rule.unit);
        }
        for (const step of plan.steps as { id: unknown; responsibleRole: unknown }[]) {
          expect(typeof step.id).toBe('string');
          expect(typeof step.responsibleRole).toBe('string');
        }
      }
    });

    it('answers 401 without a token', async () => {
      expectErrorShape(await w.get('/plans', null), 401);
    });
  });

  describe('POST /schools/:schoolId/students', () => {
    it('answers 201 with X-Position; the student is then known to the routes', async () => {
      const res = await w.post('/schools/smoras/students', w.admin, { id: 'enrolled-1', name: 'Ola Nordmann', grade: 5, group: '5A' });
      expect(res.status).toBe(201);
      const position = positionOf(res);
      const concern = await w.get('/students/enrolled-1/concern', w.leader, { 'X-Min-Position': String(position) });
      expect(concern.status).toBe(200);
    });

    it('answers 400 naming grade outside 1..10 and a missing name', async () => {
      for (const grade of [0, 11, 5.5, '5']) {
        const res = await w.post('/schools/smoras/students', w.admin, { id: 'enrolled-x', grade, group: '5A' });
        expectErrorShape(res, 400);
        expect([grade, fieldsOf(res.body)]).toEqual([grade, ['grade', 'name']]);
      }
    });

    it('answers 404 for an unknown school and 422 for a student enrolled twice', async () => {
      expectErrorShape(
        await w.post('/schools/no-such-school/students', w.admin, { id: 'lost', name: 'Borte', grade: 5, group: '5A' }),
        404,
      );
      const body = { id: 'enrolled-twice', name: 'Kari', grade: 3, group: '3A' };
      expect((await w.post('/schools/kombi/students', w.admin, body)).status).toBe(201);
      expectErrorShape(await w.post('/schools/kombi/students', w.admin, body), 422);
    });
  });

  it('takes the business date from the env handed to createService (CLOCK_TODAY), and refuses a bad one', async () => {
    const s = await w.student();
    const caseId = await w.openCase(s);
    expect((await w.get(`/cases/${caseId}`, w.leader)).body.openedOn).toBe(TODAY);
    await expect(
      createService({
        env: { AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:', CLOCK_TODAY: '2026-02-30' },
        logger: false,
        shutdownHooks: false,
      }),
    ).rejects.toThrow(/CLOCK_TODAY/);
  });

  it('answers 404 in the error shape for an unknown path', async () => {
    expectErrorShape(await w.get('/no-such-route', w.admin), 404);
  });
});
