/**
 * The real service (createService) over a temporary DATA_DIR, with really signed tokens, and a
 * case built through the HTTP routes only: what the audit tests read, verify and export.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createService } from '#api/service/create-service.js';
import { claimsFor, signToken, TEST_SECRET } from '../../../api/support/tokens.js';

export const SCHOOL = { id: 'bo-skule', name: 'Bø skule', municipalityId: '3024' };
export const STUDENT = { id: 'elev-ola', name: 'Ola Nordmann', grade: 9, group: '9B' };
/** A Friday in the school year: the business date of every write. */
export const TODAY = '2026-11-20';

export interface AuditService {
  app: INestApplication;
  server: ReturnType<INestApplication['getHttpServer']>;
  dataDir: string;
  tokens: { admin: string; leader: string; auditor: string; teacher: string; otherLeader: string };
  /** An authorised supertest agent for a role. */
  as: (who: keyof AuditService['tokens']) => {
    get: (url: string) => request.Test;
    post: (url: string, body?: object) => request.Test;
  };
  close: () => Promise<void>;
}

const bearer = async (roles: string[], extra: Record<string, unknown> = {}) =>
  `Bearer ${await signToken(TEST_SECRET, claimsFor(roles, { schools: [SCHOOL.id], groups: [STUDENT.group], ...extra }))}`;

