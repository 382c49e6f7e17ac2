/**
 * api.md "Cases": opening a case, every case sub-route with its success shape and its
 * refusals (consent rules, closed cases, unknown ids, If-Match), and GET /cases/:id now and
 * as of an instant.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { consentBody, expectErrorShape, positionOf, TODAY, World } from './support/fixture.js';

const contact = { with: 'guardian', channel: 'phone', at: '2026-11-19T09:30:00Z', summary: 'Ringte mor', studentView: 'Vondt i magen' };
const meeting = {
  type: 'presence-meeting',
  heldAt: '2026-11-20T13:00:00Z',
  participants: [
    { name: 'Ola Elev', role: 'student' },
    { name: 'Kari Foresatt', role: 'guardian' },
  ],
  minutes: 'Enige om tiltak',
};
const mapping = { domains: { individual: 'Søvnvansker', school: 'Utrygg i friminutt' }, summary: 'Kartlagt' };
const measure = {
  description: 'Fast morgenmøte',
  responsible: { name: 'Ola Lærer', role: 'contact-teacher' },
  startsOn: '2026-11-02',
  evaluateBy: '2026-12-15',
};
const evaluation = { outcome: 'progressing', note: 'Bedre oppmøte', studentView: 'Greit' };
const phase = { phase: 2, reason: 'Fraværet fortsetter' };
const returnPlan = {
  goals: ['Delta i første time'],
  presenceGuide: { name: 'Nils Miljø', role: 'student-services' },
  startsOn: '2026-11-23',
};
const close = { outcome: 'resolved', note: 'Fast oppmøte' };
const reopen = { reason: 'Fraværet kom tilbake' };

describe('case routes', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  describe('POST /cases', () => {
    it('answers 201 { caseId } with X-Position; GET /cases/:id has every contract field', async () => {
      const s = await w.student();
      const res = await w.post('/cases', w.token('contact-teacher'), { studentId: s, reason: 'Bekymring', openedOn: '2026-11-02' });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['caseId']);
      const position = positionOf(res);
      const got = await w.get(`/cases/${res.body.caseId}`, w.token('contact-teacher'), { 'X-Min-Position': String(position) });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        caseId: res.body.caseId,
        studentId: s,
        schoolId: 'smoras',
        status: 'open',
        phase: 1,
        contacts: [],
        meetings: [],
        measures: [],
        consents: [],
        referrals: [],
        revision: 0,
      });
      expect(Number.isInteger(got.body.revision)).toBe(true);
    });

    it('opens with today as default; a second open case for the student → 422', async () => {
      const s = await w.student();
      const caseId = await w.openCase(s, { reason: undefined });
      expect((await w.get(`/cases/${caseId}`, w.leader)).body.openedOn).toBe(TODAY);
      expectErrorShape(await w.post('/cases', w.leader, { studentId: s }), 422);
    });

    it('replays POST /cases with the same Idempotency-Key: same caseId and X-Position, one case', async () => {
      const s = await w.student();
      const first = await w.post('/cases', w.leader, { studentId: s }, { 'Idempotency-Key': `open-${s}` });
      expect(first.status).toBe(201);
      const again = await w.post('/cases', w.leader, { studentId: s }, { 'Idempotency-Key': `open-${s}` });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['x-position']).toBe(first.headers['x-position']);
      const history = await w.get(`/cases/${first.body.caseId}/history`, w.leader);
      expect(history.body).toHaveLength(1);
      const opened = (await w.eventsAfter(0)).filter((e) => e.type === 'CaseOpened' && (e.data as { studentId: string }).studentId === s);
      expect(opened).toHaveLength(1);
      expectErrorShape(await w.post('/cases', w.leader, { studentId: s, reason: 'annen' }, { 'Idempotency-Key': `open-${s}` }), 422);
    });

    it('refuses a missing or malformed studentId (400 naming it), an unknown student (404), no token (401)', async () => {
      const missing = await w.post('/cases', w.leader, {});
      expectErrorShape(missing, 400);
      expect((missing.body.details as { field: string }[]).map((d) => d.field)).toEqual(['studentId']);
      const badDate = await w.post('/cases', w.leader, { studentId: await w.student(), openedOn: '2026-13-01' });
      expectErrorShape(badDate, 400);
      expect((badDate.body.details as { field: string }[]).map((d) => d.field)).toEqual(['openedOn']);
      expectErrorShape(await w.post('/cases', w.leader, { studentId: 'st-nobody' }), 404);
      expectErrorShape(await w.post('/cases', null, { studentId: 'st-nobody' }), 401);
    });
  });

  describe('the case sub-routes', () => {
    it('records contacts, meetings, mappings, measures, evaluations, phase and return plan (201 + X-Position each)', async () => {
      const s = await w.student();
      const caseId = await w.openCase(s, { openedOn: '2026-11-02' });
      const writer = w.token('student-services');
      const expectWrite = async (path: string, body: unknown) => {
        const res = await w.post(`/cases/${caseId}/${path}`, writer, body);
        expect([path, res.status]).toEqual([path, 201]);
        positionOf(res);
        expect(res.body.caseId).toBe(caseId);
        return res.body as Record<string, unknown>;
      };
      await expectWrite('contacts', contact);
      await expectWrite('meetings', meeting);
      await expectWrite('mappings', mapping);
      const m = await expectWrite('measures', measure);
      expect(typeof m.measureId).toBe('string');
      await expectWrite(`measures/${m.measureId}/evaluations`, evaluation);
      await expectWrite('phase', phase);
      await expectWrite('return-plan', returnPlan);

      const got = await w.get(`/cases/${caseId}`, w.leader);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ status: 'open', phase: 2, revision: 7 });
      expect(got.body.contacts).toEqual([expect.objectContaining({ with: 'guardian', channel: 'phone', summary: 'Ringte mor' })]);
      expect(got.body.meetings).toEqual([expect.objectContaining({ type: 'presence-meeting', minutes: 'Enige om tiltak' })]);
      expect(got.body.measures).toEqual([expect.objectContaining({ measureId: m.measureId, description: 'Fast morgenmøte' })]);
    });

    it('answers 404 for an evaluation of an unknown measure, and for an unknown case', async () => {
      const caseId = await w.openCase(await w.student());
      const res = await w.post(`/cases/${caseId}/measures/no-such-measure/evaluations`, w.leader, evaluation);
      expectErrorShape(res, 404);
      expect(res.body.details).toEqual({ code: 'measure-not-found' });
      expectErrorShape(await w.post('/cases/no-such-case/contacts', w.leader, contact), 404);
      expectErrorShape(await w.get('/cases/no-such-case', w.leader), 404);
    });

    it('answers 400 naming the bad fields of each body', async () => {
      const caseId = await w.openCase(await w.student());
      const cases: [string, unknown, string[]][] = [
        ['contacts', { ...contact, with: 'neighbour', channel: 'pigeon' }, ['channel', 'with']],
        ['meetings', { ...meeting, participants: [{ name: '', role: 'x' }] }, ['participants.0.name']],
        ['measures', { ...measure, startsOn: 'tomorrow' }, ['startsOn']],
        ['consents', { ...consentBody(), purpose: 'curiosity', recipients: [] }, ['purpose', 'recipients']],
        ['referrals', { to: 'ppt', kind: 'gossip', at: 'now', note: 'x' }, ['at', 'kind']],
        ['phase', { phase: 'two' }, ['phase', 'reason']],
      ];
      for (const [path, body, fields] of cases) {
        const res = await w.post(`/cases/${caseId}/${path}`, w.leader, body);
        expectErrorShape(res, 400);
        expect([path, (res.body.details as { field: string }[]).map((d) => d.field).sort()]).toEqual([path, fields]);
      }
    });
  });

  describe('consents, withdrawals and referrals', () => {
    it('follows the consent rules of api.md', async () => {
      const caseId = await w.openCase(await w.student(), { openedOn: '2026-11-02' });

      const pptWithout = await w.post(`/cases/${caseId}/referrals`, w.leader, { to: 'ppt', kind: 'referral', at: '2026-11-19', note: 'x' });
      expectErrorShape(pptWithout, 422);
      expect(pptWithout.body.details).toEqual({ code: 'consent-required' });
      const bupWithout = await w.post(`/cases/${caseId}/referrals`, w.leader, { to: 'bup', kind: 'referral', at: '2026-11-19', note: 'x' });
      expectErrorShape(bupWithout, 422);

      const barnevern = await w.post(`/cases/${caseId}/referrals`, w.leader, {
        to: 'barnevern',
        kind: 'referral',
        at: '2026-11-19',
        note: 'Bekymringsmelding',
      });
      expect(barnevern.status).toBe(201);
      positionOf(barnevern);

      // A consent of another purpose does not open the way to PPT.
      await w.consent(caseId, 'school-nurse');
      expectErrorShape(
        await w.post(`/cases/${caseId}/referrals`, w.leader, { to: 'ppt', kind: 'referral', at: '2026-11-21', note: 'x' }),
        422,
      );

      const consent = await w.post(`/cases/${caseId}/consents`, w.leader, consentBody('ppt', '2026-11-20'));
      expect(consent.status).toBe(201);
      expect(Object.keys(consent.body)).toContain('consentId');
      positionOf(consent);
      const consentId = consent.body.consentId as string;

      const ppt = await w.post(`/cases/${caseId}/referrals`, w.leader, {
        to: 'ppt',
        kind: 'consultation',
        at: '2026-11-21',
        note: 'Drøfting',
      });
      expect(ppt.status).toBe(201);

      const withdrawal = await w.post(`/cases/${caseId}/consents/${consentId}/withdrawal`, w.leader, {
        at: '2026-11-22',
        note: 'Foresatte trekker samtykket',
      });
      expect(withdrawal.status).toBe(201);
      positionOf(withdrawal);
      const twice = await w.post(`/cases/${caseId}/consents/${consentId}/withdrawal`, w.leader, { at: '2026-11-23' });
      expectErrorShape(twice, 422);
      expect(twice.body.details).toEqual({ code: 'consent-already-withdrawn' });

      const afterWithdrawal = await w.post(`/cases/${caseId}/referrals`, w.leader, {
        to: 'ppt',
        kind: 'referral',
        at: '2026-11-23',
        note: 'x',
      });
      expectErrorShape(afterWithdrawal, 422);
      expect(afterWithdrawal.body.details).toEqual({ code: 'consent-required' });

      const unknown = await w.post(`/cases/${caseId}/consents/no-such-consent/withdrawal`, w.leader, { at: '2026-11-23' });
      expectErrorShape(unknown, 404);

      const got = await w.get(`/cases/${caseId}`, w.leader);
      expect(got.body.consents).toHaveLength(2);
      expect(got.body.referrals.map((r: { to: string }) => r.to).sort()).toEqual(['barnevern', 'ppt']);
    });
  });

  describe('close and reopen', () => {
    it('refuses every write to a closed case with 422 except reopen, which opens it again', async () => {
      const caseId = await w.openCase(await w.student(), { openedOn: '2026-11-02' });
      const m = await w.ok(`/cases/${caseId}/measures`, w.leader, measure);
      const consentId = await w.consent(caseId, 'ppt');
      const closed = await w.post(`/cases/${caseId}/close`, w.leader, close);
      expect(closed.status).toBe(201);
      positionOf(closed);
      expect((await w.get(`/cases/${caseId}`, w.leader)).body.status).toBe('closed');

      const writes: [string, unknown][] = [
        ['contacts', contact],
        ['meetings', meeting],
        ['mappings', mapping],
        ['measures', measure],
        [`measures/${m.measureId}/evaluations`, evaluation],
        ['consents', consentBody('bup')],
        [`consents/${consentId}/withdrawal`, { at: '2026-11-23' }],
        ['referrals', { to: 'barnevern', kind: 'referral', at: '2026-11-23', note: 'x' }],
        ['phase', phase],
        ['return-plan', returnPlan],
        ['close', close],
      ];
      const head = await w.head();
      for (const [path, body] of writes) {
        const res = await w.post(`/cases/${caseId}/${path}`, w.leader, body);
        expect([path, res.status]).toEqual([path, 422]);
        expectErrorShape(res, 422);
        expect(res.headers['x-position']).toBeUndefined();
      }
      expect((await w.eventsAfter(head)).filter((e) => e.stream === `case-${caseId}`)).toEqual([]);

      const reopened = await w.post(`/cases/${caseId}/reopen`, w.leader, reopen);
      expect(reopened.status).toBe(201);
      positionOf(reopened);
      expect((await w.get(`/cases/${caseId}`, w.leader)).body.status).toBe('open');
      expectErrorShape(await w.post(`/cases/${caseId}/reopen`, w.leader, reopen), 422);
      expect((await w.post(`/cases/${caseId}/contacts`, w.leader, contact)).status).toBe(201);
    });
  });

  describe('If-Match', () => {
    it('answers 409 for a stale revision and 201 for the current one, which it then moves on', async () => {
      const caseId = await w.openCase(await w.student());
      const current = (await w.get(`/cases/${caseId}`, w.leader)).body.revision as number;
      const stale = await w.post(`/cases/${caseId}/contacts`, w.leader, contact, { 'If-Match': String(current + 1) });
      expectErrorShape(stale, 409);
      expect(stale.headers['x-position']).toBeUndefined();

      const ok = await w.post(`/cases/${caseId}/contacts`, w.leader, contact, { 'If-Match': String(current) });
      expect(ok.status).toBe(201);
      positionOf(ok);
      const next = (await w.get(`/cases/${caseId}`, w.leader)).body.revision as number;
      expect(next).toBe(current + 1);
      expectErrorShape(await w.post(`/cases/${caseId}/meetings`, w.leader, meeting, { 'If-Match': String(current) }), 409);
      expect((await w.post(`/cases/${caseId}/meetings`, w.leader, meeting, { 'If-Match': `"${next}"` })).status).toBe(201);

      const bad = await w.post(`/cases/${caseId}/contacts`, w.leader, contact, { 'If-Match': 'yesterday' });
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    });
  });

  describe('GET /cases/:caseId?asOf=<instant>', () => {
    it('answers the case as recorded at that instant: a later write is not in it', async () => {
      const caseId = await w.openCase(await w.student());
      await w.ok(`/cases/${caseId}/contacts`, w.leader, contact);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await w.ok(`/cases/${caseId}/meetings`, w.leader, meeting);

      const now = await w.get(`/cases/${caseId}`, w.leader);
      expect(now.body.meetings).toHaveLength(1);
      expect(now.body.revision).toBe(2);

      const then = await w.get(`/cases/${caseId}?asOf=${encodeURIComponent(between)}`, w.leader);
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ caseId, status: 'open', revision: 1, meetings: [] });
      expect(then.body.contacts).toHaveLength(1);

      // A date is the end of that day in Europe/Oslo (api.md): one before the case was recorded is a 404, a later one shows it all.
      expectErrorShape(await w.get(`/cases/${caseId}?asOf=2020-01-01`, w.leader), 404);
      expect((await w.get(`/cases/${caseId}?asOf=2099-12-31`, w.leader)).body).toMatchObject({ caseId, revision: 2 });
      const bad = await w.get(`/cases/${caseId}?asOf=last-week`, w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
    });

    it('reading a case leaves its revision and its stream unchanged', async () => {
      const caseId = await w.openCase(await w.student());
      const first = await w.get(`/cases/${caseId}`, w.leader);
      const stream = await w.events.readStream(`case-${caseId}`);
      for (let i = 0; i < 3; i++) await w.get(`/cases/${caseId}`, w.token('auditor'));
      const again = await w.get(`/cases/${caseId}`, w.leader);
      expect(again.body.revision).toBe(first.body.revision);
      expect(await w.events.readStream(`case-${caseId}`)).toHaveLength(stream.length);
    });
  });
});
