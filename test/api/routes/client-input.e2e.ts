/**
 * api.md "Errors": never a 500 for anything a client sends. Odd but possible requests on
 * the real routes (repeated query parameters, bodies of the wrong type, bad encodings,
 * odd ids and headers) answer a 4xx in the contract's error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { expectErrorShape, World } from './support/fixture.js';

describe('client input never causes a 500', () => {
  let w: World;
  let studentId: string;
  let caseId: string;
  beforeAll(async () => {
    w = await World.start();
    studentId = await w.student();
    caseId = await w.openCase(studentId);
  });
  afterAll(async () => {
    await w.stop();
  });

  const auth = () => `Bearer ${w.leader}`;

  it.each([
    ['a repeated asOf', () => `/students/${studentId}/concern?asOf=2026-11-20&asOf=2026-11-21`, 400],
    ['a repeated case asOf', () => `/cases/${caseId}?asOf=2026-11-20T10:00:00Z&asOf=2026-11-21T10:00:00Z`, 400],
    ['an impossible case asOf', () => `/cases/${caseId}?asOf=2026-02-30T10:00:00Z`, 400],
    ['a repeated schoolId', () => '/tasks?schoolId=smoras&schoolId=kombi', 400],
    ['a repeated status', () => '/tasks?schoolId=smoras&status=due&status=overdue', 400],
    ['a repeated from', () => '/schools/smoras/absence-list?from=2026-11-01&from=2026-11-02', 400],
    ['a repeated compareTo', () => '/municipalities/4601/ppt-statistics?compareTo=2026-10-01&compareTo=2026-10-02', 400],
    ['an impossible compareTo', () => '/municipalities/4601/ppt-statistics?compareTo=2026-02-29', 400],
    ['a repeated caseId on the access log', () => `/audit/access-log?caseId=${caseId}&caseId=x`, 400],
    ['bad percent-encoding in the path', () => '/cases/%E0%A4%A', 400],
    // An id that cannot exist: malformed (400 naming it) or, if looked up first, unknown (404).
    ['an id with a dot-dot', () => '/students/..%2F..%2Fetc/concern', [400, 404]],
    ['a very long id', () => `/cases/${'x'.repeat(300)}`, [400, 404]],
  ] as [string, () => string, number | number[]][])('GET with %s → %s', async (_what, url, status) => {
    const token = url().startsWith('/audit') || url().startsWith('/municipalities') ? w.token('auditor') : w.leader;
    const res = await w.get(url(), token);
    const allowed = Array.isArray(status) ? status : [status];
    expect(allowed).toContain(res.status);
    expectErrorShape(res, res.status);
  });

  it.each([
    ['an array body', () => `/students/${studentId}/absences`, '[1,2,3]'],
    ['a string body', () => `/students/${studentId}/absences`, '"day"'],
    ['null', () => `/students/${studentId}/absences`, 'null'],
    ['a number for a date', () => `/students/${studentId}/absences`, '{"date":20261116,"kind":"day"}'],
    [
      'an object for a text',
      () => `/cases/${caseId}/contacts`,
      '{"with":"guardian","channel":"phone","at":"2026-11-20","summary":{"$gt":""}}',
    ],
    [
      'participants as an object',
      () => `/cases/${caseId}/meetings`,
      '{"type":"other","heldAt":"2026-11-20","participants":{"name":"x"},"minutes":"m"}',
    ],
    ['domains as an array', () => `/cases/${caseId}/mappings`, '{"domains":["x"],"summary":"s"}'],
    ['a numeric studentId', () => '/cases', '{"studentId":42}'],
    [
      'an impossible instant',
      () => `/cases/${caseId}/contacts`,
      '{"with":"guardian","channel":"phone","at":"2026-02-30T10:00:00Z","summary":"s"}',
    ],
  ])('POST with %s → 400', async (_what, url, raw) => {
    const res = await request(w.server).post(url()).set('Authorization', auth()).set('Content-Type', 'application/json').send(raw);
    expectErrorShape(res, 400);
  });

  it('takes no harm from a __proto__ key: not a 500, nothing polluted, nothing stored from it', async () => {
    const raw = '{"date":"2026-11-16","kind":"day","__proto__":{"polluted":true}}';
    const res = await request(w.server)
      .post(`/students/${studentId}/absences`)
      .set('Authorization', auth())
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const events = await w.events.readStream(`student-${studentId}`);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('polluted');
  });

  it('answers a non-JSON content type with a 4xx, not a 500', async () => {
    const res = await request(w.server)
      .post(`/students/${studentId}/absences`)
      .set('Authorization', auth())
      .set('Content-Type', 'text/plain')
      .send('date=2026-11-16');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ statusCode: res.status });
  });

  it('answers a body over the limit with 413', async () => {
    const res = await request(w.server)
      .post(`/cases/${caseId}/contacts`)
      .set('Authorization', auth())
      .send({ with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'x'.repeat(300_000) });
    expectErrorShape(res, 413);
  });

  it('answers bad Idempotency-Key, If-Match and X-Min-Position headers with 400 naming the header', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'Idempotency-Key': 'ø'.repeat(3) }, 'Idempotency-Key'],
      [{ 'If-Match': '-1' }, 'If-Match'],
      [{ 'X-Min-Position': '1e3' }, 'X-Min-Position'],
    ];
    for (const [headers, field] of cases) {
      const res = await request(w.server)
        .post(`/cases/${caseId}/contacts`)
        .set('Authorization', auth())
        .set(headers)
        .send({ with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'x' });
      expectErrorShape(res, 400);
      expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it.each([
    ['a token with roles as a string', { sub: 'x', roles: 'school-leader', schools: ['smoras'] }],
    ['a token without sub', { roles: ['school-leader'], schools: ['smoras'] }],
  ])('answers %s with 401', async (_what, claims) => {
    const { signToken, TEST_SECRET } = await import('../support/tokens.js');
    const token = await signToken(TEST_SECRET, claims);
    expectErrorShape(await w.get(`/cases/${caseId}`, token), 401);
  });
});
