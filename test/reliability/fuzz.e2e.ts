/**
 * Hostile input, property-based (fast-check), against the whole service in this process
 * (createService + supertest, real SQLite stores in a temp DATA_DIR). For every route: bodies,
 * path ids, query parameters and headers of the wrong type, null, huge, deeply nested, with
 * prototype-pollution keys, every kind of unicode, SQL and NoSQL injection.
 *
 * Never a 5xx; the right 4xx; a refused request leaves the store exactly as it was (event count,
 * head position and head hash); hostile text that is valid data is stored and read back verbatim.
 * FUZZ_RUNS scales the number of runs per property (default 1).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FORBIDDEN_TEXT } from '#api/common/validation.pipe.js';
import fc from 'fast-check';
import request from 'supertest';
import { ID_PATTERN, isIsoDate } from '#api/common/dto-rules.js';
import { call, seedSchool, tokenFor, type Seed } from './support/http.js';
import { deepValue, encodeSegment, hostileString, hugeString, INJECTIONS, nested, otherType, toJson, UNICODE } from './support/hostile.js';
import { startInProcess, type InProcessService } from './support/in-process.js';
import { readAllEvents, storeProblems } from './support/store-checks.js';

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (n: number) => ({
  numRuns: Math.max(1, Math.round(n * SCALE)),
  endOnFailure: true,
  ...(SEED === undefined ? {} : { seed: SEED }),
});

interface Ids {
  school: string;
  student: string;
  absence: string;
  caseId: string;
  measure: string;
  consent: string;
  group: string;
  override: string;
  task: string;
}

interface Route {
  name: string;
  method: 'GET' | 'POST';
  /** Path template: `:school`, `:student`, `:absence`, `:caseId`, `:measure`, `:consent`, `:municipality`. */
  path: string;
  token: 'leader' | 'admin' | 'auditor';
  body?: Record<string, unknown>;
  /** Query parameters and how each is checked. */
  query?: Record<string, 'date' | 'instant' | 'id' | 'status'>;
  /** The answer a valid body gets when the route's resource is, by design, one that no step or school has (404). */
  validAnswer?: number;
  /** Open without a token (@Public): a bad Authorization header is ignored, not refused. */
  public?: boolean;
}

const AT = '2026-11-20T08:15:00Z';
const PERSON = { name: 'Ola Lærer', role: 'contact-teacher' };

