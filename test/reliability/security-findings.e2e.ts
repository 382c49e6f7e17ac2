/**
 * One regression test per finding of the outside security test (issue 20), against the whole
 * service in this process (real stores, projector, routes). The numbers are the issue's.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken } from '../api/support/tokens.js';
import { call, seedSchool, TEST_SECRET, tokenFor } from './support/http.js';
import { startInProcess, type InProcessService } from './support/in-process.js';
import { readAllEvents } from './support/store-checks.js';

const now = () => Math.floor(Date.now() / 1000);

describe('security findings of the outside test', () => {
  let svc: InProcessService;
  let limited: InProcessService;
  let leaderA: string;
  let caseA: string;
  const events = async (on = svc) => (await readAllEvents(on.dataDir)).length;

  beforeAll(async () => {
    svc = await startInProcess();
    // Small anonymous budget, a proxy in front: for finding 2.
    limited = await startInProcess({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3', TRUST_PROXY: '1' });
    const a = await seedSchool(svc.baseUrl, { schoolId: 'SA', studentCount: 2, caseCount: 1 });
    await seedSchool(svc.baseUrl, { schoolId: 'SB', studentCount: 1, caseCount: 0 });
    await seedSchool(svc.baseUrl, { schoolId: 'SY', studentCount: 1, caseCount: 0, municipality: '4611' });
    leaderA = a.tokens.leader;
    caseA = a.caseIds[0]!;
  }, 60_000);
  afterAll(async () => {
    await svc.close();
    await limited.close();
  });

  it('1: a school year without bounds is refused, naming the field, and nothing is stored', async () => {
    const admin = await tokenFor(['admin'], { sub: 'admin-b', schools: [], groups: [] });
    const before = await events();
    const res = await call(svc.baseUrl, 'POST', '/schools', {
      token: admin,
      body: {
        id: 'SX',
        name: 'X',
        municipalityId: '3024',
        level: 'barneskole',
        planId: 'baerum',
        schoolYear: { start: '1900-01-01', end: '9999-12-31' },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual({ code: 'invalid-school-year' });
    expect(res.body.message).toBe('the school year must start between 2000 and 2100, got 1900-01-01');
    const long = await call(svc.baseUrl, 'POST', '/schools', {
      token: admin,
      body: {
        id: 'SX',
        name: 'X',
        municipalityId: '3024',
        level: 'barneskole',
        planId: 'baerum',
        schoolYear: { start: '2026-08-17', end: '2028-06-18' },
      },
    });
    expect(long.status).toBe(422);
    expect(long.body.details).toEqual({ code: 'invalid-school-year' });
    expect(long.body.message).toBe('a school year is at most 13 months long: 2026-08-17–2028-06-18 is longer');
    expect(await events()).toBe(before);
  });

  it('2: /health is never rate limited; anonymous and refused requests have their own budget, by the address behind the proxy', async () => {
    const ask = (path: string, headers: Record<string, string> = {}, token?: string) =>
      call(limited.baseUrl, 'GET', path, { headers: { 'X-Forwarded-For': '203.0.113.7', ...headers }, token });
    // Three anonymous requests and refused tokens from one client address use its budget up…
    expect((await ask('/metrics')).status).toBe(401);
    expect((await ask('/metrics', {}, 'forged.token.value')).status).toBe(401);
    expect((await ask('/plans')).status).toBe(401);
    expect((await ask('/metrics')).status).toBe(429);
    // …while /health still answers, for that client and every other.
    for (let i = 0; i < 5; i++) expect((await ask('/health')).status).toBe(200);
    // Another client behind the same proxy has a budget of its own.
    expect((await ask('/metrics', { 'X-Forwarded-For': '198.51.100.9' })).status).toBe(401);
    // A signed-in caller is counted by its token, not by the spent address budget.
    const auditor = await tokenFor(['auditor'], { sub: 'auditor-2', schools: [], groups: [] });
    expect((await ask('/plans', {}, auditor)).status).toBe(200);
  });

  it('3: an admin writes only into its own municipality, and a taken id names no school', async () => {
    const admin3024 = await tokenFor(['admin'], { sub: 'admin-c', schools: [], groups: [], municipality: '3024' });
    const before = await events();
    const enrol = await call(svc.baseUrl, 'POST', '/schools/SY/students', {
      token: admin3024,
      body: { id: 'sneaky', name: 'Elev', grade: 5, group: '5A' },
    });
    expect(enrol.status).toBe(403);
    const register = await call(svc.baseUrl, 'POST', '/schools', {
      token: admin3024,
      body: {
        id: 'SZ',
        name: 'Z',
        municipalityId: '4611',
        level: 'barneskole',
        planId: 'baerum',
        schoolYear: { start: '2026-08-17', end: '2027-06-18' },
      },
    });
    expect(register.status).toBe(403);
    expect(await events()).toBe(before);
    // SY-elev-0 belongs to 4611; enrolling the same id at a 3024 school says only that it is taken.
    const taken = await call(svc.baseUrl, 'POST', '/schools/SA/students', {
      token: admin3024,
      body: { id: 'SY-elev-0', name: 'Elev', grade: 5, group: '5A' },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe('student SY-elev-0 is already enrolled');
  });

  it('4: /metrics and /health/details need a token with the ops role', async () => {
    const ops = await tokenFor(['ops'], { sub: 'ops-1', schools: [], groups: [] });
    const auditor = await tokenFor(['auditor'], { sub: 'auditor-1', schools: [], groups: [] });
    for (const path of ['/metrics', '/health/details']) {
      expect((await call(svc.baseUrl, 'GET', path)).status).toBe(401);
      expect((await call(svc.baseUrl, 'GET', path, { token: auditor })).status).toBe(403);
      expect((await call(svc.baseUrl, 'GET', path, { token: ops })).status).toBe(200);
    }
    expect((await call(svc.baseUrl, 'GET', '/health')).status).toBe(200);
  });

  it('5: a list read writes one access-log entry with the ids it revealed; the log pages', async () => {
    const ppt = await tokenFor(['ppt'], { sub: 'ppt-1', schools: [], groups: [] });
    const auditor = await tokenFor(['auditor'], { sub: 'auditor-3', schools: [], groups: [] });
    const accessEvents = async () => (await readAllEvents(svc.dataDir)).filter((e) => e.type === 'AccessRecorded').length;
    const before = await accessEvents();
    for (let i = 0; i < 5; i++) expect((await call(svc.baseUrl, 'GET', '/ppt/cases', { token: ppt })).status).toBe(200);
    expect((await accessEvents()) - before).toBe(5);
    const all = await call(svc.baseUrl, 'GET', '/audit/access-log', { token: auditor });
    const pages: unknown[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await call(svc.baseUrl, 'GET', `/audit/access-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: auditor });
      expect(page.status).toBe(200);
      pages.push(...(page.body.items as unknown[]));
      cursor = page.body.nextCursor as string | undefined;
      if (!cursor) break;
    }
    expect(pages).toEqual(all.body);
    expect((await call(svc.baseUrl, 'GET', '/audit/access-log?limit=0', { token: auditor })).body.details).toEqual([
      { field: 'limit', messages: ['limit must be a whole number 1..1000'] },
    ]);
    expect((await call(svc.baseUrl, 'GET', '/audit/access-log?limit=2&cursor=bad', { token: auditor })).body.details).toEqual([
      { field: 'cursor', messages: ['cursor must be the nextCursor of a page before'] },
    ]);
    // A case's history and the tasks page the same way.
    for (const path of [`/cases/${caseA}/history`, '/tasks?schoolId=SA']) {
      const whole = await call(svc.baseUrl, 'GET', path, { token: auditor });
      const paged: unknown[] = [];
      let next: string | undefined;
      for (let i = 0; i < 100; i++) {
        const sep = path.includes('?') ? '&' : '?';
        const page = await call(svc.baseUrl, 'GET', `${path}${sep}limit=2${next ? `&cursor=${next}` : ''}`, { token: auditor });
        expect(page.status).toBe(200);
        paged.push(...(page.body.items as unknown[]));
        next = page.body.nextCursor as string | undefined;
        if (!next) break;
      }
      expect({ path, paged }).toEqual({ path, paged: whole.body });
    }
  });

  it('6: a group claim does not cross schools', async () => {
    // Bare "5A" beside two schools: nothing; "SA/5A": 5A at SA only.
    const bare = await tokenFor(['teacher'], { sub: 't-bare', schools: ['SA', 'SB'], groups: ['5A'] });
    const qualified = await tokenFor(['teacher'], { sub: 't-q', schools: ['SA', 'SB'], groups: ['SA/5A'] });
    expect((await call(svc.baseUrl, 'GET', '/students/SA-elev-0/absences', { token: bare })).status).toBe(403);
    expect((await call(svc.baseUrl, 'GET', '/students/SB-elev-0/absences', { token: bare })).status).toBe(403);
    expect((await call(svc.baseUrl, 'GET', '/students/SA-elev-0/absences', { token: qualified })).status).toBe(200);
    expect((await call(svc.baseUrl, 'GET', '/students/SB-elev-0/absences', { token: qualified })).status).toBe(403);
  });

  it('7: answers with personal data are sent with Cache-Control: no-store', async () => {
    const res = await call(svc.baseUrl, 'GET', `/cases/${caseA}`, { token: leaderA });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await call(svc.baseUrl, 'GET', '/schools/SA/absence-list', { token: leaderA })).headers.get('cache-control')).toBe('no-store');
  });

  it('8: a token living longer than the ceiling (12 h) is refused', async () => {
    const claims = { sub: 'l', roles: ['school-leader'], municipality: '3024', schools: ['SA'], groups: [] };
    // expiresIn null: the claims' own exp stands (the helper sets one of 1 h otherwise).
    const year3000 = await signToken(TEST_SECRET, { ...claims, exp: 32503680000 }, { expiresIn: null });
    const thirteenHours = await signToken(TEST_SECRET, { ...claims, exp: now() + 13 * 3600 }, { expiresIn: null });
    const elevenHours = await signToken(TEST_SECRET, { ...claims, exp: now() + 11 * 3600 }, { expiresIn: null });
    expect((await call(svc.baseUrl, 'GET', `/cases/${caseA}`, { token: year3000 })).status).toBe(401);
    expect((await call(svc.baseUrl, 'GET', `/cases/${caseA}`, { token: thirteenHours })).status).toBe(401);
    expect((await call(svc.baseUrl, 'GET', `/cases/${caseA}`, { token: elevenHours })).status).toBe(200);
  });

  it('9: a PPT consent must name PPT for PPT to read, or for a referral to PPT', async () => {
    const opened = await call(svc.baseUrl, 'POST', '/cases', { token: leaderA, body: { studentId: 'SA-elev-1' } });
    const caseId = opened.body.caseId as string;
    const consent = await call(svc.baseUrl, 'POST', `/cases/${caseId}/consents`, {
      token: leaderA,
      body: {
        purpose: 'ppt',
        recipients: ['Skolens rådgiver'],
        givenBy: { name: 'Kari Foresatt', relation: 'guardian' },
        givenAt: '2026-11-20',
      },
    });
    expect(consent.status).toBe(201);
    const referral = await call(svc.baseUrl, 'POST', `/cases/${caseId}/referrals`, {
      token: leaderA,
      body: { to: 'ppt', kind: 'consultation', at: '2026-11-20', note: 'Drøfting' },
    });
    expect(referral.status).toBe(422);
    expect(referral.body.details).toMatchObject({ code: 'consent-required' });
    // Barnevern needs none: the referral stands, and PPT still cannot read the case.
    const ppt = await tokenFor(['ppt'], { sub: 'ppt-2', schools: [], groups: [] });
    const read = await call(svc.baseUrl, 'GET', `/cases/${caseId}`, {
      token: ppt,
      headers: { 'X-Min-Position': opened.headers.get('x-position')! },
    });
    expect(read.status).toBe(403);
  });

  it('10: NUL, control characters and lone surrogates are refused naming the field; text is stored in NFC; data files are private', async () => {
    const before = await events();
    for (const summary of ['Ringte\u0000mor', 'Ringte\u001bmor', 'Ringte \ud800 mor']) {
      const res = await call(svc.baseUrl, 'POST', `/cases/${caseA}/contacts`, {
        token: leaderA,
        body: { with: 'guardian', channel: 'phone', at: '2026-11-20T09:00:00Z', summary },
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'summary', messages: [expect.stringContaining('control characters')] }]);
    }
    expect(await events()).toBe(before);
    const decomposed = 'Nyga\u030Ard ringte';
    const ok = await call(svc.baseUrl, 'POST', `/cases/${caseA}/contacts`, {
      token: leaderA,
      body: { with: 'guardian', channel: 'phone', at: '2026-11-20T09:00:00Z', summary: decomposed },
    });
    expect(ok.status).toBe(201);
    const stored = (await readAllEvents(svc.dataDir)).filter((e) => e.type === 'ContactRecorded').at(-1)!;
    expect((stored.data as { summary: string }).summary).toBe('Nygård ringte'.normalize('NFC'));
    for (const file of ['events.sqlite', 'read-models.sqlite', 'idempotency.sqlite', 'keys.sqlite', 'key-encryption.key']) {
      expect({ file, mode: (statSync(join(svc.dataDir, file)).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    }
  });
});