/** Starts the service on `dataDir` (a new temp dir by default). */
export async function startAuditService(dataDir = mkdtempSync(join(tmpdir(), 'skolefravaer-audit-'))): Promise<AuditService> {
  const previousClock = process.env.CLOCK_TODAY;
  const env = { AUTH_JWT_SECRET: TEST_SECRET, DATA_DIR: dataDir, IDEMPOTENCY_DB: ':memory:', CLOCK_TODAY: TODAY };
  // Older wiring read CLOCK_TODAY from process.env when the Store module is created.
  process.env.CLOCK_TODAY = TODAY;
  const app = await createService({ env, logger: false, shutdownHooks: false });
  const server = app.getHttpServer();
  const tokens = {
    admin: await bearer(['admin'], { sub: 'admin-1', schools: [], groups: [] }),
    leader: await bearer(['school-leader'], { sub: 'rektor-1', name: 'Rita Rektor' }),
    auditor: await bearer(['auditor'], { sub: 'revisor-1', name: 'Reidun Revisor', schools: [], groups: [] }),
    teacher: await bearer(['contact-teacher'], { sub: 'kontakt-1' }),
    otherLeader: await bearer(['school-leader'], { sub: 'rektor-2', schools: ['annen-skule'] }),
  };
  const as = (who: keyof typeof tokens) => ({
    get: (url: string) => request(server).get(url).set('Authorization', tokens[who]),
    post: (url: string, body: object = {}) => request(server).post(url).set('Authorization', tokens[who]).send(body),
  });
  return {
    app,
    server,
    dataDir,
    tokens,
    as,
    close: async () => {
      await app.close();
      if (previousClock === undefined) delete process.env.CLOCK_TODAY;
      else process.env.CLOCK_TODAY = previousClock;
    },
  };
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** POST that must succeed; returns the body. */
export async function ok<T = Record<string, unknown>>(test: request.Test, status = 201): Promise<T> {
  const res = await test;
  if (res.status !== status) throw new Error(`${test.method} ${test.url} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** The school (eksempel-handlingsplan: yellow at 3 days in 30) and its student, set up by the admin. */
export async function setUpSchool(s: AuditService): Promise<void> {
  await ok(
    s.as('admin').post('/schools', {
      ...SCHOOL,
      level: 'ungdomsskole',
      planId: 'eksempel-handlingsplan',
      schoolYear: { start: '2026-08-17', end: '2027-06-18' },
    }),
  );
  await ok(
    s
      .as('admin')
      .post(`/schools/${SCHOOL.id}/students`, { id: STUDENT.id, name: STUDENT.name, grade: STUDENT.grade, group: STUDENT.group }),
  );
}

export interface BuiltCase {
  caseId: string;
  measureId: string;
  consentId: string;
  absenceIds: string[];
}

/**
 * A case with everything an auditor reads: contacts, two meetings with minutes, a mapping, a
 * measure and its evaluation, a PPT consent and a referral, a phase change, closing and
 * reopening. Before it, absences; one of them corrected (the student stream's change log).
 */
export async function buildFullCase(s: AuditService): Promise<BuiltCase> {
  const leader = s.as('leader');
  const absenceIds: string[] = [];
  for (const date of ['2026-11-02', '2026-11-03', '2026-11-04']) {
    absenceIds.push(
      (await ok<{ absenceId: string }>(leader.post(`/students/${STUDENT.id}/absences`, { date, kind: 'day', reason: 'Vondt i magen' })))
        .absenceId,
    );
  }
  await ok(
    leader.post(`/students/${STUDENT.id}/absences/${absenceIds[0]}/corrections`, { documented: true, reason: 'Legeerklæring levert' }),
  );
  await ok(
    leader.post(`/students/${STUDENT.id}/absences/${absenceIds[1]}/corrections`, {
      kind: 'lesson',
      lessons: 3,
      reason: 'Kom til tredje time',
    }),
  );

  const { caseId } = await ok<{ caseId: string }>(
    leader.post('/cases', { studentId: STUDENT.id, reason: 'Bekymringsfullt fravær', openedOn: '2026-11-09' }),
  );
  const c = `/cases/${caseId}`;
  await ok(
    leader.post(`${c}/contacts`, {
      with: 'guardian',
      channel: 'phone',
      at: '2026-11-09T08:30:00Z',
      summary: 'Ringte mor; Ola har vondt i magen om morgenen.',
    }),
  );
  await ok(
    leader.post(`${c}/contacts`, {
      with: 'student',
      channel: 'meeting',
      at: '2026-11-10T10:00:00Z',
      summary: 'Samtale med eleven om friminuttene.',
      studentView: 'Det er kjedelig i friminuttene.',
    }),
  );
  await ok(
    leader.post(`${c}/meetings`, {
      type: 'presence-meeting',
      heldAt: '2026-11-11T13:00:00Z',
      participants: [
        { name: 'Kari Nordmann', role: 'guardian' },
        { name: 'Per Kontakt', role: 'contact-teacher' },
      ],
      minutes: 'Enige om fast morgenmøte med kontaktlærer.',
    }),
  );
  await ok(
    leader.post(`${c}/mappings`, {
      domains: { school: 'Trives dårlig i klassen', family: 'Mor jobber tidlig' },
      summary: 'Kartlegging etter nærværsmøtet',
    }),
  );
  const { measureId } = await ok<{ measureId: string }>(
    leader.post(`${c}/measures`, {
      description: 'Fast morgenmøte med kontaktlærer',
      responsible: { name: 'Per Kontakt', role: 'contact-teacher' },
      startsOn: '2026-11-12',
      evaluateBy: '2026-11-19',
    }),
  );
  await ok(leader.post(`${c}/measures/${measureId}/evaluations`, { outcome: 'progressing', note: 'Bedre oppmøte, fortsetter.' }));
  const { consentId } = await ok<{ consentId: string }>(
    leader.post(`${c}/consents`, {
      purpose: 'ppt',
      recipients: ['PPT Bø'],
      givenBy: { name: 'Kari Nordmann', relation: 'guardian' },
      givenAt: '2026-11-16',
    }),
  );
  await ok(leader.post(`${c}/referrals`, { to: 'ppt', kind: 'referral', at: '2026-11-17', note: 'Ønsker utredning av skolevegring.' }));
  await ok(leader.post(`${c}/phase`, { phase: 2, reason: 'Tiltak utover ordinær oppfølging' }));
  await ok(
    leader.post(`${c}/meetings`, {
      type: 'resource-team',
      heldAt: '2026-11-18T12:00:00Z',
      participants: [{ name: 'Per Kontakt', role: 'contact-teacher' }],
      minutes: 'Ressursteamet følger opp.',
    }),
  );
  await ok(leader.post(`${c}/close`, { outcome: 'resolved', note: 'Oppmøtet er normalt igjen.' }));
  await ok(leader.post(`${c}/reopen`, { reason: 'Nytt fravær etter høstferien' }));
  return { caseId, measureId, consentId, absenceIds };
}

/** The case's event types in the order buildFullCase records them. */
export const FULL_CASE_TYPES = [
  'CaseOpened',
  'ContactRecorded',
  'ContactRecorded',
  'MeetingHeld',
  'MappingRecorded',
  'MeasureAgreed',
  'MeasureEvaluated',
  'ConsentGiven',
  'ReferralMade',
  'PhaseChanged',
  'MeetingHeld',
  'CaseClosed',
  'CaseReopened',
];