/** Every route of api.md (and the additions), each with a valid body for its kind of write. */
const ROUTES: Route[] = [
  {
    name: 'register school',
    method: 'POST',
    path: '/schools',
    token: 'admin',
    body: {
      id: 'FZ-SCHOOL',
      name: 'Fuzz skole',
      municipalityId: '3024',
      level: 'barneskole',
      planId: 'hemsedal-trafikklys',
      schoolYear: { start: '2026-08-17', end: '2027-06-18' },
    },
  },
  {
    name: 'enrol',
    method: 'POST',
    path: '/schools/:school/students',
    token: 'admin',
    body: { id: 'fz-new-student', name: 'Ny Elev', grade: 5, group: '5A' },
  },
  {
    name: 'register absence',
    method: 'POST',
    path: '/students/:student/absences',
    token: 'leader',
    body: { date: '2026-11-16', kind: 'lesson', lessons: 1, subject: 'Norsk', documented: false, reportedByGuardian: true, reason: 'Syk' },
  },
  {
    name: 'correct absence',
    method: 'POST',
    path: '/students/:student/absences/:absence/corrections',
    token: 'leader',
    body: { documented: true, reason: 'Legeerklæring' },
  },
  {
    name: 'retract absence',
    method: 'POST',
    path: '/students/:student/absences/:absence/retractions',
    token: 'leader',
    body: { reason: 'Feil elev' },
  },
  {
    name: 'documentation',
    method: 'POST',
    path: '/students/:student/absences/:absence/documentation',
    token: 'leader',
    body: { note: 'Legeerklæring mottatt' },
  },
  {
    name: 'concern override',
    method: 'POST',
    path: '/students/:student/concern-overrides',
    token: 'leader',
    body: { level: 'yellow', reason: 'Bekymring' },
  },
  {
    name: 'open case',
    method: 'POST',
    path: '/cases',
    token: 'leader',
    body: { studentId: ':student', reason: 'Fravær', openedOn: '2026-11-20' },
  },
  {
    name: 'contact',
    method: 'POST',
    path: '/cases/:caseId/contacts',
    token: 'leader',
    body: { with: 'guardian', channel: 'phone', at: AT, summary: 'Ringte mor', studentView: 'Vondt i magen' },
  },
  {
    name: 'meeting',
    method: 'POST',
    path: '/cases/:caseId/meetings',
    token: 'leader',
    body: { type: 'presence-meeting', heldAt: AT, participants: [PERSON], minutes: 'Referat' },
  },
  {
    name: 'mapping',
    method: 'POST',
    path: '/cases/:caseId/mappings',
    token: 'leader',
    body: { domains: { individual: 'Sliten', school: 'Trives' }, summary: 'Kartlagt' },
  },
  {
    name: 'measure',
    method: 'POST',
    path: '/cases/:caseId/measures',
    token: 'leader',
    body: { description: 'Morgenmøte', responsible: PERSON, startsOn: '2026-11-24', evaluateBy: '2026-12-15' },
  },
  {
    name: 'evaluation',
    method: 'POST',
    path: '/cases/:caseId/measures/:measure/evaluations',
    token: 'leader',
    body: { outcome: 'progressing', note: 'Bedre' },
  },
  {
    name: 'consent',
    method: 'POST',
    path: '/cases/:caseId/consents',
    token: 'leader',
    body: { purpose: 'ppt', recipients: ['PPT'], givenBy: { name: 'Kari', relation: 'guardian' }, givenAt: '2026-11-20' },
  },
  {
    name: 'withdrawal',
    method: 'POST',
    path: '/cases/:caseId/consents/:consent/withdrawal',
    token: 'leader',
    body: { at: '2026-11-21', note: 'Trukket' },
  },
  {
    name: 'referral',
    method: 'POST',
    path: '/cases/:caseId/referrals',
    token: 'leader',
    body: { to: 'barnevern', kind: 'referral', at: AT, note: 'Bekymringsmelding' },
  },
  { name: 'phase', method: 'POST', path: '/cases/:caseId/phase', token: 'leader', body: { phase: 2, reason: 'Videre' } },
  {
    name: 'return plan',
    method: 'POST',
    path: '/cases/:caseId/return-plan',
    token: 'leader',
    body: { goals: ['Første time'], presenceGuide: PERSON, startsOn: '2026-11-24' },
  },
  { name: 'close', method: 'POST', path: '/cases/:caseId/close', token: 'leader', body: { outcome: 'resolved', note: 'Ferdig' } },
  { name: 'reopen', method: 'POST', path: '/cases/:caseId/reopen', token: 'leader', body: { reason: 'Igjen' } },
  // The routes of this round (issue 20: the fuzz runs over them too).
  {
    name: 'roll call',
    method: 'POST',
    path: '/schools/:school/groups/:group/roll-calls',
    token: 'leader',
    body: { date: '2026-11-17', absences: [{ studentId: ':student', kind: 'late', minutes: 5, reason: 'Buss' }] },
  },
  {
    name: 'move',
    method: 'POST',
    path: '/schools/:school/students/:student/moves',
    token: 'leader',
    body: { on: '2026-11-23', group: '5A', grade: 5, toSchoolId: 'NO-SUCH-SCHOOL' },
    validAnswer: 404,
  },
  {
    name: 'contact outside a case',
    method: 'POST',
    path: '/students/:student/contacts',
    token: 'leader',
    body: { with: 'guardian', channel: 'phone', at: AT, summary: 'Ringte hjem', absenceIds: [] },
  },
  {
    name: 'override withdrawal',
    method: 'POST',
    path: '/students/:student/concern-overrides/:override/withdrawal',
    token: 'leader',
    body: { reason: 'Bedre nå' },
  },
  {
    name: 'task completion',
    method: 'POST',
    path: '/tasks/:task/completion',
    token: 'leader',
    body: { on: '2026-11-20', note: 'Gjort' },
    validAnswer: 404,
  },
  {
    name: 'task waiver',
    method: 'POST',
    path: '/tasks/:task/waiver',
    token: 'leader',
    body: { reason: 'Ikke nødvendig' },
    validAnswer: 404,
  },
  {
    name: 'review',
    method: 'POST',
    path: '/schools/:school/reviews',
    token: 'leader',
    body: {
      routineId: 'hemsedal-review-every-student',
      heldOn: '2026-11-20',
      groupId: '5A',
      participants: [PERSON],
      minutes: 'Gjennomgått',
    },
  },
  {
    name: 'anonymous consultation',
    method: 'POST',
    path: '/municipalities/:municipality/ppt-consultations',
    token: 'leader',
    body: { schoolId: 'S1', schoolLevel: 'barneskole', at: '2026-11-20', note: 'Uten navn' },
  },
  { name: 'case list', method: 'GET', path: '/cases', token: 'leader', query: { schoolId: 'id', studentId: 'id' } },
  { name: 'student profile', method: 'GET', path: '/students/:student', token: 'leader' },
  // The web app's dev sign-in: validated before it answers 404 (AUTH_DEV is off here).
  {
    name: 'dev sign-in',
    method: 'POST',
    path: '/auth/dev/sign-in',
    token: 'leader',
    body: { sub: 'dev-auditor' },
    validAnswer: 404,
    public: true,
  },
  { name: 'concern history', method: 'GET', path: '/students/:student/concern/history', token: 'leader' },
  { name: 'task history', method: 'GET', path: '/students/:student/tasks/history', token: 'leader' },
  { name: 'reviews', method: 'GET', path: '/schools/:school/reviews', token: 'leader', query: { from: 'date', to: 'date' } },
  { name: 'monthly report', method: 'GET', path: '/schools/:school/reports/monthly', token: 'leader' },
  { name: 'plans', method: 'GET', path: '/plans', token: 'leader' },
  { name: 'concern', method: 'GET', path: '/students/:student/concern', token: 'leader', query: { asOf: 'date' } },
  { name: 'registrations', method: 'GET', path: '/students/:student/absences', token: 'leader' },
  { name: 'case', method: 'GET', path: '/cases/:caseId', token: 'leader', query: { asOf: 'instant' } },
  { name: 'history', method: 'GET', path: '/cases/:caseId/history', token: 'leader' },
  { name: 'verify', method: 'GET', path: '/cases/:caseId/history/verify', token: 'leader' },
  { name: 'noark', method: 'GET', path: '/cases/:caseId/export/noark', token: 'leader' },
  { name: 'absence list', method: 'GET', path: '/schools/:school/absence-list', token: 'leader', query: { from: 'date', to: 'date' } },
  { name: 'statistics', method: 'GET', path: '/schools/:school/statistics', token: 'leader', query: { asOf: 'date' } },
  {
    name: 'ppt statistics',
    method: 'GET',
    path: '/municipalities/:municipality/ppt-statistics',
    token: 'auditor',
    query: { asOf: 'date', compareTo: 'date' },
  },
  { name: 'ppt cases', method: 'GET', path: '/ppt/cases', token: 'auditor', query: { municipalityId: 'id' } },
  { name: 'tasks', method: 'GET', path: '/tasks', token: 'leader', query: { schoolId: 'id', status: 'status' } },
  { name: 'access log', method: 'GET', path: '/audit/access-log', token: 'auditor', query: { caseId: 'id', studentId: 'id' } },
];
const WRITES = ROUTES.filter((r) => r.method === 'POST');
const WITH_PARAMS = ROUTES.filter((r) => r.path.includes(':'));
const WITH_QUERY = ROUTES.filter((r) => r.query);
const CASE_WRITES = WRITES.filter((r) => r.path.startsWith('/cases/:caseId'));
/** Every field name any DTO knows, so an "unknown key" is really unknown. */
const KNOWN_FIELDS = new Set(
  WRITES.flatMap((r) => Object.keys(r.body!)).concat([
    'subject',
    'minutes',
    'lessons',
    'studentView',
    'breaks',
    'note',
    'family',
    'social',
    'community',
    'society',
    'until',
    'absenceIds',
    'studentIds',
    'toSchoolId',
  ]),
);

