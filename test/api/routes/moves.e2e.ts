/**
 * Moves (api.md, People and classes): a new group or grade (a new school year) or another school,
 * with what came before kept with the dates it held.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectErrorShape, World } from './support/fixture.js';

describe('POST /schools/:schoolId/students/:studentId/moves', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w.stop();
  });

  const roster = async (school: string, group: string, token: string) =>
    ((await w.get(`/schools/${school}/students?group=${group}`, token)).body as { studentId: string; grade: number }[]).map(
      (r) => r.studentId,
    );

  it('moves a student up a grade into a new group, and to another school of the municipality, keeping the placement before', async () => {
    const s = await w.student('smoras', '5A', 5);
    const up = await w.post(`/schools/smoras/students/${s}/moves`, w.leader, { on: '2026-11-23', group: '6A', grade: 6 });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ studentId: s, schoolId: 'smoras', group: '6A', grade: 6 });
    expect(await roster('smoras', '6A', w.leader)).toContain(s);
    expect(await roster('smoras', '5A', w.leader)).not.toContain(s);

    const away = await w.post(`/schools/smoras/students/${s}/moves`, w.leader, {
      on: '2026-11-23',
      group: '6B',
      grade: 6,
      toSchoolId: 'kombi',
    });
    expect(away.status).toBe(201);
    expect(await roster('kombi', '6B', w.leaders.kombi)).toContain(s);
    const moved = (await w.events.readStream(`student-${s}`)).filter((e) => e.type === 'StudentMoved').map((e) => e.data);
    expect(moved).toEqual([
      expect.objectContaining({
        on: '2026-11-23',
        schoolId: 'smoras',
        group: '6A',
        grade: 6,
        from: { schoolId: 'smoras', grade: 5, group: '5A' },
      }),
      expect.objectContaining({ schoolId: 'kombi', group: '6B', from: { schoolId: 'smoras', grade: 6, group: '6A' } }),
    ]);
    // Now the new school's: the old school's path no longer finds the student.
    expectErrorShape(await w.post(`/schools/smoras/students/${s}/moves`, w.leader, { on: '2026-11-23', group: '7A', grade: 7 }), 403);
  });

  it('refuses what it should and appends nothing', async () => {
    const s = await w.student('smoras', '5A', 5);
    const head = await w.head();
    expectErrorShape(await w.post(`/schools/smoras/students/${s}/moves`, w.leader, { on: '2026-11-23', group: '5A', grade: 5 }), 422);
    expectErrorShape(
      await w.post(`/schools/smoras/students/${s}/moves`, w.leader, { on: '2026-11-23', group: '6A', grade: 6, toSchoolId: 'fjell' }),
      404,
    );
    const noGroup = await w.post(`/schools/smoras/students/${s}/moves`, w.leader, { on: '2026-11-23', grade: 6 });
    expectErrorShape(noGroup, 400);
    expect(JSON.stringify(noGroup.body.details)).toContain('group');
    expectErrorShape(
      await w.post(`/schools/smoras/students/${s}/moves`, w.token('contact-teacher'), { on: '2026-11-23', group: '6A', grade: 6 }),
      403,
    );
    expectErrorShape(await w.post(`/schools/kombi/students/${s}/moves`, w.admin, { on: '2026-11-23', group: '6A', grade: 6 }), 404);
    expect(await w.head()).toBe(head);
  });
});
