/**
 * The access guard over HTTP: 403 without the permission (no lookup, so no existence
 * leak), 404 for unknown ids to holders of the permission, 403 outside scope, resources
 * from params, query and body, and the access log on allowed case/concern reads only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

describe('access', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['teacher', 'contact-teacher', 'school-leader', 'ppt', 'auditor', 'admin', 'municipality']) {
      tokens[role] = `Bearer ${await signToken(TEST_SECRET, claimsFor([role]))}`;
    }
  });
  afterAll(async () => {
    await t.app.close();
  });
  beforeEach(() => {
    t.accessLog.records.length = 0;
  });

  const get = (path: string, role: string) => request(t.server).get(path).set('Authorization', tokens[role]);

  it('403 in the contract shape when no role of the caller holds the permission', async () => {
    const res = await get('/test/cases/case-5a', 'teacher');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Not allowed: case:read' });
  });

  it('403, not 404, for an unknown id when the caller lacks the permission (existence not leaked)', async () => {
    expect((await get('/test/cases/no-such-case', 'teacher')).status).toBe(403);
    expect((await get('/test/cases/no-such-case', 'admin')).status).toBe(403);
  });

  it('404 for an unknown id when the caller holds the permission', async () => {
    const res = await get('/test/cases/no-such-case', 'school-leader');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Unknown case: no-such-case' });
  });

  it('403 outside the caller scope, 200 inside', async () => {
    expect((await get('/test/students/st-6b/absences', 'teacher')).status).toBe(403);
    expect((await get('/test/students/st-5a/absences', 'teacher')).status).toBe(200);
    expect((await get('/test/students/st-s2/absences', 'school-leader')).status).toBe(403);
    expect((await get('/test/students/st-6b/absences', 'school-leader')).status).toBe(200);
  });

  it('ppt reads only a case referred with a valid consent in its municipality', async () => {
    expect((await get('/test/cases/case-5a', 'ppt')).status).toBe(200);
    expect((await get('/test/cases/case-6b', 'ppt')).status).toBe(403);
  });

  it('finds the resource in the query (tasks) and in the body (open case)', async () => {
    expect((await get('/test/tasks?schoolId=S1', 'school-leader')).status).toBe(200);
    expect((await get('/test/tasks?schoolId=S2', 'school-leader')).status).toBe(403);
    expect((await get('/test/tasks?schoolId=nope', 'school-leader')).status).toBe(404);
    const missing = await get('/test/tasks', 'school-leader');
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'query.schoolId', messages: ['schoolId must be a single non-empty string'] }]);

    const open = (studentId: unknown, role = 'contact-teacher') =>
      request(t.server).post('/test/cases').set('Authorization', tokens[role]).send({ studentId });
    expect((await open('st-5a')).status).toBe(201);
    expect((await open('st-6b')).status).toBe(403);
    expect((await open('st-unknown')).status).toBe(404);
    const bad = await open(42);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'studentId', messages: ['studentId must be a single non-empty string'] }]);
  });

  it('the auditor reads everything and writes nothing', async () => {
    expect((await get('/test/cases/case-6b', 'auditor')).status).toBe(200);
    expect((await get('/test/students/st-s2/absences', 'auditor')).status).toBe(200);
    const write = await request(t.server)
      .post('/test/students/st-5a/echo')
      .set('Authorization', tokens.auditor)
      .send({ note: 'x', grade: 5, participants: [{ name: 'G', role: 'guardian' }] });
    expect(write.status).toBe(403);
  });

  it('records an allowed case read and concern read in the access log, with the role acted in', async () => {
    await get('/test/cases/case-5a', 'contact-teacher');
    await get('/test/students/st-5a/concern', 'school-leader');
    expect(t.accessLog.records).toEqual([
      {
        actor: { id: 'user-contact-teacher', role: 'contact-teacher' },
        action: 'case:read',
        target: { type: 'case', id: 'case-5a' },
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
      {
        actor: { id: 'user-school-leader', role: 'school-leader' },
        action: 'concern:read',
        target: { type: 'student', id: 'st-5a' },
        at: expect.any(String),
      },
    ]);
  });

  it('records nothing for denied or unknown reads, nor for reads that are not of cases or concern', async () => {
    await get('/test/cases/case-6b', 'ppt');
    await get('/test/cases/no-such-case', 'school-leader');
    await get('/test/students/st-5a/concern', 'teacher');
    await get('/test/students/st-5a/absences', 'teacher');
    expect(t.accessLog.records).toEqual([]);
  });

  it('records the PPT case list as a listing', async () => {
    expect((await get('/test/ppt/cases', 'ppt')).status).toBe(200);
    expect(t.accessLog.records).toMatchObject([{ action: 'ppt-cases:read', target: { type: 'case-list', id: 'ppt-cases' } }]);
  });

  it('checks authentication before access: no token is 401 even for an unknown id', async () => {
    expect((await request(t.server).get('/test/cases/no-such-case')).status).toBe(401);
  });
});
