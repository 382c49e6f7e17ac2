/**
 * How the API serves the web app (api.md: `GET /` serves it from the same process and port):
 * its pages and any browser navigation outside the API get index.html, API 404s stay JSON, the
 * hashed assets are cacheable and everything else is `no-store`, the Content-Security-Policy
 * admits no inline script. With only AUTH_JWT_SECRET the sign-in takes a pasted token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createService } from '#api/service/create-service.js';
import { signToken, TEST_SECRET } from '../api/support/tokens.js';
import { removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';
import { axeViolations, launchBrowser, newPage } from './support/web-app.js';

describe('the web app as the API serves it', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await createService({
      env: { AUTH_JWT_SECRET: TEST_SECRET, DATA_DIR: tempDataDir('web-serving') },
      logger: false,
      shutdownHooks: false,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    removeTempDataDirs();
  });

  it('answers its pages with index.html, whatever the client accepts, under a CSP without inline scripts', async () => {
    for (const path of [
      '/',
      '/logg-inn',
      '/klasse/5A',
      '/elev/elev-1',
      '/oppgaver',
      '/fravaersliste',
      '/saker',
      '/sak/c1',
      '/ppt',
      '/statistikk',
      '/revisjon/c1',
    ]) {
      const res = await request(app.getHttpServer()).get(path);
      expect([path, res.status, res.headers['content-type']]).toEqual([path, 200, 'text/html; charset=utf-8']);
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // No inline script in the page itself: every script comes from /assets.
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('sends a browser that navigates outside the API to the app (404), and keeps API 404s JSON', async () => {
    const page = await request(app.getHttpServer()).get('/finnes-ikke').set('Accept', 'text/html,application/xhtml+xml');
    expect([page.status, page.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    const api = await request(app.getHttpServer()).get('/finnes-ikke');
    expect([api.status, api.body.statusCode]).toEqual([404, 404]);
    const apiPath = await request(app.getHttpServer()).get('/students/x/nothing').set('Accept', 'text/html');
    expect([apiPath.status, apiPath.headers['content-type']]).toEqual([404, expect.stringMatching(/^application\/json/)]);
  });

  it('serves the hashed assets for a year, and a missing one as 404', async () => {
    const index = (await request(app.getHttpServer()).get('/')).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const res = await request(app.getHttpServer()).get(script);
    expect([res.status, res.headers['content-type']]).toEqual([200, expect.stringMatching(/javascript/)]);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    expect((await request(app.getHttpServer()).get('/assets/none.js')).status).toBe(404);
  });

  it('signs in with a pasted token when only AUTH_JWT_SECRET is set, and out again', async () => {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await page.goto(`${base}/saker`);
      await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
      expect(await page.getByRole('button', { name: /–/ }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual({});
      await page.getByLabel('Tilgangsnøkkel (JWT)').fill('not-a-token');
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.getByText(/Innloggingen ble avvist/).waitFor();
      const token = await signToken(TEST_SECRET, {
        sub: 'u-leader',
        name: 'Lise Leder',
        roles: ['school-leader'],
        municipality: '3024',
        schools: [],
        groups: [],
      });
      await page.getByLabel('Tilgangsnøkkel (JWT)').fill(token);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      // Back where the person was going.
      await page.getByRole('heading', { level: 1, name: 'Saker' }).waitFor();
      await page.getByText('Logget inn som Lise Leder (Rektor)').waitFor();
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
    } finally {
      await browser.close();
    }
  });
});
