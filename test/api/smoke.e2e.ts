import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

describe('smoke: the real app from createApp', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers /health without a token', async () => {
    const res = await request(t.server).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves a guarded route to a caller in scope', async () => {
    const token = await signToken(TEST_SECRET, claimsFor(['teacher']));
    const res = await request(t.server).get('/test/students/st-5a/absences').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ studentId: 'st-5a', absences: [] });
  });
});
