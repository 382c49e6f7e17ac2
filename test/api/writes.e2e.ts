/** Write semantics: Idempotency-Key, X-Position, X-Min-Position, If-Match. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { executions } from './support/test-routes.module.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

const ECHO = '/test/students/st-5a/echo';
const body = { note: 'late bus', grade: 5, participants: [{ name: 'Guardian', role: 'guardian' }] };

describe('writes', () => {
  let t: TestApp;
  let auth: string;
  let otherCaller: string;
  beforeAll(async () => {
    t = await startTestApp({ MIN_POSITION_TIMEOUT_MS: '300' });
    auth = `Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']))}`;
    otherCaller = `Bearer ${await signToken(TEST_SECRET, { ...claimsFor(['teacher']), sub: 'another-teacher' })}`;
  });
  afterAll(async () => {
    await t.app.close();
  });
  beforeEach(() => {
    executions.delayMs = 0;
  });

  const echo = (key?: string, payload: object = body, authorization = auth) => {
    const req = request(t.server).post(ECHO).set('Authorization', authorization);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(payload);
  };

  describe('X-Position', () => {
    it('sends the WriteResult position as X-Position and its body as the body', async () => {
      const res = await echo();
      expect(res.status).toBe(201);
      expect(res.headers['x-position']).toBe(String(executions.position));
      expect(res.body).toMatchObject({ studentId: 'st-5a', note: 'late bus', actor: { id: 'user-teacher', role: 'teacher' } });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response (status, body, X-Position) without running the handler again', async () => {
      const before = executions.count;
      const first = await echo('key-same-body');
      const again = await echo('key-same-body', { participants: body.participants, grade: 5, note: 'late bus' });
      expect(executions.count).toBe(before + 1);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['x-position']).toBe(first.headers['x-position']);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('answers 422 for the same key with another body, running nothing', async () => {
      await echo('key-other-body');
      const before = executions.count;
      const res = await echo('key-other-body', { ...body, note: 'something else' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', details: { code: 'idempotency-key-reused' } });
      expect(executions.count).toBe(before);
    });

    it('treats the same key on another path as another request (422)', async () => {
      await echo('key-path');
      const res = await request(t.server)
        .post('/test/students/st-5a/echo?x=1')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'key-path')
        .send(body);
      expect(res.status).toBe(422);
    });

    it('scopes keys by caller: another caller with the same key runs afresh', async () => {
      const mine = await echo('key-shared');
      const theirs = await echo('key-shared', body, otherCaller);
      expect(theirs.status).toBe(201);
      expect(theirs.body.execution).not.toBe(mine.body.execution);
      expect(theirs.body.actor).toEqual({ id: 'another-teacher', role: 'teacher', name: 'Kari Nordmann' });
    });

    it('runs 20 concurrent repeats of one key once, and all get the same answer', async () => {
      executions.delayMs = 100;
      const before = executions.count;
      const answers = await Promise.all(Array.from({ length: 20 }, () => echo('key-concurrent')));
      expect(executions.count).toBe(before + 1);
      const first = answers[0];
      for (const res of answers) {
        expect(res.status).toBe(201);
        expect(res.body).toEqual(first.body);
        expect(res.headers['x-position']).toBe(first.headers['x-position']);
      }
    });

    it('frees the key when the request failed, so a corrected retry runs', async () => {
      const bad = await echo('key-after-400', { ...body, grade: 99 });
      expect(bad.status).toBe(400);
      const fixed = await echo('key-after-400', body);
      expect(fixed.status).toBe(201);
    });

    it('400 for a key that is not 1 to 255 visible characters', async () => {
      const res = await echo('x'.repeat(256));
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 visible ASCII characters'] },
      ]);
    });

    it('does not consume the key on a refused request (403)', async () => {
      const outsider = `Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher'], { groups: ['9Z'] }))}`;
      expect((await echo('key-forbidden', body, outsider)).status).toBe(403);
      expect((await echo('key-forbidden', body)).status).toBe(201);
    });
  });

  describe('X-Min-Position', () => {
    const read = (position?: string) => {
      const req = request(t.server).get('/test/students/st-5a/absences').set('Authorization', auth);
      return position === undefined ? req : req.set('X-Min-Position', position);
    };

    it.each(['-1', 'abc', '1.5', ''])('400 naming the header for %p', async (value) => {
      const res = await read(value);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, details: [{ field: 'X-Min-Position' }] });
    });

    it('answers at once when the read models are there', async () => {
      t.waiter.advanceTo(50);
      expect((await read('50')).status).toBe(200);
    });

    it('waits for the read models to reach the position', async () => {
      const pending = read('60');
      setTimeout(() => t.waiter.advanceTo(60), 100);
      expect((await pending).status).toBe(200);
    });

    it('503 in the contract shape when the position is not reached in time', async () => {
      const res = await read('1000000');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(res.headers['retry-after']).toBe('1');
    });

    it('waits before the resource lookup, so a fresh id is found rather than 404', async () => {
      setTimeout(() => {
        t.directory.addStudent({ studentId: 'st-new', schoolId: 'S1', municipalityId: '3024', group: '5A', grade: 5 });
        t.waiter.advanceTo(70);
      }, 100);
      const res = await request(t.server).get('/test/students/st-new/absences').set('Authorization', auth).set('X-Min-Position', '70');
      expect(res.status).toBe(200);
    });
  });

  describe('If-Match', () => {
    let leader: string;
    beforeAll(async () => {
      leader = `Bearer ${await signToken(TEST_SECRET, claimsFor(['school-leader']))}`;
    });
    const note = (ifMatch?: string) => {
      const req = request(t.server).post('/test/cases/case-5a/notes').set('Authorization', leader);
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send({});
    };

    it('hands the revision to the handler, quoted or not', async () => {
      expect((await note('3')).body).toEqual({ expected: 3 });
      expect((await note('"3"')).body).toEqual({ expected: 3 });
      expect((await note()).body).toEqual({ expected: null });
    });

    it('400 naming If-Match for a non-integer', async () => {
      const res = await note('three');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'If-Match', messages: ['If-Match must be a non-negative integer revision, optionally quoted'] },
      ]);
    });

    it('409 when the stream moved on', async () => {
      const res = await note('2');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, details: { code: 'wrong-expected-revision' } });
    });
  });
});
