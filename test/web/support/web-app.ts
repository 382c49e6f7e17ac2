/**
 * The browser tests' world: the real service (in process) on a temporary DATA_DIR holding the
 * demo municipality, serving the built web app with the dev sign-in; Chromium (Debian's
 * package, /usr/bin/chromium, or CHROMIUM_PATH) driven headless by Playwright; axe-core for
 * WCAG 2.1 AA.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createService } from '#api/service/create-service.js';
import { defaultWebDir } from '#api/web/web-app.middleware.js';
import { loadDemo, type DemoResult } from '#cli/demo/load-demo.js';

/** A Thursday, a school day, in the demo's school year. */
export const TODAY = '2026-12-03';

export interface WebApp {
  base: string;
  demo: DemoResult;
  /** A token for one of the demo people, for setting up and for writes "by someone else". */
  token(role: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the web app when `npm test` has not (a single test file run by hand). */
function ensureBuilt(): void {
  if (existsSync(join(defaultWebDir(), 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', 'apps/web', '--logLevel', 'warn'], { stdio: 'inherit' });
}

export async function startWebApp(): Promise<WebApp> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'web-'));
  const demo = await loadDemo({ settings: { dataDir, eventstoreUrl: null, mongodbUrl: null }, today: TODAY });
  const app: INestApplication = await createService({
    env: {
      AUTH_DEV: '1',
      DATA_DIR: dataDir,
      CLOCK_TODAY: TODAY,
      AUTH_DEV_MUNICIPALITY: demo.claims.municipality,
      AUTH_DEV_SCHOOLS: demo.claims.schools.join(','),
      AUTH_DEV_GROUPS: demo.claims.groups.join(','),
      AUTH_DEV_CHILDREN: (demo.claims.children ?? []).join(','),
      CONCERN_CLOCK_INTERVAL_MS: '3600000',
    },
    logger: false,
    shutdownHooks: false,
    print: () => undefined,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    demo,
    async token(role) {
      const response = await fetch(`${base}/auth/dev/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sub: `dev-${role}` }),
      });
      return ((await response.json()) as { token: string }).token;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page of its own browser context (axe-core needs one). */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  // Well inside jest's 30 s, so that a failure names the step that waited.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Signs in on the dev sign-in page with the button named "<name> – <role word>". */
export async function signIn(page: Page, base: string, button: string, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
}

/** WCAG 2.1 A and AA violations on the page as it stands (rule id: how many nodes). */
export async function axeViolations(page: Page): Promise<Record<string, number>> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return Object.fromEntries(result.violations.map((v) => [v.id, v.nodes.length]));
}

/** The service's JSON for a role, for the tests' own set-up and checks. */
export async function apiGet<T>(app: WebApp, role: string, path: string): Promise<T> {
  const response = await fetch(`${app.base}${path}`, { headers: { Authorization: `Bearer ${await app.token(role)}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function apiPost(
  app: WebApp,
  role: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${app.base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await app.token(role)}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
