/**
 * api.md "People and classes" through the service: GET /me, a municipality's schools, a school's
 * groups, and the roster with its search (case and diacritics ignored, Norwegian order), a
 * teacher's own groups only, levels for the roles that may see concern, and one access-log
 * entry for a roster that showed levels.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseCsv } from 'csv-parse/sync';
import { expectErrorShape, MUNICIPALITY, World } from './support/fixture.js';

describe('people and classes', () => {
  let w: World;
  const enrol = (id: string, name: string, group = '5A', grade = 5) =>
    w.post('/schools/smoras/students', w.adminOf('smoras'), { id, name, grade, group });

  beforeAll(async () => {
    w = await World.start();
    for (const [id, name, group, grade] of [
      ['p-aase', 'Åse Ødegård', '5A', 5],
      ['p-nygard', 'Ola Nygård', '5A', 5],
      ['p-aeris', 'Ærlig Andersen', '5A', 5],
      ['p-zara', 'Zara Berg', '5A', 5],
      ['p-oystein', 'Øystein Lie', '6B', 6],
    ] as const) {
      expect((await enrol(id, name, group, grade)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await w.stop();
  });

  it('GET /me tells the caller who it is, with its schools by name', async () => {
    const res = await w.get('/me', w.token('contact-teacher'), { 'X-Min-Position': String(await w.head()) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      roles: ['contact-teacher'],
      municipality: MUNICIPALITY,
      schools: [{ schoolId: 'smoras', name: 'Smørås skole' }],
      groups: ['smoras/5A'],
      children: [],
    });
  });

  it("lists a municipality's schools, without personal data", async () => {
    const res = await w.get(`/municipalities/${MUNICIPALITY}/schools`, w.token('municipality'));
    expect(res.status).toBe(200);
    expect(res.body.map((s: { schoolId: string }) => s.schoolId)).toEqual(expect.arrayContaining(['smoras', 'kombi']));
    expect(Object.keys(res.body[0]).sort()).toEqual(['level', 'name', 'planId', 'schoolId']);
  });

  it("lists a school's groups with their counts; a teacher sees its own", async () => {
    const leader = await w.get('/schools/smoras/groups', w.leader);
    const groups = leader.body as { groupId: string; grade: number; students: number }[];
    expect(groups.map((g) => g.groupId)).toEqual(expect.arrayContaining(['5A', '6B']));
    expect(groups.find((g) => g.groupId === '6B')).toEqual({ groupId: '6B', grade: 6, students: 1 });
    const teacher = await w.get('/schools/smoras/groups', w.token('teacher'));
    expect(teacher.body.map((g: { groupId: string }) => g.groupId)).toEqual(['5A']);
  });

  it('sorts the roster in Norwegian order and finds names ignoring case and diacritics', async () => {
    const all = await w.get('/schools/smoras/students?group=5A', w.leader);
    const names = (all.body as { name: string }[]).map((r) => r.name).filter((n) => /Åse|Ola|Ærlig|Zara/.test(n));
    // Z before Æ before Ø before Å: Norwegian order, not byte order.
    expect(names).toEqual(['Ola Nygård', 'Zara Berg', 'Ærlig Andersen', 'Åse Ødegård']);
    expect((await w.get('/schools/smoras/students?q=nygard', w.leader)).body.map((r: { name: string }) => r.name)).toEqual(['Ola Nygård']);
    expect((await w.get('/schools/smoras/students?q=OYSTEIN', w.leader)).body.map((r: { name: string }) => r.name)).toEqual([
      'Øystein Lie',
    ]);
    expect((await w.get('/schools/smoras/students?q=odegard', w.leader)).body.map((r: { name: string }) => r.name)).toEqual([
      'Åse Ødegård',
    ]);
  });

  it('shows a teacher its own groups only, and levels only to the roles that may see concern', async () => {
    const teacher = (await w.get('/schools/smoras/students', w.token('teacher'))).body as { group: string; level?: string }[];
    expect(teacher.length).toBeGreaterThan(0);
    expect(new Set(teacher.map((r) => r.group))).toEqual(new Set(['5A']));
    expect(teacher.every((r) => r.level === undefined)).toBe(true);
    const contact = (await w.get('/schools/smoras/students', w.token('contact-teacher'))).body as { level?: string }[];
    expect(contact.every((r) => ['green', 'yellow', 'red'].includes(r.level!))).toBe(true);
  });

  it('records a roster with levels as one access-log entry naming the students shown', async () => {
    const before = await w.head();
    const shown = await w.get('/schools/smoras/students?q=nygard', w.leader);
    const entries = (await w.eventsAfter(before)).filter((e) => e.type === 'AccessRecorded');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({
      action: 'roster:read',
      target: { type: 'student-list', id: 'roster:smoras' },
      revealed: { type: 'student', ids: shown.body.map((r: { studentId: string }) => r.studentId) },
    });
  });

  it('gives the roster as a file: the class list for Excel, levels only for those who may see them', async () => {
    const json = (await w.get('/schools/smoras/students?group=5A', w.leader)).body as { name: string; level?: string }[];
    const csv = await w.get('/schools/smoras/students?group=5A&format=csv', w.leader);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="elever-smoras-5A.csv"');
    const rows = parseCsv(csv.text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['Navn', 'Trinn', 'Gruppe', 'Nivå', 'Elev-ID']);
    expect(rows.map((r) => r.Navn)).toEqual(json.map((r) => r.name));
    const teacher = parseCsv((await w.get('/schools/smoras/students?format=csv', w.token('teacher'))).text, {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(teacher[0]!)).toEqual(['Navn', 'Trinn', 'Gruppe', 'Elev-ID']);
  });

  it("refuses a search of over 100 characters naming q, and another school's roster", async () => {
    const long = await w.get(`/schools/smoras/students?q=${'a'.repeat(10_000)}`, w.leader);
    expectErrorShape(long, 400);
    expect(long.body.details).toEqual([{ field: 'q', messages: ['q must be text of at most 100 characters'] }]);
    expectErrorShape(await w.get('/schools/kombi/students', w.token('teacher')), 403);
  });
});
