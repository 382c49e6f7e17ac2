/**
 * GET /cases/:id/history, /history/verify and /cases/:id?asOf= on the real service: a case
 * built through the routes, read back as an auditor; the as-of views checked against a replay
 * (caseDecider + caseView) of exactly the events recorded by each instant.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseDecider, caseView } from '#domain/case/index.js';
import { fold } from '#domain/shared/decider.js';
import { EVENT_TYPE_LABELS } from '#domain/events/describe-event-type.js';
import {
  buildFullCase,
  FULL_CASE_TYPES,
  removeDataDir,
  setUpSchool,
  startAuditService,
  STUDENT,
  type AuditService,
  type BuiltCase,
} from './support/audit-service.js';

interface Entry {
  revision: number;
  position: number;
  type: string;
  label: string;
  data: Record<string, unknown>;
  actor: { id: string; role: string };
  occurredAt: string;
  recordedAt: string;
  hash: string;
  previousHash: string | null;
}

/** caseView of the events recorded by `instant`, as JSON would carry it. */
function replay(history: Entry[], instant: string): unknown {
  const known = history.filter((e) => Date.parse(e.recordedAt) <= Date.parse(instant));
  const state = fold(caseDecider, known.map((e) => ({ type: e.type, schemaVersion: 1, data: e.data })) as never[]);
  return JSON.parse(JSON.stringify(caseView(state)));
}

/** The replayed view; the names the route adds (the student's, the phase's) are checked on their own. */
const withoutIntegrity = (body: Record<string, unknown>) => {
  const { integrity: _i, studentName: _s, phaseName: _p, ...rest } = body;
  return rest;
};

