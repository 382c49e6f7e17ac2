/**
 * Attacks on authentication and access against the whole service (createService, real stores
 * and read models), in HS256+OIDC mode against a local OIDC provider on 127.0.0.1, and in
 * OIDC-only mode. Each attack is refused (401 or 403), and no refused request leaves an event
 * (not even an access-log entry).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { startOidcProvider, type OidcProvider } from '../api/support/oidc-provider.js';
import { signToken, signWithKey, unsignedToken } from '../api/support/tokens.js';
import { call, seedSchool, TEST_SECRET, tokenFor, type Reply } from './support/http.js';
import { startInProcess, type InProcessService } from './support/in-process.js';
import { readAllEvents } from './support/store-checks.js';

const AUDIENCE = 'skolefravaer-api';
const now = () => Math.floor(Date.now() / 1000);

describe('security: forged tokens, escalated claims, other schools and municipalities', () => {
  let idp: OidcProvider;
  let svc: InProcessService;
  let oidcOnly: InProcessService;
  let attacker: { server: Server; url: string; key: CryptoKey };
  const ids = {
    caseA: '',
    caseB: '',
    caseP: '',
    consentP: '',
  };
  let leaderA: string;
  let refusals = 0;

  /** Every request here must be refused with `status` and append nothing. */
  async function refused(status: 401 | 403, method: string, path: string, token: string | null, body?: unknown, on = svc): Promise<Reply> {
    const before = (await readAllEvents(on.dataDir)).length;
    refusals += 1;
    const res = await call(on.baseUrl, method, path, { token: token ?? undefined, body });
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(res.body).toMatchObject({ statusCode: status });
    expect((await readAllEvents(on.dataDir)).length).toBe(before);
    return res;
  }
  const hs = (claims: JWTPayload, opts = {}) => signToken(TEST_SECRET, claims, { expiresIn: '1h', ...opts });
  const rs = (claims: JWTPayload, opts: Record<string, unknown> = {}) =>
    signWithKey(idp.rsa.privateKey, 'RS256', claims, { issuer: idp.issuer, audience: AUDIENCE, kid: idp.rsa.kid, ...opts });
  const auditorClaims = { sub: 'auditor-x', roles: ['auditor'], municipality: '3024', schools: [], groups: [] };

  beforeAll(async () => {
    idp = await startOidcProvider();
    const key = await generateKeyPair('RS256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(key.publicKey)), kid: idp.rsa.kid, alg: 'RS256', use: 'sig' }] };
    const server = createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify(jwks)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    attacker = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, key: key.privateKey };

    svc = await startInProcess({ AUTH_JWT_SECRET: TEST_SECRET, AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE });
    oidcOnly = await startInProcess({ AUTH_JWT_SECRET: '', AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE });

    // Schools SA and SB in 3024, SY in 4611; a case in each of SA and SB; a PPT case in SA.
    const a = await seedSchool(svc.baseUrl, { schoolId: 'SA', studentCount: 2, caseCount: 1 });
    const b = await seedSchool(svc.baseUrl, { schoolId: 'SB', studentCount: 1, caseCount: 1 });
    await seedSchool(svc.baseUrl, { schoolId: 'SY', studentCount: 1, caseCount: 0, municipality: '4611' });
    leaderA = a.tokens.leader;
    ids.caseA = a.caseIds[0]!;
    ids.caseB = b.caseIds[0]!;
    const opened = await call(svc.baseUrl, 'POST', '/cases', { token: leaderA, body: { studentId: 'SA-elev-1' } });
    ids.caseP = opened.body.caseId;
    const consent = await call(svc.baseUrl, 'POST', `/cases/${ids.caseP}/consents`, {
      token: leaderA,
      body: { purpose: 'ppt', recipients: ['PPT 3024'], givenBy: { name: 'Kari', relation: 'guardian' }, givenAt: '2026-11-20' },
    });
    ids.consentP = consent.body.consentId;
    const referral = await call(svc.baseUrl, 'POST', `/cases/${ids.caseP}/referrals`, {
      token: leaderA,
      body: { to: 'ppt', kind: 'consultation', at: '2026-11-20', note: 'Drøfting' },
    });
    expect([opened.status, consent.status, referral.status]).toEqual([201, 201, 201]);
  }, 60_000);

  afterAll(async () => {
    console.log(`security summary ${JSON.stringify({ refusedRequests: refusals })}`);
    await svc?.close();
    await oidcOnly?.close();
    await idp?.close();
    attacker?.server.closeAllConnections();
    await new Promise((r) => attacker?.server.close(r));
  });

  const caseRead = () => `/cases/${ids.caseA}`;

  it('control: the genuine tokens of both families are accepted', async () => {
    const leader = { sub: 'leader-SA', roles: ['school-leader'], municipality: '3024', schools: ['SA'], groups: [] };
    expect((await call(svc.baseUrl, 'GET', caseRead(), { token: await hs(leader) })).status).toBe(200);
    expect((await call(svc.baseUrl, 'GET', caseRead(), { token: await rs(leader) })).status).toBe(200);
  });

  describe('tokens', () => {
    it('badly signed: another secret', async () => {
      await refused(401, 'GET', caseRead(), await signToken('another-secret-another-secret-another-secret!', auditorClaims));
    });

    it('tampered: payload changed under a valid signature', async () => {
      const genuine = await hs({ sub: 'teacher-x', roles: ['teacher'], schools: ['SA'], groups: ['5A'] });
      const [header, , signature] = genuine.split('.');
      const payload = Buffer.from(JSON.stringify({ ...auditorClaims, exp: now() + 3600 })).toString('base64url');
      await refused(401, 'GET', caseRead(), `${header}.${payload}.${signature}`);
    });

    it('expired (beyond the 30 s clock tolerance), HS256 and RS256', async () => {
      await refused(401, 'GET', caseRead(), await hs(auditorClaims, { expiresIn: now() - 120 }));
      await refused(401, 'GET', caseRead(), await rs(auditorClaims, { expiresIn: now() - 120 }));
    });

    it('without exp at all', async () => {
      await refused(401, 'GET', caseRead(), await hs(auditorClaims, { expiresIn: null }));
    });

    it('not yet valid (nbf in the future), HS256 and RS256', async () => {
      await refused(401, 'GET', caseRead(), await hs(auditorClaims, { notBefore: now() + 600 }));
      await refused(401, 'GET', caseRead(), await rs(auditorClaims, { notBefore: now() + 600 }));
    });

    it('OIDC: wrong audience, wrong issuer, no audience', async () => {
      await refused(401, 'GET', caseRead(), await rs(auditorClaims, { audience: 'another-api' }));
      await refused(401, 'GET', caseRead(), await rs(auditorClaims, { issuer: 'https://evil.example' }));
      await refused(401, 'GET', caseRead(), await rs(auditorClaims, { issuer: `${idp.issuer}/` }));
      await refused(
        401,
        'GET',
        caseRead(),
        await signWithKey(idp.rsa.privateKey, 'RS256', auditorClaims, { issuer: idp.issuer, kid: idp.rsa.kid }),
      );
    });

    it('OIDC: a key the issuer does not publish, also when the token points at its own JWKS (jku/x5u)', async () => {
      const forged = await new SignJWT(auditorClaims)
        .setProtectedHeader({ alg: 'RS256', kid: idp.rsa.kid, jku: attacker.url, x5u: attacker.url } as never)
        .setIssuer(idp.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(attacker.key);
      await refused(401, 'GET', caseRead(), forged);
      await refused(401, 'GET', caseRead(), forged, undefined, oidcOnly);
    });

    it('alg none, with and without issuer and audience', async () => {
      await refused(401, 'GET', caseRead(), unsignedToken(auditorClaims));
      await refused(401, 'GET', caseRead(), unsignedToken({ ...auditorClaims, iss: idp.issuer, aud: AUDIENCE }));
      // `alg: none` with a signature part appended, and the header spelled in other cases.
      for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
        const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
        const payload = Buffer.from(JSON.stringify({ ...auditorClaims, exp: now() + 3600 })).toString('base64url');
        await refused(401, 'GET', caseRead(), `${header}.${payload}.`);
        await refused(401, 'GET', caseRead(), `${header}.${payload}.c2ln`);
      }
    });

    it("HS/RS confusion: HS256 keyed with the issuer's RSA public key, in both modes", async () => {
      const forged = await signToken(idp.rsa.publicKeyPem, auditorClaims, { issuer: idp.issuer, audience: AUDIENCE, kid: idp.rsa.kid });
      await refused(401, 'GET', caseRead(), forged);
      await refused(401, 'GET', caseRead(), forged, undefined, oidcOnly);
      // And the JWK form of that public key as the HMAC secret.
      const jwkSecret = JSON.stringify(await exportJWK((await import('node:crypto')).createPublicKey(idp.rsa.publicKeyPem)));
      await refused(
        401,
        'GET',
        caseRead(),
        await signToken(jwkSecret, auditorClaims, { issuer: idp.issuer, audience: AUDIENCE }),
        undefined,
        oidcOnly,
      );
    });

    it('HS256 where only OIDC is configured, even with the right secret', async () => {
      await refused(401, 'GET', caseRead(), await hs(auditorClaims), undefined, oidcOnly);
    });

    it('malformed: not a JWT, a JWS of four parts, a bearer with junk', async () => {
      for (const token of ['abc', 'a.b', 'a.b.c.d', 'eyJhbGciOiJIUzI1NiJ9..', `${await hs(auditorClaims)}x`]) {
        await refused(401, 'GET', caseRead(), token);
      }
      await refused(401, 'GET', caseRead(), null);
    });
  });

  describe('role escalation through claims', () => {
    const asRoles = (roles: unknown, extra: JWTPayload = {}) =>
      hs({ sub: 'escalator', municipality: '3024', schools: ['SA'], groups: ['5A'], roles, ...extra } as JWTPayload);

    it("roles: ['teacher', 'auditor '] (padded), 'Auditor', 'AUDITOR': no auditor rights", async () => {
      for (const roles of [
        ['teacher', 'auditor '],
        ['teacher', ' auditor'],
        ['Auditor'],
        ['AUDITOR'],
        ['auditor\u200B'],
        ['аuditor' /* Cyrillic а */],
      ]) {
        const token = await asRoles(roles);
        await refused(403, 'GET', '/audit/access-log', token);
        await refused(403, 'GET', `/cases/${ids.caseB}`, token);
      }
    });

    it('roles as a string, nested arrays or an object: the token is refused', async () => {
      for (const roles of ['auditor', 'teacher,auditor', [['auditor']], { 0: 'auditor', length: 1 }, [null, 'auditor'], [1]]) {
        await refused(401, 'GET', '/audit/access-log', await asRoles(roles));
      }
    });

    it('unknown roles give nothing', async () => {
      for (const roles of [['superuser'], ['root', 'system'], ['admin*'], ['*'], ['__proto__'], ['constructor'], ['system:concern-saga']]) {
        const token = await asRoles(roles);
        await refused(403, 'GET', '/audit/access-log', token);
        await refused(403, 'GET', caseRead(), token);
        await refused(403, 'POST', '/students/SA-elev-0/absences', token, { date: '2026-11-16', kind: 'day' });
      }
    });

    it('admin may set up but read no case, history, concern, registrations, list or statistics', async () => {
      const admin = await tokenFor(['admin'], { sub: 'admin-x', schools: ['SA'], groups: ['5A'] });
      for (const path of [
        caseRead(),
        `${caseRead()}/history`,
        `${caseRead()}/history/verify`,
        `${caseRead()}/export/noark`,
        '/students/SA-elev-0/concern',
        '/students/SA-elev-0/absences',
        '/schools/SA/absence-list',
        '/schools/SA/statistics',
        '/audit/access-log',
        '/ppt/cases',
      ]) {
        await refused(403, 'GET', path, admin);
      }
      await refused(403, 'POST', `/cases/${ids.caseA}/contacts`, admin, {
        with: 'guardian',
        channel: 'phone',
        at: '2026-11-20',
        summary: 'x',
      });
    });

    it('the auditor writes nothing', async () => {
      const auditor = await hs(auditorClaims);
      await refused(403, 'POST', `/cases/${ids.caseA}/contacts`, auditor, {
        with: 'guardian',
        channel: 'phone',
        at: '2026-11-20',
        summary: 'x',
      });
      await refused(403, 'POST', '/students/SA-elev-0/absences', auditor, { date: '2026-11-16', kind: 'day' });
      await refused(403, 'POST', '/schools', auditor, {
        id: 'X',
        name: 'X',
        municipalityId: '3024',
        level: 'barneskole',
        planId: 'baerum',
        schoolYear: { start: '2026-08-17', end: '2027-06-18' },
      });
    });

    it('scope claims of the wrong type are refused; wildcards grant nothing', async () => {
      await refused(401, 'GET', '/schools/SA/absence-list', await tokenFor(['school-leader'], { schools: 'SA' }));
      await refused(401, 'GET', '/schools/SA/absence-list', await tokenFor(['school-leader'], { schools: [['SA']] }));
      await refused(401, 'GET', '/municipalities/3024/ppt-statistics', await tokenFor(['municipality'], { municipality: ['3024'] }));
      await refused(403, 'GET', '/schools/SA/absence-list', await tokenFor(['school-leader'], { schools: ['*'] }));
      await refused(403, 'GET', '/schools/SA/absence-list', await tokenFor(['school-leader'], { schools: ['sa'] }));
      await refused(403, 'POST', '/students/SA-elev-0/absences', await tokenFor(['teacher'], { schools: ['SA'], groups: ['*'] }), {
        date: '2026-11-16',
        kind: 'day',
      });
      await refused(401, 'GET', caseRead(), await hs({ roles: ['auditor'] })); // no sub
    });
  });

  describe('ids from another school or municipality', () => {
    it('a teacher of school A registers for a student of school B (same group name): 403', async () => {
      const teacherA = await tokenFor(['teacher'], { sub: 'teacher-SA', schools: ['SA'], groups: ['5A'] });
      await refused(403, 'POST', '/students/SB-elev-0/absences', teacherA, { date: '2026-11-16', kind: 'day' });
      await refused(403, 'GET', '/students/SB-elev-0/absences', teacherA);
      await refused(403, 'POST', '/students/SY-elev-0/absences', teacherA, { date: '2026-11-16', kind: 'day' });
      // Control: the teacher's own student.
      expect(
        (
          await call(svc.baseUrl, 'POST', '/students/SA-elev-0/absences', {
            token: teacherA,
            body: { date: '2026-11-16', kind: 'late', minutes: 5 },
          })
        ).status,
      ).toBe(201);
    });

    it("a leader of school A reads B's list, statistics, students and cases: 403", async () => {
      for (const path of [
        '/schools/SB/absence-list',
        '/schools/SB/statistics',
        '/students/SB-elev-0/concern',
        `/cases/${ids.caseB}`,
        `/cases/${ids.caseB}/history`,
        '/tasks?schoolId=SB',
        '/schools/SY/statistics',
      ]) {
        await refused(403, 'GET', path, leaderA);
      }
      await refused(403, 'POST', `/cases/${ids.caseB}/contacts`, leaderA, {
        with: 'guardian',
        channel: 'phone',
        at: '2026-11-20',
        summary: 'x',
      });
      await refused(403, 'POST', '/cases', leaderA, { studentId: 'SB-elev-0' });
    });

    it("the municipality role of 3024 reads 4611's statistics: 403", async () => {
      const municipality = await tokenFor(['municipality'], { sub: 'kommune-3024', municipality: '3024', schools: [], groups: [] });
      await refused(403, 'GET', '/municipalities/4611/ppt-statistics', municipality);
      await refused(403, 'GET', '/schools/SY/statistics', municipality);
      await refused(403, 'GET', `/cases/${ids.caseA}`, municipality);
      expect((await call(svc.baseUrl, 'GET', '/municipalities/3024/ppt-statistics', { token: municipality })).status).toBe(200);
      // A municipality number sent as a JSON number is the same municipality, no more.
      const numeric = await tokenFor(['municipality'], { sub: 'kommune-num', municipality: 3024, schools: [], groups: [] });
      await refused(403, 'GET', '/municipalities/4611/ppt-statistics', numeric);
    });

    it('PPT of another municipality reads the consented case: 403', async () => {
      const pptY = await tokenFor(['ppt'], { sub: 'ppt-4611', municipality: '4611', schools: [], groups: [] });
      await refused(403, 'GET', `/cases/${ids.caseP}`, pptY);
    });
  });

  it('PPT reads a consulted case while the consent is valid, and gets 403 once it is withdrawn', async () => {
    const ppt = await tokenFor(['ppt'], { sub: 'ppt-3024', municipality: '3024', schools: [], groups: [] });
    expect((await call(svc.baseUrl, 'GET', `/cases/${ids.caseP}`, { token: ppt })).status).toBe(200);
    await refused(403, 'GET', `/cases/${ids.caseA}`, ppt); // never referred to PPT
    await refused(403, 'GET', `/cases/${ids.caseP}/history`, ppt);
    const withdrawn = await call(svc.baseUrl, 'POST', `/cases/${ids.caseP}/consents/${ids.consentP}/withdrawal`, {
      token: leaderA,
      body: { at: '2026-11-21' },
    });
    expect(withdrawn.status).toBe(201);
    const position = withdrawn.headers.get('x-position')!;
    // Once the read models have the withdrawal, the case is closed to PPT, and gone from its list.
    const before = (await readAllEvents(svc.dataDir)).length;
    const res = await call(svc.baseUrl, 'GET', `/cases/${ids.caseP}`, { token: ppt, headers: { 'x-min-position': position } });
    expect(res.status).toBe(403);
    expect((await readAllEvents(svc.dataDir)).length).toBe(before);
    const list = await call(svc.baseUrl, 'GET', '/ppt/cases', { token: ppt, headers: { 'x-min-position': position } });
    expect(list.status).toBe(200);
    expect((list.body as { caseId: string }[]).map((c) => c.caseId)).not.toContain(ids.caseP);
  });
});