describe('fuzz: hostile input on every route', () => {
  let svc: InProcessService;
  let seed: Seed;
  let ids: Ids;
  let tokens: Record<Route['token'], string>;
  let db: Database.Database;
  let server: InProcessService['server'];

  const fill = (template: string, over: Partial<Record<string, string>> = {}) =>
    template.replace(/:(\w+)/g, (_, name: string) => {
      const value = over[name] ?? (name === 'municipality' ? '3024' : (ids as unknown as Record<string, string>)[name]);
      return name in over ? value! : encodeURIComponent(value!);
    });
  const bodyFor = (route: Route) =>
    JSON.parse(JSON.stringify(route.body).replace('":student"', JSON.stringify(ids.student))) as Record<string, unknown>;
  const head = () => {
    const row = db
      .prepare(
        'SELECT count(*) AS n, coalesce(max(position), 0) AS p, (SELECT hash FROM events ORDER BY position DESC LIMIT 1) AS h FROM events',
      )
      .get() as { n: number; p: number; h: string | null };
    return `${row.n}/${row.p}/${row.h}`;
  };

  /** Sends a raw request; returns the status and body; checks the invariants every answer must keep. */
  async function send(
    route: Route,
    options: {
      path?: string;
      rawBody?: string;
      contentType?: string;
      headers?: Record<string, string>;
      query?: string;
      token?: string | null;
    },
  ): Promise<{ status: number; body: any; text: string }> {
    const before = head();
    const path = (options.path ?? fill(route.path)) + (options.query ? `?${options.query}` : '');
    let req = route.method === 'GET' ? request(server).get(path) : request(server).post(path);
    const token = options.token === undefined ? tokens[route.token] : options.token;
    if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
    if (options.rawBody !== undefined) req = req.set('Content-Type', options.contentType ?? 'application/json').send(options.rawBody);
    const res = await req;
    // Never a 5xx for anything a client sends; errors in the contract's shape.
    if (res.status >= 500) throw new Error(`${route.method} ${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
    if (res.status >= 400) {
      // 431: node's HTTP parser refuses a request line over its 16 kB limit before the app sees it.
      if (res.status !== 431)
        expect(res.body).toMatchObject({ statusCode: res.status, error: expect.any(String), message: expect.any(String) });
      expect(head()).toBe(before);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    return { status: res.status, body: res.body, text: res.text };
  }
  const json = (route: Route, body: unknown, extra: Parameters<typeof send>[1] = {}) =>
    send(route, { rawBody: typeof body === 'string' ? body : toJson(body), ...extra });

  beforeAll(async () => {
    svc = await startInProcess();
    server = svc.server;
    seed = await seedSchool(svc.baseUrl, { studentCount: 3, caseCount: 1 });
    const leader = seed.tokens.leader;
    const student = seed.students[0]!;
    const caseId = seed.caseIds[0]!;
    const absence = await call(svc.baseUrl, 'POST', `/students/${student}/absences`, {
      token: leader,
      body: { date: '2026-11-18', kind: 'day' },
    });
    const measure = await call(svc.baseUrl, 'POST', `/cases/${caseId}/measures`, {
      token: leader,
      body: ROUTES.find((r) => r.name === 'measure')!.body,
    });
    const consent = await call(svc.baseUrl, 'POST', `/cases/${caseId}/consents`, {
      token: leader,
      body: ROUTES.find((r) => r.name === 'consent')!.body,
    });
    const override = await call(svc.baseUrl, 'POST', `/students/${student}/concern-overrides`, {
      token: leader,
      body: { level: 'yellow', reason: 'Bekymring', until: '2027-01-31' },
    });
    expect([absence.status, measure.status, consent.status, override.status]).toEqual([201, 201, 201, 201]);
    ids = {
      school: seed.schoolId,
      student,
      absence: absence.body.absenceId,
      caseId,
      measure: measure.body.measureId,
      consent: consent.body.consentId,
      group: '5A',
      override: override.body.overrideId,
      // Well formed, naming the student, asked for by no step: 404 for a valid body.
      task: `${student}.00000000000000000000`,
    };
    tokens = { leader, admin: seed.tokens.admin, auditor: await tokenFor(['auditor'], { sub: 'auditor-1', schools: [], groups: [] }) };
    db = new Database(join(svc.dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
    await settle();
  }, 60_000);

  afterAll(async () => {
    db?.close();
    await svc?.close();
  });

  /** Waits until the concern saga and the projections are idle (so the head moves only by the requests under test). */
  async function settle(): Promise<void> {
    let last = '';
    for (let i = 0; i < 50; i++) {
      const now = head();
      const position = Number(now.split('/')[1]);
      const res = await call(svc.baseUrl, 'GET', `/students/${ids.student}/absences`, {
        token: tokens.leader,
        headers: { 'x-min-position': String(position) },
      });
      expect(res.status).toBe(200);
      if (now === last) return;
      last = now;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the service did not settle');
  }

  it('a field of the wrong type, null, huge, deeply nested or an operator object: 400 or 422, nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...WRITES)
          .chain((route) =>
            fc
              .constantFrom(...Object.keys(route.body!))
              .chain((field) => otherType(route.body![field]).map((value) => ({ route, field, value }))),
          ),
        async ({ route, field, value }) => {
          const body = { ...bodyFor(route), [field]: value };
          const res = await json(route, body);
          // null in an optional field reads as "not given" (class-validator's IsOptional): it may be accepted.
          expect(value === null ? [201, 400, 413, 422, ...(route.validAnswer ? [route.validAnswer] : [])] : [400, 413, 422]).toContain(
            res.status,
          );
          if (res.status === 400 && value !== null) expect(JSON.stringify(res.body.details ?? [])).toContain(field);
        },
      ),
      runs(150),
    );
  }, 120_000);

  it('unknown keys, prototype-pollution keys included, at the top or nested: 400 naming them, nothing stored, no prototype touched', async () => {
    const key = fc
      .oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          '$where',
          '$gt',
          'toString',
          'hasOwnProperty',
          '__defineGetter__',
          'valueOf',
        ),
        fc.string({ minLength: 1, maxLength: 12 }),
      )
      .filter((k) => !KNOWN_FIELDS.has(k));
    const value = fc.oneof(
      fc.constant({ polluted: 'yes' }),
      fc.constant({ prototype: { polluted: 'yes' } }),
      fc.jsonValue({ maxDepth: 2 }),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), key, value, fc.boolean(), async (route, k, v, inNested) => {
        const valid = JSON.stringify(bodyFor(route));
        const nestedField = Object.entries(route.body!).find(([, x]) => x !== null && typeof x === 'object' && !Array.isArray(x))?.[0];
        let raw: string;
        if (inNested && nestedField) {
          // The key goes into the nested object: `"field":{...,"<k>":<v>}`.
          const body = bodyFor(route);
          const inner = JSON.stringify(body[nestedField]);
          raw = valid.replace(inner, `${inner.slice(0, -1)}${inner.length > 2 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v)}}`);
        } else {
          raw = `${valid.slice(0, -1)},${JSON.stringify(k)}:${JSON.stringify(v)}}`;
        }
        const res = await json(route, raw);
        expect(res.status).toBe(400);
      }),
      runs(120),
    );
  }, 120_000);

  it('whole bodies that are not the object asked for (arrays, scalars, null, deep nesting, operator objects): 400', async () => {
    const body = fc.oneof(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).some((k) => !KNOWN_FIELDS.has(k))),
      deepValue,
      fc.constant(nested(60_000, 'array')),
      fc.constant(nested(20_000, 'object')),
      fc.constantFrom<unknown>({ $gt: '' }, [{}], [[]], { '': '' }, '"a"', 'null', 'true', '0'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), body, fc.boolean(), async (route, b, withKey) => {
        const res = await json(route, toJson(b), withKey ? { headers: { 'Idempotency-Key': `fuzz-${Math.random()}` } } : {});
        expect([400, 413]).toContain(res.status);
      }),
      runs(100),
    );
  }, 120_000);

  it('malformed JSON: 400; a body over 256 kB: 413; a body that is not JSON: 415', async () => {
    const malformed = fc.oneof(
      fc.constantFrom(
        '{',
        '{"a":',
        '{"a" 1}',
        "{'a':1}",
        '{"a":1,}',
        '[1,2',
        'undefined',
        'NaN',
        '{"a":01}',
        '\u0000',
        '{"a":"\\x00"}',
        '{"a":"\\ud800"',
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), malformed, async (route, raw) => {
        expect((await json(route, raw)).status).toBe(400);
      }),
      runs(60),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.integer({ min: 262_145, max: 2_000_000 }), async (route, size) => {
        const raw = JSON.stringify({ ...bodyFor(route), pad: 'x'.repeat(size) });
        expect((await json(route, raw)).status).toBe(413);
      }),
      runs(10),
    );
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'text/json',
        'application/javascript',
        'application/jsonx',
        'json',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z.+-]{1,12}$/).filter((t) => !/^application\/([\w.+-]+\+)?json$/.test(t)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), contentType, async (route, type) => {
        expect((await json(route, bodyFor(route), { contentType: type })).status).toBe(415);
      }),
      runs(40),
    );
  }, 120_000);

  it('hostile path ids: 400 when not an id, 404 when an unknown id, never anything else', async () => {
    const value = fc.oneof(
      hostileString.filter((s) => s.length > 0),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/).map((s) => `zz-${s}`),
      fc.constantFrom(
        '..',
        '.',
        '%',
        '%zz',
        '%E0%A4%A',
        'a'.repeat(101),
        'a'.repeat(5000),
        'constructor',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__proto__',
        'prototype',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...WITH_PARAMS)
          .chain((route) =>
            fc.constantFrom(...(route.path.match(/:(\w+)/g) ?? []).map((p) => p.slice(1))).map((param) => ({ route, param })),
          ),
        value,
        fc.boolean(),
        async ({ route, param }, v, raw) => {
          // Encoded (the id arrives as given), or raw where the URL allows it (may then not route at all).
          const segment = raw && /^[\x21-\x7e]+$/.test(v) && !/[?#]/.test(v) ? v : encodeSegment(v);
          const res = await send(route, {
            path: fill(route.path, { [param]: segment }),
            rawBody: route.body ? JSON.stringify(bodyFor(route)) : undefined,
          });
          const expected = ID_PATTERN.test(v) && segment === encodeSegment(v) ? [404] : [400, 404];
          expect(expected).toContain(res.status);
        },
      ),
      runs(150),
    );
  }, 120_000);

  it('hostile query parameters: 400 unless valid, arrays and objects included', async () => {
    const value = fc.oneof(
      hostileString,
      fc.constantFrom(
        '2026-02-30',
        '2026-13-01',
        '26-11-23',
        '2026-11-23T25:00:00Z',
        '2026-11-23',
        '2026-11-23T12:00:00Z',
        'due',
        'overdue',
        'S1',
        '3024',
        '',
      ),
      hugeString.map((s) => s.slice(0, 3000)),
    );
    const shape = fc.constantFrom('plain' as const, 'array' as const, 'object' as const);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WITH_QUERY).chain((route) => fc.constantFrom(...Object.keys(route.query!)).map((param) => ({ route, param }))),
        value,
        shape,
        async ({ route, param }, v, form) => {
          const enc = encodeSegment(v);
          const query =
            form === 'plain' ? `${param}=${enc}` : form === 'array' ? `${param}=${enc}&${param}=${enc}` : `${param}[$gt]=${enc}`;
          const res = await send(route, {
            query: route.name === 'tasks' && param !== 'schoolId' ? `schoolId=${ids.school}&${query}` : query,
          });
          if (res.status === 431) return;
          const kind = route.query![param]!;
          const valid =
            form === 'plain' &&
            (v === '' ||
              (kind === 'date' && isIsoDate(v)) ||
              // An instant, or a date (api.md: the end of that day in Europe/Oslo).
              (kind === 'instant' && isIsoDate(v)) ||
              (kind === 'instant' &&
                /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
                !Number.isNaN(Date.parse(v))) ||
              (kind === 'id' && ID_PATTERN.test(v)) ||
              (kind === 'status' && ['due', 'overdue', 'done', 'waived'].includes(v)));
          if (form === 'object') {
            // `asOf[$gt]=…` is refused (an object where a string belongs) or, with a flat query
            // parser, is a parameter of another name that nothing reads: never an operator.
            expect([200, 400]).toContain(res.status);
          } else if (!valid) {
            // An empty instant (`asOf=`) is not "absent" for GET /cases/:id, so it is refused too.
            expect(res.status).toBe(400);
            expect(JSON.stringify(res.body.details ?? [])).toContain(param);
          } else {
            expect([200, 400, 404]).toContain(res.status);
          }
        },
      ),
      runs(150),
    );
  }, 120_000);

  it("the web app's static paths: hostile page and asset paths answer the app, a 404 or a 400, never a 5xx or a file outside dist/web", async () => {
    const segment = fc.oneof(
      hostileString,
      fc.constantFrom('..', '%2e%2e', '..%2f..%2f', '%2e%2e%2f%2e%2e%2fpackage.json', '....//', '%00', 'index.html', '.env', '%5c..%5c'),
    );
    const prefix = fc.constantFrom('/assets/', '/klasse/', '/elev/', '/sak/', '/revisjon/', '/', '/assets/../', '/logg-inn/');
    await fc.assert(
      fc.asyncProperty(prefix, fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), async (start, parts, html) => {
        const path = `${start}${parts.map((p) => (p.includes('%') || p.includes('.') ? p : encodeSegment(p))).join('/')}`;
        const res = await request(server)
          .get(path)
          .set('Accept', html ? 'text/html' : 'application/json');
        expect(res.status).toBeLessThan(500);
        expect([200, 301, 400, 401, 403, 404]).toContain(res.status);
        // Never a file of the repository or the data directory: only the app's own files.
        expect(res.text ?? '').not.toMatch(/"name": "skolefravaer"|AUTH_JWT_SECRET|SQLite format/);
      }),
      runs(150),
    );
  }, 120_000);

  it('hostile headers: Authorization 401, If-Match / X-Min-Position / Idempotency-Key 400 unless well-formed', async () => {
    // Only what HTTP can carry in a header value: visible Latin-1, no CR/LF.
    const headerValue = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
      fc.constantFrom(...INJECTIONS.filter((s) => /^[\x20-\x7e]+$/.test(s))),
      fc.constantFrom('-1', '1.5', '1e3', '0x10', '"3"', '*', '99999999999999999999', ' 1', 'W/"1"', '1,2', ''),
      fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES.filter((r) => !r.public)), headerValue, async (route, v) => {
        const res = await send(route, {
          token: null,
          headers: { Authorization: v },
          rawBody: route.body ? JSON.stringify(bodyFor(route)) : undefined,
        });
        expect(res.status).toBe(401);
      }),
      runs(60),
    );
    // Small well-formed revisions could match the case's and really write (close it, say): left out.
    // So could an empty or `*` If-Match ("no expectation"): not hostile, left out too.
    const ifMatch = headerValue.filter((v) => !/^\s*"?\d{1,6}"?\s*$/.test(v) && !['', '*'].includes(v.trim()));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CASE_WRITES), ifMatch, async (route, v) => {
        const res = await json(route, bodyFor(route), { headers: { 'If-Match': v } });
        const trimmed = v.trim();
        const unquoted = /^"(.*)"$/.exec(trimmed)?.[1] ?? trimmed;
        const wellFormed = trimmed === '' || trimmed === '*' || /^\d{1,15}$/.test(unquoted);
        if (!wellFormed) expect(res.status).toBe(400);
        else if (trimmed !== '' && trimmed !== '*') expect([409, 201, 422]).toContain(res.status);
      }),
      runs(60),
    );
    await settle();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES.filter((r) => r.method === 'GET')), headerValue, async (route, v) => {
        const res = await send(route, { headers: { 'X-Min-Position': v } });
        if (!/^\d{1,15}$/.test(v.trim())) expect(res.status).toBe(400);
      }),
      runs(60),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), headerValue, async (route, v) => {
        const res = await json(route, { ...bodyFor(route), unknownField: 1 }, { headers: { 'Idempotency-Key': v } });
        // Either the key is refused (400) or the body is (400): refused before anything runs.
        expect(res.status).toBe(400);
        // HTTP drops leading and trailing whitespace of a header value (RFC 9110 OWS).
        if (!/^[\x21-\x7e]{1,255}$/.test(v.trim())) expect(JSON.stringify(res.body.details ?? [])).toContain('Idempotency-Key');
      }),
      runs(60),
    );
  }, 120_000);

  it('injection strings and hostile unicode: stored as data and returned in NFC, or refused naming the field (contact summary, absence reason)', async () => {
    await settle();
    const text = fc.oneof(hostileString, fc.constantFrom(...INJECTIONS, ...UNICODE));
    let stored = 0;
    // NUL, control characters but tab/newline/CR, and lone surrogates are refused (security finding 10).
    const forbidden = (t: string) => FORBIDDEN_TEXT.test(t);
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(), async (summary, reason, n) => {
        const contactRoute = ROUTES.find((r) => r.name === 'contact')!;
        const c = await json(contactRoute, { ...bodyFor(contactRoute), summary, studentView: reason });
        if (forbidden(summary) || forbidden(reason)) {
          expect(c.status).toBe(400);
          const fields = (c.body.details as { field: string }[]).map((d) => d.field);
          if (forbidden(summary)) expect(fields).toContain('summary');
          if (forbidden(reason)) expect(fields).toContain('studentView');
        } else if (summary.trim() === '' || reason.trim() === '') {
          // Blank text: IsNotEmpty (400) or the domain's requireText (422) may refuse it.
          expect([201, 400, 422]).toContain(c.status);
          if (summary.trim() === '') expect(c.status).not.toBe(201);
        } else if (c.status !== 201) {
          throw new Error(`contact refused (${c.status}): ${JSON.stringify(c.body)}`);
        } else {
          stored += 1;
          const got = await call(svc.baseUrl, 'GET', `/cases/${ids.caseId}`, { token: tokens.leader });
          const entry = (got.body.contacts as { contactId: string; summary: string; studentView?: string }[]).find(
            (x) => x.contactId === c.body.contactId,
          );
          expect(entry?.summary).toBe(summary.normalize('NFC'));
          expect(entry?.studentView).toBe(reason.normalize('NFC'));
        }
        const student = seed.students[1 + (n % 2)]!;
        const marker = `fz-${n}-${Math.random().toString(36).slice(2)}`;
        const a = await call(svc.baseUrl, 'POST', `/students/${student}/absences`, {
          token: tokens.leader,
          body: { date: '2026-11-19', kind: 'late', minutes: 5, subject: marker, reason },
        });
        if (forbidden(reason)) {
          expect(a.status).toBe(400);
          return;
        }
        expect(a.status).toBe(201);
        const list = await call(svc.baseUrl, 'GET', `/students/${student}/absences`, {
          token: tokens.leader,
          headers: { 'x-min-position': a.headers.get('x-position')! },
        });
        const reg = (list.body.registrations as { absenceId: string; reason?: string; subject?: string }[]).find(
          (r) => r.absenceId === a.body.absenceId,
        );
        expect(reg).toMatchObject({ subject: marker, reason: reason.normalize('NFC') });
      }),
      runs(60),
    );
    expect(stored).toBeGreaterThan(0);
    // The hash chains hold over all of it.
    expect(storeProblems(await readAllEvents(svc.dataDir))).toEqual([]);
  }, 120_000);
});
