/**
 * The route × role matrix: every route of the app, walked by every role in four scopes
 * (inside its rights and just outside them) and without a token. The expected answer
 * follows `libs/access/access-table.ts`: allowed means 2xx or a domain 4xx (never 401/403),
 * denied means 403 in the error shape, and a denied request leaves no event in the store
 * (no write, no access-log entry).
 *
 * The table names each route's permission by hand (from api.md's role table); the
 * expectation is computed from ACCESS_TABLE, so the test checks both the routes' wiring
 * and the guard. A last test enumerates the routes Nest registered (and the OpenAPI
 * document's) and fails for any route missing from the table.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import request from 'supertest';
import { ACCESS_TABLE, type Permission, type Scope } from '#access/access-table.js';
import type { Role } from '#access/roles.js';
import { ALL_ROLES, consentBody, MUNICIPALITY, SCOPES, subOf, World, type ScopeKey } from './support/fixture.js';

/** The fixed resources every row acts on: all in smoras / group 5A of municipality 4601. */
interface Resources {
  studentId: string;
  /** In smoras / 5A too, without a case: POST /cases opens one for it once. */
  caselessStudentId: string;
  absenceId: string;
  retractableAbsenceId: string;
  caseId: string;
  measureId: string;
  nurseConsentId: string;
  overrideId: string;
  /** In smoras / 5A, moved up a grade by the moves row (the first allowed call; the rest are refused as no change). */
  movableStudentId: string;
  /** An open follow-up task of `studentId`. */
  taskId: string;
  /** In smoras / 5A, erased by the erasure row (its first allowed call; the rest are 422 already-erased). */
  erasableStudentId: string;
  /** A case in smoras / 5A of its own student, blocked by the blocking row. */
  blockableCaseId: string;
}

interface Row {
  method: 'GET' | 'POST';
  /** The route as Nest declares it (`:param`). */
  route: string;
  permission: Permission | 'public';
  url: (r: Resources) => string;
  body?: (r: Resources) => object;
  /** Content an allowed GET must answer with (default: 200 JSON). */
  contentType?: RegExp;
  /** Why no call can succeed with the fixed resources (the walk then checks only who is let in). */
  noSuccessBecause?: string;
}

const measure = {
  description: 'Fast morgenmøte',
  responsible: { name: 'Ola', role: 'contact-teacher' },
  startsOn: '2026-11-02',
  evaluateBy: '2026-12-15',
};

/**
 * Every route, in the order walked. Writes that change what later rows need come last
 * (close, then reopen); the consent withdrawn is a school-nurse one, so the case stays
 * visible to PPT throughout.
 */
