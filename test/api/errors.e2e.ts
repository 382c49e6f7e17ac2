/**
 * The error contract: `{ statusCode, error, message, details? }` for everything, and no
 * 500 for anything a client sends.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

const ECHO = '/test/students/st-5a/echo';
const valid = { note: 'late bus', grade: 5, participants: [{ name: 'Guardian', role: 'guardian' }] };

describe('errors', () => {
  let t: TestApp;
  let auth: string;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${await signToken(TEST_SECRET, claimsFor(['school-leader']))}`;
    auditor = `Bearer ${await signToken(TEST_SECRET, claimsFor(['auditor']))}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const post = (body: string | object, type = 'application/json') =>
    request(t.server).post(ECHO).set('Authorization', auth).set('Content-Type', type).send(body);

  it('accepts the valid body', async () => {
    expect((await post(valid)).status).toBe(201);
  });

  it('400 naming each bad field, nested ones by path', async () => {
    const res = await post({
      note: '',
      grade: 11,
      participants: [
        { name: 'A', role: 'guardian' },
        { name: 'B', role: 'boss' },
      ],
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Invalid input' });
    const fields = (res.body.details as Array<{ field: string; messages: string[] }>).map((d) => d.field);
    expect(fields.sort()).toEqual(['grade', 'note', 'participants.1.role']);
    for (const detail of res.body.details) expect(detail.messages.length).toBeGreaterThan(0);
  });

  it('400 for an unknown field (never silently dropped) and for a missing nested object', async () => {
    const res = await post({ ...valid, extra: 1, participants: [{ name: 'A' }] });
    expect(res.status).toBe(400);
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'participants.0.role']);
  });

  it('400 for wrong types, without echoing the values back', async () => {
    const res = await post({ note: 'Ola Nordmann was sick', grade: '5', participants: 'none' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('Ola Nordmann');
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(['grade', 'participants']);
  });

  it('400 for a JSON array or an empty body where an object is expected', async () => {
    expect((await post([valid])).status).toBe(400);
    expect((await request(t.server).post(ECHO).set('Authorization', auth)).status).toBe(400);
  });

  it('400 for malformed JSON, without quoting it', async () => {
    const res = await post('{"note": "Ola Nordmann", ', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Malformed JSON body' });
  });

  it('400 for a JSON primitive body', async () => {
    expect((await post('"just a string"')).status).toBe(400);
  });

  it('413 for a body over 256 kb', async () => {
    const res = await post({ ...valid, note: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'Request body too large' });
  });

  it('415 for a body that is not JSON', async () => {
    const res = await post('note=late', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    expect((await post('hello', 'text/plain')).status).toBe(415);
  });

  it('415 for an unsupported charset, not 500', async () => {
    const res = await post(JSON.stringify(valid), 'application/json; charset=latin-9000');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415 });
  });

  it('400 for bad query parameters, naming them', async () => {
    const res = await request(t.server).get('/test/schools/S1/list?from=2025-13-45&bogus=1').set('Authorization', auth);
    expect(res.status).toBe(400);
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(['bogus', 'from']);
  });

  it('400 for a query parameter given twice where one id is expected', async () => {
    const res = await request(t.server).get('/test/tasks?schoolId=S1&schoolId=S2').set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'query.schoolId', messages: ['schoolId must be a single non-empty string'] }]);
  });

  it('400 for a badly percent-encoded path parameter', async () => {
    const res = await request(t.server).get('/test/students/%E0%A4%A/absences').set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('404 in the contract shape for an unknown route', async () => {
    const res = await request(t.server).get('/no/such/route').set('Authorization', auth);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('422 with the code for a domain error (name ending in DomainError)', async () => {
    const res = await request(t.server).get('/test/errors/domain').set('Authorization', auditor);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'A referral to PPT needs a valid consent',
      details: { code: 'consent-required' },
    });
  });

  it('404 for a domain error whose code ends in -not-found (isDomainError)', async () => {
    const res = await request(t.server).get('/test/errors/not-found').set('Authorization', auditor);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No such measure',
      details: { code: 'measure-not-found' },
    });
  });

  it('409 for the store WrongExpectedRevision', async () => {
    const res = await request(t.server).get('/test/errors/revision').set('Authorization', auditor);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      details: { code: 'wrong-expected-revision', expected: 2, actual: 5 },
    });
  });

  it('500 with a generic message and an error id only, for a server fault', async () => {
    const res = await request(t.server).get('/test/errors/crash').set('Authorization', auditor);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      details: { errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(JSON.stringify(res.body)).not.toContain('Ola');
  });
});
