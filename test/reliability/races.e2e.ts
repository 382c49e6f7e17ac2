/**
 * Races on the whole service (createService, real SQLite stores in a temp DATA_DIR, real HTTP
 * on 127.0.0.1): many clients at once on one case, one student, one Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, schoolDays, seedSchool, type Seed } from './support/http.js';
import { startInProcess, type InProcessService } from './support/in-process.js';
import { readAllEvents, storeProblems } from './support/store-checks.js';

const WRITERS = 50;
const ROUNDS = 4;

describe('races: concurrent writers on one case, one student, one key', () => {
  let svc: InProcessService;
  let seed: Seed;
  let caseId: string;

  beforeAll(async () => {
    svc = await startInProcess();
    seed = await seedSchool(svc.baseUrl, { studentCount: 3, caseCount: 1 });
    caseId = seed.caseIds[0]!;
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
  });

  const contact = (marker: string) => ({ with: 'guardian', channel: 'phone', at: '2026-11-20T08:15:00Z', summary: `race ${marker}` });
  const markersInStore = async () => {
    const events = await readAllEvents(svc.dataDir);
    return events.filter((e) => e.type === 'ContactRecorded').map((e) => /^race (\S+)/.exec((e.data as { summary: string }).summary)?.[1]);
  };
  const readCase = async () => {
    const res = await call(svc.baseUrl, 'GET', `/cases/${caseId}`, { token: seed.tokens.leader });
    expect(res.status).toBe(200);
    return res.body as { revision: number; contacts: { contactId: string; summary: string }[] };
  };

  it(`${WRITERS} writers with the same If-Match: exactly one wins per revision, the rest get 409 (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const before = await readCase();
      const replies = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          call(svc.baseUrl, 'POST', `/cases/${caseId}/contacts`, {
            token: seed.tokens.leader,
            body: contact(`ifmatch-${round}-${i}`),
            headers: { 'if-match': String(before.revision) },
          }),
        ),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(WRITERS - 1);
      const winner = replies.findIndex((r) => r.status === 201);
      expect(replies[winner]!.body.revision).toBe(before.revision + 1);
      for (const loser of replies.filter((r) => r.status === 409)) {
        expect(loser.body).toMatchObject({ statusCode: 409, details: { code: 'wrong-expected-revision' } });
      }

      const after = await readCase();
      expect(after.revision).toBe(before.revision + 1);
      expect(after.contacts.length).toBe(before.contacts.length + 1);
      expect(after.contacts.at(-1)!.summary).toBe(`race ifmatch-${round}-${winner}`);
      const stored = (await markersInStore()).filter((m) => m?.startsWith(`ifmatch-${round}-`));
      expect(stored).toEqual([`ifmatch-${round}-${winner}`]);
    }
  }, 120_000);

  it(`${WRITERS} writers that re-read and retry on 409 all get in: nothing lost, nothing twice`, async () => {
    const start = await readCase();
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        for (let attempt = 0; attempt < 500; attempt++) {
          const { revision } = await readCase();
          const res = await call(svc.baseUrl, 'POST', `/cases/${caseId}/contacts`, {
            token: seed.tokens.leader,
            body: contact(`retry-${i}`),
            headers: { 'if-match': String(revision) },
          });
          if (res.status === 201) return;
          expect(res.status).toBe(409);
          conflicts += 1;
        }
        throw new Error(`writer ${i} never got in`);
      }),
    );
    const after = await readCase();
    expect(after.revision).toBe(start.revision + WRITERS);
    const stored = (await markersInStore()).filter((m) => m?.startsWith('retry-'));
    expect(stored.sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `retry-${i}`).sort());
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);

  it(`${WRITERS} writers on one case without If-Match: every write lands (no spurious 409)`, async () => {
    const before = await readCase();
    const replies = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        call(svc.baseUrl, 'POST', `/cases/${caseId}/contacts`, { token: seed.tokens.leader, body: contact(`free-${i}`) }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.revision)).size).toBe(WRITERS);
    const after = await readCase();
    expect(after.revision).toBe(before.revision + WRITERS);
    expect((await markersInStore()).filter((m) => m?.startsWith('free-')).length).toBe(WRITERS);
  }, 120_000);

  it(`${WRITERS} registrations on one student at once: all land, once each`, async () => {
    const studentId = seed.students[1]!;
    const days = schoolDays(WRITERS);
    const replies = await Promise.all(
      days.map((date, i) =>
        call(svc.baseUrl, 'POST', `/students/${studentId}/absences`, {
          token: seed.tokens.leader,
          body: { date, kind: 'day', reason: `race student-${i}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    const events = (await readAllEvents(svc.dataDir)).filter((e) => e.type === 'AbsenceRegistered' && e.stream === `student-${studentId}`);
    expect(events.map((e) => (e.data as { absenceId: string }).absenceId).sort()).toEqual(replies.map((r) => r.body.absenceId).sort());
  }, 120_000);

  it('20 concurrent repeats of one Idempotency-Key produce one event and the same answer', async () => {
    const studentId = seed.students[2]!;
    const body = { date: '2026-11-16', kind: 'late', minutes: 10, reason: 'race idempotent' };
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(svc.baseUrl, 'POST', `/students/${studentId}/absences`, {
          token: seed.tokens.leader,
          body,
          headers: { 'idempotency-key': 'race-key-1' },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.absenceId)).size).toBe(1);
    expect(new Set(replies.map((r) => r.headers.get('x-position'))).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const events = (await readAllEvents(svc.dataDir)).filter((e) => (e.data as { reason?: string }).reason === 'race idempotent');
    expect(events).toHaveLength(1);
    expect(events[0]!.position).toBe(Number(replies[0]!.headers.get('x-position')));
  }, 60_000);

  it('one Idempotency-Key raced with different bodies: one request runs, the others get 422 or its replay', async () => {
    const studentId = seed.students[2]!;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(svc.baseUrl, 'POST', `/students/${studentId}/absences`, {
          token: seed.tokens.leader,
          body: { date: '2026-11-17', kind: 'late', minutes: 5 + (i % 2), reason: `race mixed ${i % 2}` },
          headers: { 'idempotency-key': 'race-key-2' },
        }),
      ),
    );
    const created = replies.filter((r) => r.status === 201);
    expect(created.length + replies.filter((r) => r.status === 422).length).toBe(20);
    expect(new Set(created.map((r) => r.body.absenceId)).size).toBe(1);
    const events = (await readAllEvents(svc.dataDir)).filter((e) => /^race mixed/.test((e.data as { reason?: string }).reason ?? ''));
    expect(events).toHaveLength(1);
  }, 60_000);

  it('leaves a sound store: dense positions and revisions, every chain intact', async () => {
    expect(storeProblems(await readAllEvents(svc.dataDir))).toEqual([]);
  });
});