const ROWS: Row[] = [
  { method: 'GET', route: '/health', permission: 'public', url: () => '/health' },
  // The web app's sign-in (AUTH_DEV is on in this world, beside its secret).
  { method: 'GET', route: '/auth/config', permission: 'public', url: () => '/auth/config' },
  { method: 'GET', route: '/auth/dev/people', permission: 'public', url: () => '/auth/dev/people' },
  {
    method: 'POST',
    route: '/auth/dev/sign-in',
    permission: 'public',
    url: () => '/auth/dev/sign-in',
    body: () => ({ sub: 'dev-auditor' }),
  },
  { method: 'GET', route: '/health/details', permission: 'ops:read', url: () => '/health/details' },
  { method: 'GET', route: '/metrics', permission: 'ops:read', url: () => '/metrics', contentType: /^text\/plain/ },
  { method: 'GET', route: '/plans', permission: 'plans:read', url: () => '/plans' },
  { method: 'GET', route: '/me', permission: 'me:read', url: () => '/me' },
  {
    method: 'GET',
    route: '/municipalities/:municipalityId/schools',
    permission: 'schools:list',
    url: () => `/municipalities/${MUNICIPALITY}/schools`,
  },
  { method: 'GET', route: '/schools/:schoolId/groups', permission: 'roster:read', url: () => '/schools/smoras/groups' },
  { method: 'GET', route: '/schools/:schoolId/students', permission: 'roster:read', url: () => '/schools/smoras/students?q=a' },
  { method: 'GET', route: '/students/:studentId', permission: 'student:read', url: (r) => `/students/${r.studentId}` },
  {
    method: 'GET',
    route: '/schools/:schoolId/statistics/weeks',
    permission: 'school-statistics:read',
    url: () => '/schools/smoras/statistics/weeks?weeks=4',
  },
  { method: 'GET', route: '/students/:studentId/absences', permission: 'absence:read', url: (r) => `/students/${r.studentId}/absences` },
  { method: 'GET', route: '/students/:studentId/concern', permission: 'concern:read', url: (r) => `/students/${r.studentId}/concern` },
  {
    method: 'GET',
    route: '/students/:studentId/concern/history',
    permission: 'concern:read',
    url: (r) => `/students/${r.studentId}/concern/history`,
  },
  {
    method: 'GET',
    route: '/students/:studentId/tasks/history',
    permission: 'concern:read',
    url: (r) => `/students/${r.studentId}/tasks/history`,
  },
  { method: 'GET', route: '/students/:studentId/known', permission: 'student:history', url: (r) => `/students/${r.studentId}/known` },
  { method: 'GET', route: '/cases', permission: 'cases:list', url: () => '/cases?schoolId=smoras' },
  { method: 'GET', route: '/cases/:caseId', permission: 'case:read', url: (r) => `/cases/${r.caseId}` },
  { method: 'GET', route: '/cases/:caseId/history', permission: 'case:history', url: (r) => `/cases/${r.caseId}/history` },
  { method: 'GET', route: '/cases/:caseId/history/verify', permission: 'case:history', url: (r) => `/cases/${r.caseId}/history/verify` },
  {
    method: 'GET',
    route: '/cases/:caseId/export/noark',
    permission: 'case:export',
    url: (r) => `/cases/${r.caseId}/export/noark`,
    contentType: /^application\/xml/,
  },
  { method: 'GET', route: '/schools/:schoolId/absence-list', permission: 'absence-list:read', url: () => '/schools/smoras/absence-list' },
  { method: 'GET', route: '/schools/:schoolId/statistics', permission: 'school-statistics:read', url: () => '/schools/smoras/statistics' },
  {
    method: 'GET',
    route: '/municipalities/:municipalityId/ppt-statistics',
    permission: 'ppt-statistics:read',
    url: () => `/municipalities/${MUNICIPALITY}/ppt-statistics`,
  },
  { method: 'GET', route: '/ppt/cases', permission: 'ppt-cases:read', url: () => '/ppt/cases' },
  { method: 'GET', route: '/tasks', permission: 'tasks:read', url: () => '/tasks?schoolId=smoras' },
  { method: 'GET', route: '/schools/:schoolId/reviews', permission: 'reviews:read', url: () => '/schools/smoras/reviews' },
  {
    method: 'GET',
    route: '/schools/:schoolId/reports/monthly',
    permission: 'monthly-report:read',
    url: () => '/schools/smoras/reports/monthly?month=2026-11',
  },
  { method: 'GET', route: '/audit/access-log', permission: 'access-log:read', url: (r) => `/audit/access-log?caseId=${r.caseId}` },

  {
    method: 'POST',
    route: '/schools',
    permission: 'school:setup',
    url: () => '/schools',
    body: () => ({
      id: 'matrix-school',
      name: 'Matrise skole',
      municipalityId: MUNICIPALITY,
      level: 'barneskole',
      planId: 'baerum',
      schoolYear: { start: '2026-08-17', end: '2027-06-18' },
    }),
  },
  {
    method: 'POST',
    route: '/schools/:schoolId/students',
    permission: 'student:enrol',
    url: () => '/schools/smoras/students',
    body: () => ({ id: 'matrix-enrolled', name: 'Matrise Elev', grade: 5, group: '5A' }),
  },
  {
    method: 'POST',
    route: '/schools/:schoolId/students/:studentId/moves',
    permission: 'student:move',
    url: (r) => `/schools/smoras/students/${r.movableStudentId}/moves`,
    body: () => ({ on: '2026-11-23', group: '5A', grade: 6 }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/absences',
    permission: 'absence:register',
    url: (r) => `/students/${r.studentId}/absences`,
    body: () => ({ date: '2026-11-20', kind: 'late', minutes: 5 }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/absences/:absenceId/corrections',
    permission: 'absence:correct',
    url: (r) => `/students/${r.studentId}/absences/${r.absenceId}/corrections`,
    body: () => ({ subject: 'Norsk', reason: 'Feil fag' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/absences/:absenceId/documentation',
    permission: 'absence:correct',
    url: (r) => `/students/${r.studentId}/absences/${r.absenceId}/documentation`,
    body: () => ({ note: 'Legeerklæring' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/absences/:absenceId/retractions',
    permission: 'absence:correct',
    url: (r) => `/students/${r.studentId}/absences/${r.retractableAbsenceId}/retractions`,
    body: () => ({ reason: 'Feil elev' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/concern-overrides',
    permission: 'concern:override',
    url: (r) => `/students/${r.studentId}/concern-overrides`,
    body: () => ({ level: 'yellow', reason: 'Bekymring' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/concern-overrides/:overrideId/withdrawal',
    permission: 'concern:override',
    url: (r) => `/students/${r.studentId}/concern-overrides/${r.overrideId}/withdrawal`,
    body: () => ({ reason: 'Ikke lenger bekymring' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/contacts',
    permission: 'contact:record',
    url: (r) => `/students/${r.studentId}/contacts`,
    body: () => ({ with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'Ringte hjem' }),
  },
  {
    method: 'POST',
    route: '/tasks/:taskId/completion',
    permission: 'task:complete',
    url: (r) => `/tasks/${r.taskId}/completion`,
    body: () => ({ on: '2026-11-20' }),
    noSuccessBecause: 'every step of Bergen’s plan is fulfilled by a record of its own, so a completion by hand is refused (422)',
  },
  {
    method: 'POST',
    route: '/tasks/:taskId/waiver',
    permission: 'task:waive',
    url: (r) => `/tasks/${r.taskId}/waiver`,
    body: () => ({ reason: 'Ikke nødvendig' }),
  },
  {
    method: 'POST',
    route: '/schools/:schoolId/groups/:groupId/roll-calls',
    permission: 'roll-call:register',
    url: () => '/schools/smoras/groups/5A/roll-calls',
    body: (r) => ({ date: '2026-11-18', absences: [{ studentId: r.caselessStudentId, kind: 'late', minutes: 5 }] }),
  },
  {
    method: 'POST',
    route: '/municipalities/:municipalityId/ppt-consultations',
    permission: 'ppt-consultation:record',
    url: () => `/municipalities/${MUNICIPALITY}/ppt-consultations`,
    body: () => ({ schoolId: 'smoras', schoolLevel: 'barneskole', at: '2026-11-20' }),
  },
  {
    method: 'POST',
    route: '/schools/:schoolId/reviews',
    permission: 'review:record',
    url: () => '/schools/smoras/reviews',
    body: () => ({
      routineId: 'bergen-weekly-overview',
      heldOn: '2026-11-20',
      groupId: '5A',
      participants: [{ name: 'Kari', role: 'contact-teacher' }],
      minutes: 'Gjennomgang',
    }),
  },
  { method: 'POST', route: '/cases', permission: 'case:open', url: () => '/cases', body: (r) => ({ studentId: r.caselessStudentId }) },
  {
    method: 'POST',
    route: '/cases/:caseId/contacts',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/contacts`,
    body: () => ({ with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'Ringte' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/meetings',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/meetings`,
    body: () => ({ type: 'other', heldAt: '2026-11-20T12:00:00Z', participants: [{ name: 'Kari', role: 'guardian' }], minutes: 'Referat' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/mappings',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/mappings`,
    body: () => ({ domains: { social: 'Ensom' }, summary: 'Kartlagt' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/measures',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/measures`,
    body: () => measure,
  },
  {
    method: 'POST',
    route: '/cases/:caseId/measures/:measureId/evaluations',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/measures/${r.measureId}/evaluations`,
    body: () => ({ outcome: 'progressing', note: 'Bedre' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/consents',
    permission: 'case:consent',
    url: (r) => `/cases/${r.caseId}/consents`,
    body: () => consentBody('other'),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/consents/:consentId/withdrawal',
    permission: 'case:consent',
    url: (r) => `/cases/${r.caseId}/consents/${r.nurseConsentId}/withdrawal`,
    body: () => ({ at: '2026-11-23' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/referrals',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/referrals`,
    body: () => ({ to: 'barnevern', kind: 'referral', at: '2026-11-22', note: 'Bekymringsmelding' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/phase',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/phase`,
    body: () => ({ phase: 2, reason: 'Videre' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/return-plan',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/return-plan`,
    body: () => ({ goals: ['Første time'], presenceGuide: { name: 'Nils', role: 'student-services' }, startsOn: '2026-11-23' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/close',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/close`,
    body: () => ({ outcome: 'resolved', note: 'Ferdig' }),
  },
  {
    method: 'POST',
    route: '/cases/:caseId/reopen',
    permission: 'case:write',
    url: (r) => `/cases/${r.caseId}/reopen`,
    body: () => ({ reason: 'Igjen' }),
  },
  // Privacy (api.md, Privacy of a child's data): on resources of their own, so the rows before keep theirs.
  {
    method: 'GET',
    route: '/students/:studentId/innsyn',
    permission: 'student:innsyn',
    url: (r) => `/students/${r.studentId}/innsyn`,
  },
  { method: 'GET', route: '/students/:studentId/consents', permission: 'consents:read', url: (r) => `/students/${r.studentId}/consents` },
  { method: 'GET', route: '/retention', permission: 'retention:read', url: () => '/retention' },
  {
    method: 'POST',
    route: '/cases/:caseId/blocking',
    permission: 'case:block',
    url: (r) => `/cases/${r.blockableCaseId}/blocking`,
    body: () => ({ reason: 'Sperres' }),
  },
  {
    method: 'POST',
    route: '/students/:studentId/erasure',
    permission: 'student:erase',
    url: (r) => `/students/${r.erasableStudentId}/erasure`,
    body: () => ({ reason: 'Sak 2026/77', legalBasis: 'gdpr-17-1-a' }),
  },
];

/** Is `scope` (the caller's claims) inside the grant's scope for the fixed resources? */
function inside(grant: Scope, scope: ScopeKey): boolean {
  switch (grant) {
    case 'any':
    case 'caller-filtered':
      return true;
    case 'own-groups':
    case 'own-children':
      return scope === 'in';
    case 'own-schools':
      return scope === 'in' || scope === 'other-group';
    case 'own-municipality':
    case 'ppt-consented': // the fixed case is PPT-consented and referred, in 4601
      return scope !== 'other-municipality';
  }
}

function expected(row: Row, role: Role, scope: ScopeKey): 'allow' | 'deny' {
  if (row.permission === 'public') return 'allow';
  const grant = (ACCESS_TABLE[row.permission].grants as Partial<Record<Role, Scope>>)[role];
  return grant !== undefined && inside(grant, scope) ? 'allow' : 'deny';
}

const SAGA = 'system:concern-saga';

describe('route × role matrix', () => {
  let w: World;
  let r: Resources;
  beforeAll(async () => {
    w = await World.start({ AUTH_DEV: '1' });
    const { studentId, caseId } = await w.pptCase('referral');
    const absenceId = await w.absence(studentId, { date: '2026-11-16', kind: 'lesson', lessons: 1 });
    const retractableAbsenceId = await w.absence(studentId, { date: '2026-11-17', kind: 'day' });
    const m = await w.ok(`/cases/${caseId}/measures`, w.leader, measure);
    const nurseConsentId = await w.consent(caseId, 'school-nurse');
    const caselessStudentId = await w.student('smoras', '5A', 5);
    const movableStudentId = await w.student('smoras', '5A', 5);
    const erasableStudentId = await w.student('smoras', '5A', 5);
    const blockableCaseId = await w.openCase(await w.student('smoras', '5A', 5), { openedOn: '2026-11-02' });
    const raised = await w.ok(`/students/${studentId}/concern-overrides`, w.leader, { level: 'yellow', reason: 'Bekymring' });
    const tasks = (await w.get(`/tasks?schoolId=smoras&studentId=${studentId}`, w.leader)).body as { taskId: string }[];
    r = {
      studentId,
      caselessStudentId,
      absenceId,
      retractableAbsenceId,
      caseId,
      measureId: m.measureId as string,
      nurseConsentId,
      overrideId: raised.overrideId as string,
      movableStudentId,
      taskId: tasks[0]!.taskId,
      erasableStudentId,
      blockableCaseId,
    };
  });
  afterAll(async () => {
    await w.stop();
  });

  const send = (row: Row, token: string | null) => {
    let req = row.method === 'GET' ? request(w.server).get(row.url(r)) : request(w.server).post(row.url(r));
    req = req.set('X-Min-Position', String(w.lastPosition));
    if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
    return row.method === 'POST' ? req.send(row.body!(r)) : req;
  };

  describe.each(ROWS.map((row) => [`${row.method} ${row.route}`, row] as const))('%s', (_name, row) => {
    it('answers 401 without a token (or serves a public route)', async () => {
      const res = await send(row, null);
      if (row.permission === 'public') {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
    });

    it('allows and denies every role in and out of scope as the access table says', async () => {
      const outcomes: string[] = [];
      const wrong: string[] = [];
      for (const role of ALL_ROLES) {
        for (const scope of SCOPES) {
          const want = expected(row, role, scope);
          const head = await w.head();
          const res = await send(row, w.token(role, scope));
          if (typeof res.headers['x-position'] === 'string') w.lastPosition = Math.max(w.lastPosition, Number(res.headers['x-position']));
          const label = `${role}/${scope}: ${want} → ${res.status}`;
          outcomes.push(label);
          if (res.status >= 500) wrong.push(`${label} (server error ${JSON.stringify(res.body)})`);
          if (want === 'deny') {
            if (res.status !== 403) wrong.push(`${label} (expected 403)`);
            else if (JSON.stringify(Object.keys(res.body).sort()) !== JSON.stringify(['error', 'message', 'statusCode']))
              wrong.push(`${label} (error shape ${JSON.stringify(res.body)})`);
            if (res.headers['x-position'] !== undefined) wrong.push(`${label} (X-Position on a refusal)`);
            // Nothing by this caller: no write, no access-log entry. The concern saga may
            // append for earlier writes meanwhile; it is the only other writer.
            const appended = await w.eventsAfter(head);
            const foreign = appended.filter((e) => e.metadata.actor.id !== SAGA);
            if (foreign.length > 0)
              wrong.push(`${label} (appended ${foreign.map((e) => `${e.type} by ${e.metadata.actor.id}`).join(', ')})`);
          } else {
            if (res.status === 401 || res.status === 403) wrong.push(`${label} (expected access)`);
            if (row.method === 'GET') {
              if (res.status !== 200) wrong.push(`${label} (expected 200: ${JSON.stringify(res.body)})`);
              const type = String(res.headers['content-type'] ?? '');
              if (!(row.contentType ?? /^application\/json/).test(type)) wrong.push(`${label} (content-type ${type})`);
            } else {
              // A public POST that answers with what it made (the dev sign-in's token) says 200.
              if (![201, 404, 409, 422].includes(res.status) && !(row.permission === 'public' && res.status === 200))
                wrong.push(`${label} (expected 201 or a domain refusal: ${JSON.stringify(res.body)})`);
              if (res.status === 201 && !/^\d+$/.test(String(res.headers['x-position']))) wrong.push(`${label} (201 without X-Position)`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      // The walk reached the handler for real at least once (a 2xx), and refused someone
      // wherever the table refuses anyone.
      expect(outcomes.some((o) => / → 2\d\d$/.test(o))).toBe(row.noSuccessBecause === undefined);
      const refusesSomeone = ALL_ROLES.some((role) => SCOPES.some((scope) => expected(row, role, scope) === 'deny'));
      expect(outcomes.some((o) => / → 403$/.test(o))).toBe(refusesSomeone);
    });
  });

  it('the allowed writes took effect: the walked case was closed and reopened, and the sub-routes recorded', async () => {
    const res = await w.get(`/cases/${r.caseId}`, w.leader);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    expect(res.body.phase).toBe(2);
    const history = await w.get(`/cases/${r.caseId}/history`, w.token('auditor'));
    const types = new Set((history.body as { type: string }[]).map((e) => e.type));
    for (const type of [
      'ContactRecorded',
      'MeetingHeld',
      'MappingRecorded',
      'MeasureAgreed',
      'MeasureEvaluated',
      'ConsentGiven',
      'ConsentWithdrawn',
      'ReferralMade',
      'PhaseChanged',
      'CaseClosed',
      'CaseReopened',
    ]) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    // Denied callers left no trace among the case's events.
    const actors = new Set((history.body as { actor: { id: string } }[]).map((e) => e.actor.id));
    for (const role of ['teacher', 'admin', 'ppt', 'municipality', 'auditor'] as Role[]) {
      for (const scope of SCOPES) expect([subOf(role, scope), actors.has(subOf(role, scope))]).toEqual([subOf(role, scope), false]);
    }
  });

  describe('every registered route is in the matrix', () => {
    const covered = new Set(ROWS.map((row) => `${row.method} ${row.route}`));

    it('covers each route Nest registered', () => {
      const discovery = w.app.get(DiscoveryService);
      const scanner = new MetadataScanner();
      const registered: string[] = [];
      for (const wrapper of discovery.getControllers()) {
        const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[name] as object;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (method === undefined || path === undefined) continue;
          const full = `/${[base, path]
            .map((p) => p.replace(/^\/+|\/+$/g, ''))
            .filter(Boolean)
            .join('/')}`;
          registered.push(`${RequestMethod[method]} ${full}`);
        }
      }
      expect(registered.length).toBeGreaterThanOrEqual(30);
      expect(registered.filter((route) => !covered.has(route))).toEqual([]);
      // And the table names no route that does not exist.
      expect([...covered].filter((route) => !registered.includes(route))).toEqual([]);
    });

    it('covers each operation of the OpenAPI document at /docs-json', async () => {
      const res = await request(w.server).get('/docs-json');
      expect(res.status).toBe(200);
      const operations: string[] = [];
      for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(item)) operations.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
      expect(operations.length).toBeGreaterThanOrEqual(30);
      expect(operations.filter((op) => !covered.has(op))).toEqual([]);
    });
  });
});
