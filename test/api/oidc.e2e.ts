/**
 * OIDC mode (AUTH_OIDC_ISSUER + AUTH_OIDC_AUDIENCE) against a real local provider:
 * discovery, JWKS, iss/aud/exp/nbf, and the algorithm-confusion attack.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { startOidcProvider, type OidcProvider } from './support/oidc-provider.js';
import { claimsFor, signToken, signWithKey, TEST_SECRET, unsignedToken } from './support/tokens.js';

const AUDIENCE = 'skolefravaer-api';
const ROUTE = '/test/students/st-5a/absences';

describe('authentication (OIDC via the issuer JWKS)', () => {
  let idp: OidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startOidcProvider();
    t = await startTestApp({ AUTH_JWT_SECRET: '', AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t.app.close();
    await idp.close();
  });

  const good = { issuer: () => idp.issuer, audience: AUDIENCE };
  const get = (token: string) => request(t.server).get(ROUTE).set('Authorization', `Bearer ${token}`);
  const rs256 = (claims = claimsFor(['teacher']), opts: Record<string, unknown> = {}) =>
    signWithKey(idp.rsa.privateKey, 'RS256', claims, { issuer: good.issuer(), audience: AUDIENCE, kid: idp.rsa.kid, ...opts });

  it('accepts RS256 and ES256 tokens from the issuer, fetching the JWKS once (cached)', async () => {
    expect((await get(await rs256())).status).toBe(200);
    const es = await signWithKey(idp.ec.privateKey, 'ES256', claimsFor(['teacher']), {
      issuer: idp.issuer,
      audience: AUDIENCE,
      kid: idp.ec.kid,
    });
    expect((await get(es)).status).toBe(200);
    expect((await get(await rs256())).status).toBe(200);
    expect(idp.jwksFetches()).toBe(1);
  });

  it('401 for another issuer', async () => {
    expect((await get(await rs256(undefined, { issuer: 'https://evil.example' }))).status).toBe(401);
  });

  it('401 for another audience', async () => {
    expect((await get(await rs256(undefined, { audience: 'another-api' }))).status).toBe(401);
  });

  it('401 for an expired token and for nbf in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await get(await rs256(undefined, { expiresIn: now - 120 }))).status).toBe(401);
    expect((await get(await rs256(undefined, { notBefore: now + 600 }))).status).toBe(401);
  });

  it('401 for alg none', async () => {
    expect((await get(unsignedToken({ ...claimsFor(['teacher']), iss: idp.issuer, aud: AUDIENCE }))).status).toBe(401);
  });

  it('401 for algorithm confusion: HS256 keyed with the RSA public key', async () => {
    const forged = await signToken(idp.rsa.publicKeyPem, claimsFor(['school-leader']), {
      issuer: idp.issuer,
      audience: AUDIENCE,
      kid: idp.rsa.kid,
    });
    const res = await get(forged);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'The bearer token is invalid or expired' });
  });

  it('401 for a key the issuer does not publish', async () => {
    const stranger = await generateKeyPair('RS256');
    const token = await signWithKey(stranger.privateKey, 'RS256', claimsFor(['teacher']), {
      issuer: idp.issuer,
      audience: AUDIENCE,
      kid: idp.rsa.kid,
    });
    expect((await get(token)).status).toBe(401);
  });

  it('refuses HS256 tokens altogether in OIDC-only mode', async () => {
    expect((await get(await signToken(TEST_SECRET, claimsFor(['teacher'])))).status).toBe(401);
  });
});

describe('authentication with both modes configured', () => {
  let idp: OidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startOidcProvider();
    t = await startTestApp({ AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t.app.close();
    await idp.close();
  });

  it('takes each token by its own algorithm family, and confusion still fails', async () => {
    const get = (token: string) => request(t.server).get(ROUTE).set('Authorization', `Bearer ${token}`);
    expect((await get(await signToken(TEST_SECRET, claimsFor(['teacher'])))).status).toBe(200);
    const rs = await signWithKey(idp.rsa.privateKey, 'RS256', claimsFor(['teacher']), {
      issuer: idp.issuer,
      audience: AUDIENCE,
    });
    expect((await get(rs)).status).toBe(200);
    const forged = await signToken(idp.rsa.publicKeyPem, claimsFor(['teacher']), { issuer: idp.issuer, audience: AUDIENCE });
    expect((await get(forged)).status).toBe(401);
  });
});

describe('authentication when the identity provider is unreachable', () => {
  it('answers 503, not 401 (the token may be fine) and not 500', async () => {
    const idp = await startOidcProvider();
    const issuer = idp.issuer;
    const token = await signWithKey(idp.rsa.privateKey, 'RS256', claimsFor(['teacher']), { issuer, audience: AUDIENCE });
    await idp.close();
    const t = await startTestApp({ AUTH_JWT_SECRET: '', AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_AUDIENCE: AUDIENCE });
    try {
      const res = await request(t.server).get(ROUTE).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    } finally {
      await t.app.close();
    }
  });
});
