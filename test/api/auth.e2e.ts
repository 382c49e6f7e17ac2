/** Authentication with locally issued HS256 tokens (AUTH_JWT_SECRET), all really signed. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { claimsFor, signToken, signWithKey, TEST_SECRET, unsignedToken } from './support/tokens.js';

const ROUTE = '/test/students/st-5a/absences';
const UNAUTHORIZED = { statusCode: 401, error: 'Unauthorized' };

describe('authentication (HS256)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const get = (authorization?: string) => {
    const req = request(t.server).get(ROUTE);
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  it('accepts a valid token and answers the route', async () => {
    const res = await get(`Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']))}`);
    expect(res.status).toBe(200);
  });

  it('401 without a token, in the contract shape, with WWW-Authenticate', async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ...UNAUTHORIZED, message: 'A bearer token is required' });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['garbage', 'Bearer not-a-jwt'],
    ['an empty bearer', 'Bearer '],
  ])('401 for %s', async (_, header) => {
    const res = await get(header);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject(UNAUTHORIZED);
  });

  it('401 for a token signed with another secret', async () => {
    const token = await signToken('another-secret-that-is-also-long-enough-000000', claimsFor(['teacher']));
    const res = await get(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ...UNAUTHORIZED, message: 'The bearer token is invalid or expired' });
  });

  it('401 for an expired token (beyond the 30 s clock tolerance)', async () => {
    const expired = Math.floor(Date.now() / 1000) - 120;
    const res = await get(`Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']), { expiresIn: expired })}`);
    expect(res.status).toBe(401);
  });

  it('401 for a token without exp', async () => {
    const res = await get(`Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']), { expiresIn: null })}`);
    expect(res.status).toBe(401);
  });

  it('401 for a token not valid before a future instant', async () => {
    const notBefore = Math.floor(Date.now() / 1000) + 600;
    const res = await get(`Bearer ${await signToken(TEST_SECRET, claimsFor(['teacher']), { notBefore })}`);
    expect(res.status).toBe(401);
  });

  it('401 for alg none', async () => {
    const res = await get(`Bearer ${unsignedToken(claimsFor(['teacher']))}`);
    expect(res.status).toBe(401);
  });

  it('401 for claims of the wrong type (roles not an array)', async () => {
    const token = await signToken(TEST_SECRET, { ...claimsFor([]), roles: 'teacher' });
    expect((await get(`Bearer ${token}`)).status).toBe(401);
  });

  it('401 for a token without sub', async () => {
    const { sub: _sub, ...claims } = claimsFor(['teacher']);
    expect((await get(`Bearer ${await signToken(TEST_SECRET, claims)}`)).status).toBe(401);
  });

  it('ignores unknown roles: such a caller holds no rights (403, not 401)', async () => {
    const token = await signToken(TEST_SECRET, claimsFor(['superuser']));
    const res = await get(`Bearer ${token}`);
    expect(res.status).toBe(403);
  });

  it('refuses an RS256 token when only HS256 is configured', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const res = await get(`Bearer ${await signWithKey(privateKey, 'RS256', claimsFor(['teacher']))}`);
    expect(res.status).toBe(401);
  });
});