describe('case history, verification and as-of (HTTP)', () => {
  let s: AuditService;
  let built: BuiltCase;
  let history: Entry[];

  beforeAll(async () => {
    s = await startAuditService();
    await setUpSchool(s);
    built = await buildFullCase(s);
    const res = await s.as('auditor').get(`/cases/${built.caseId}/history`);
    expect(res.status).toBe(200);
    history = res.body as Entry[];
    expect(res.headers['x-hash-chain']).toBe('valid');
  }, 60_000);
  afterAll(async () => {
    await s.close();
    removeDataDir(s.dataDir);
  });

  it('lists every event of the case, oldest first, in the contract shape', () => {
    expect(history.map((e) => e.type)).toEqual(FULL_CASE_TYPES);
    expect(history.map((e) => e.revision)).toEqual(FULL_CASE_TYPES.map((_, i) => i));
    for (const [i, e] of history.entries()) {
      expect(Object.keys(e).sort()).toEqual([
        'actor',
        'data',
        'hash',
        'label',
        'occurredAt',
        'position',
        'previousHash',
        'recordedAt',
        'revision',
        'type',
      ]);
      // The name as the actor's token gave it when they acted (api.md, Cases).
      expect(e.actor).toEqual({ id: 'rektor-1', role: 'school-leader', name: 'Rita Rektor' });
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.previousHash).toBe(i === 0 ? null : history[i - 1]!.hash);
      expect(Number.isNaN(Date.parse(e.occurredAt))).toBe(false);
      expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      if (i > 0) {
        expect(e.position).toBeGreaterThan(history[i - 1]!.position);
        expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(Date.parse(history[i - 1]!.recordedAt));
      }
    }
  });

  it('reads well for a person: every entry has its type in plain words (Norwegian / English)', () => {
    for (const e of history) {
      const words = EVENT_TYPE_LABELS[e.type as keyof typeof EVENT_TYPE_LABELS];
      expect(e.label).toBe(`${words.nb} / ${words.en}`);
    }
    expect(history[3]!.label).toBe('Møte holdt / Meeting held');
    expect(history[12]!.label).toBe('Sak gjenåpnet / Case reopened');
  });

  it('carries the records themselves: the contact summary, the minutes, the closing and reopening', () => {
    expect(history[0]!.data).toMatchObject({ caseId: built.caseId, studentId: STUDENT.id, openedOn: '2026-11-09' });
    expect(history[1]!.data).toMatchObject({ with: 'guardian', summary: 'Ringte mor; Ola har vondt i magen om morgenen.' });
    expect(history[3]!.data).toMatchObject({ type: 'presence-meeting', minutes: 'Enige om fast morgenmøte med kontaktlærer.' });
    expect(history[6]!.data).toMatchObject({ measureId: built.measureId, outcome: 'progressing' });
    expect(history[8]!.data).toMatchObject({ to: 'ppt', kind: 'referral' });
    expect(history[9]!.data).toMatchObject({ phase: 2 });
    expect(history[11]!.data).toMatchObject({ outcome: 'resolved' });
    expect(history[12]!.data).toMatchObject({ reason: 'Nytt fravær etter høstferien' });
  });

  it('verify recomputes the chain: valid, with the number of events', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}/history/verify`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, events: FULL_CASE_TYPES.length });
  });

  it('GET /cases/:id (now) is the replay of the whole history, flagged intact', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}`);
    expect(res.status).toBe(200);
    expect(withoutIntegrity(res.body)).toEqual(replay(history, new Date().toISOString()));
    expect(res.body.integrity).toEqual({ valid: true, events: FULL_CASE_TYPES.length });
    // The example plan names no phases: a number without a name.
    expect(res.body).toMatchObject({ studentName: 'Ola Nordmann', phaseName: null });
    expect(res.body).toMatchObject({ status: 'open', phase: 2, revision: 12 });
  });

  it('GET /cases/:id?asOf= at every recorded instant equals a replay of exactly the events recorded by then', async () => {
    const instants = new Set<string>();
    for (const e of history) {
      instants.add(e.recordedAt);
      // A millisecond before each event: the event must not be in the view yet.
      instants.add(new Date(Date.parse(e.recordedAt) - 1).toISOString());
    }
    instants.delete(new Date(Date.parse(history[0]!.recordedAt) - 1).toISOString());
    for (const instant of instants) {
      const res = await s.as('auditor').get(`/cases/${built.caseId}?asOf=${encodeURIComponent(instant)}`);
      expect(res.status).toBe(200);
      const expected = replay(history, instant) as { revision: number };
      expect(withoutIntegrity(res.body)).toEqual(expected);
      expect(res.body.revision).toBe(history.filter((e) => Date.parse(e.recordedAt) <= Date.parse(instant)).length - 1);
    }
  });

  it('shows the case closed between closing and reopening, and open again after', async () => {
    const [closing, reopening] = [history[11]!, history[12]!];
    // Only distinguishable when the two were stamped in different milliseconds (they nearly always are).
    if (closing.recordedAt !== reopening.recordedAt) {
      const closed = await s.as('auditor').get(`/cases/${built.caseId}?asOf=${closing.recordedAt}`);
      expect(closed.body).toMatchObject({ status: 'closed', closure: { outcome: 'resolved' }, revision: 11 });
    }
    const reopened = await s.as('auditor').get(`/cases/${built.caseId}?asOf=${reopening.recordedAt}`);
    expect(reopened.body).toMatchObject({ status: 'open', closure: { outcome: 'resolved' }, revision: 12 });
    const firstContacts = await s.as('auditor').get(`/cases/${built.caseId}?asOf=${history[1]!.recordedAt}`);
    expect(firstContacts.body.contacts).toHaveLength(
      history.filter((e) => e.type === 'ContactRecorded' && e.recordedAt <= history[1]!.recordedAt).length,
    );
    expect(firstContacts.body.measures).toEqual([]);
    expect(firstContacts.body.referrals).toEqual([]);
  });

  it('answers 404 for an instant before the case was opened, 400 for a malformed instant', async () => {
    const before = new Date(Date.parse(history[0]!.recordedAt) - 1).toISOString();
    expect((await s.as('auditor').get(`/cases/${built.caseId}?asOf=${before}`)).status).toBe(404);
    const bad = await s.as('auditor').get(`/cases/${built.caseId}?asOf=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'asOf', messages: [expect.stringContaining('ISO 8601')] }]);
  });

  it('history is for those who may read it: the auditor and the own school, not another school', async () => {
    expect((await s.as('leader').get(`/cases/${built.caseId}/history`)).status).toBe(200);
    expect((await s.as('otherLeader').get(`/cases/${built.caseId}/history`)).status).toBe(403);
    expect((await s.as('admin').get(`/cases/${built.caseId}/history/verify`)).status).toBe(403);
    expect((await s.as('auditor').get('/cases/no-such-case/history')).status).toBe(404);
  });
});
