/**
 * GET /cases (api.md, Cases): the cases the caller may see, with filters, the roster's search and
 * names; one access-log entry per list read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectErrorShape, World } from './support/fixture.js';

interface Row {
  caseId: string;
  studentId: string;
  studentName: string;
  group: string;
  schoolId: string;
  phase: number;
  phaseName: string | null;
  status: string;
  openedOn: string;
  nextDueOn: string | null;
}

describe('GET /cases', () => {
  let w: World;
  const ids: Record<string, { studentId: string; caseId: string }> = {};
  beforeAll(async () => {
    w = await World.start();
    for (const [key, school, group] of [
      ['a1', 'smoras', '5A'],
      ['a2', 'smoras', '5A'],
      ['b1', 'smoras', '5B'],
      ['k1', 'kombi', '9A'],
    ] as const) {
      const studentId = await w.student(school, group);
      ids[key] = { studentId, caseId: await w.openCase(studentId, { openedOn: '2026-11-02' }) };
    }
    await w.ok(`/cases/${ids.a2!.caseId}/close`, w.leader, { outcome: 'resolved', note: 'Tilbake i hverdagen' });
  });
  afterAll(async () => {
    await w.stop();
  });

  it('lists a leader’s schools’ cases with names, open first, and the next date a step is due', async () => {
    const rows = (await w.get('/cases', w.leader)).body as Row[];
    expect(rows.map((r) => r.caseId).sort()).toEqual([ids.a1!.caseId, ids.a2!.caseId, ids.b1!.caseId].sort());
    expect(rows.at(-1)).toMatchObject({ caseId: ids.a2!.caseId, status: 'closed', nextDueOn: null });
    const a1 = rows.find((r) => r.caseId === ids.a1!.caseId)!;
    expect(a1).toMatchObject({
      studentId: ids.a1!.studentId,
      group: '5A',
      schoolId: 'smoras',
      phase: 1,
      phaseName: null,
      status: 'open',
      openedOn: '2026-11-02',
    });
    expect(a1.studentName).toMatch(/aasen$/);
    const kombi = (await w.get('/cases?schoolId=kombi', w.leaders.kombi)).body as Row[];
    // Bærum names its phases; a case opens in phase 2.
    expect(kombi).toEqual([expect.objectContaining({ caseId: ids.k1!.caseId, phase: 2, phaseName: 'Fase 2 Identifisering og kontakt' })]);
  });

  it('filters by status, phase, student and a search that ignores case, and narrows a contact teacher to the own groups', async () => {
    const closed = (await w.get('/cases?status=closed', w.leader)).body as Row[];
    expect(closed.map((r) => r.caseId)).toEqual([ids.a2!.caseId]);
    expect(((await w.get('/cases?phase=3', w.leader)).body as Row[]).length).toBe(0);
    const one = (await w.get(`/cases?studentId=${ids.b1!.studentId}`, w.leader)).body as Row[];
    expect(one.map((r) => r.caseId)).toEqual([ids.b1!.caseId]);
    const name = one[0]!.studentName;
    const searched = (await w.get(`/cases?q=${encodeURIComponent(name.slice(0, 4).toUpperCase())}`, w.leader)).body as Row[];
    expect(searched.map((r) => r.caseId)).toContain(ids.b1!.caseId);
    const mine = (await w.get('/cases', w.token('contact-teacher', 'in'))).body as Row[];
    expect(mine.map((r) => r.group)).toEqual(mine.map(() => '5A'));
    expect(mine.map((r) => r.caseId).sort()).toEqual([ids.a1!.caseId, ids.a2!.caseId].sort());
  });

  it('refuses what it should, and logs each list read naming the cases shown', async () => {
    expectErrorShape(await w.get(`/cases?q=${'x'.repeat(10_000)}`, w.leader), 400);
    expectErrorShape(await w.get('/cases?phase=two', w.leader), 400);
    // Another school's cases are not the caller's to see: an empty list, not a hint that there are some.
    expect((await w.get('/cases?schoolId=kombi', w.leader)).body).toEqual([]);
    expectErrorShape(await w.get('/cases', w.token('teacher')), 403);
    expectErrorShape(await w.get('/cases', w.token('auditor')), 400);
    expect(((await w.get('/cases?schoolId=kombi', w.token('auditor'))).body as Row[]).map((r) => r.caseId)).toEqual([ids.k1!.caseId]);
    await w.get(`/cases?studentId=${ids.b1!.studentId}`, w.leader);
    const log = (await w.get(`/audit/access-log?caseId=${ids.b1!.caseId}`, w.token('auditor'))).body as { action: string }[];
    expect(log.map((e) => e.action)).toContain('cases:list');
  });
});
