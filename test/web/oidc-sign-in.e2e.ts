/**
 * Signing in to the web app with OpenID Connect in the browser (issue 21), against a real
 * OpenID provider running locally (the npm package oidc-provider, OpenID-certified) that gives
 * the claims a Feide-like provider would, with the municipality's roles: the code flow with
 * PKCE, the ID token taken by the service, the person lands on the page they were going to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Provider } from 'oidc-provider';
import { createService } from '#api/service/create-service.js';
import { removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';
import { axeViolations, launchBrowser, newPage } from './support/web-app.js';

const CLIENT_ID = 'skolefravaer-web';

describe('OIDC sign-in in the browser', () => {
  let providerServer: Server;
  let app: INestApplication;
  let base: string;
  let issuer: string;

  beforeAll(async () => {
    // The service's port first: the provider must know the app's redirect URI.
    const dataDir = tempDataDir('oidc-web');
    providerServer = createServer();
    await new Promise<void>((done) => providerServer.listen(0, '127.0.0.1', done));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    app = await createService({
      env: { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_AUDIENCE: CLIENT_ID, DATA_DIR: dataDir },
      logger: false,
      shutdownHooks: false,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'none',
          redirect_uris: [`${base}/logg-inn`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // A Feide-like person: name and the municipality's roles, schools and groups as claims.
      claims: { openid: ['sub'], profile: ['name', 'roles', 'municipality', 'schools', 'groups'] },
      conformIdTokenClaims: false,
      findAccount: (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: () => ({
          sub,
          name: 'Rita Rektor',
          roles: ['school-leader'],
          municipality: '3024',
          schools: ['skole-3024-01'],
          groups: [],
        }),
      }),
      clientBasedCORS: () => true,
      pkce: { required: () => true },
    });
    providerServer.on('request', provider.callback());
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await new Promise((done) => providerServer?.close(done));
    removeTempDataDirs();
  });

  it('signs in with the code flow and PKCE, and lands where the person was going', async () => {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      const authorize: string[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${issuer}/auth`)) authorize.push(r.url());
      });
      await page.goto(`${base}/saker`);
      await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
      expect(await axeViolations(page)).toEqual({});
      await page.getByRole('button', { name: `Logg inn med 127.0.0.1:${new URL(issuer).port}` }).click();
      // The provider's own (development) login and consent pages.
      await page.locator('input[name="login"]').fill('rita');
      await page.locator('input[name="password"]').fill('any');
      await page.locator('button[type="submit"]').click();
      await page.locator('button[type="submit"]').click();
      await page.getByRole('heading', { level: 1, name: 'Saker' }).waitFor();
      await page.getByText('Logget inn som Rita Rektor (Rektor)').waitFor();
      const params = new URL(authorize[0]!).searchParams;
      expect(params.get('code_challenge_method')).toBe('S256');
      expect(params.get('response_type')).toBe('code');
      // The token lives in memory: nothing of it in the browser's storage.
      const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
      expect(stored).not.toMatch(/eyJ/);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
