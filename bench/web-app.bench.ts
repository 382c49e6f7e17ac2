/**
 * The web app on the demo data (issue 21): time from the sign-in click until the first page
 * (Oversikt) is usable, i.e. its counts of tasks and cases are shown, for a contact teacher and a
 * school leader; and the JavaScript the app sends (raw, and gzipped as a compressing proxy would
 * send it). Medians over rounds, each in a fresh browser context (nothing cached), beside the
 * issue's aims (1 s, 250 KB gzipped).
 *
 *   npm run build && npm run build:bench && node dist/bench/web-app.bench.js
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createService } from '#api/service/create-service.js';
import { defaultWebDir } from '#api/web/web-app.middleware.js';
import { loadDemo } from '#cli/demo/load-demo.js';
import { median, round } from './support.js';

const ROUNDS = Number(process.env.WEB_ROUNDS ?? 9);
const TODAY = '2026-12-03';
const dataDir = mkdtempSync(join(tmpdir(), 'web-bench-'));
const demo = await loadDemo({ settings: { dataDir, eventstoreUrl: null, mongodbUrl: null }, today: TODAY });
const app = await createService({
  env: {
    AUTH_DEV: '1',
    DATA_DIR: dataDir,
    CLOCK_TODAY: TODAY,
    AUTH_DEV_MUNICIPALITY: demo.claims.municipality,
    AUTH_DEV_SCHOOLS: demo.claims.schools.join(','),
    AUTH_DEV_GROUPS: demo.claims.groups.join(','),
    RATE_LIMIT_PER_MINUTE: '100000000',
  },
  logger: false,
  shutdownHooks: false,
  print: () => undefined,
});
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** ms from the click on the person's button until Oversikt shows its counts. */
async function signInToUsable(person: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const button = page.getByRole('button', { name: person });
  await button.waitFor();
  const started = performance.now();
  await button.click();
  await page.getByText(/\d+ med frist, \d+ over fristen/).waitFor();
  await page.getByText(/\d+ åpne saker/).waitFor();
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

try {
  const people = ['Kari Nordmann – Kontaktlærer', 'Ingrid Solberg – Rektor'];
  await signInToUsable(people[0]!); // warm the service's caches once; the browser starts cold every round
  const times: Record<string, number[]> = Object.fromEntries(people.map((p) => [p, []]));
  for (let i = 0; i < ROUNDS; i++) for (const person of people) times[person]!.push(await signInToUsable(person));

  const index = readFileSync(join(defaultWebDir(), 'index.html'), 'utf8');
  const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = scripts.map((s) => readFileSync(join(defaultWebDir(), s)));
  const raw = bytes.reduce((sum, b) => sum + b.length, 0);
  const gzipped = bytes.reduce((sum, b) => sum + gzipSync(b, { level: 6 }).length, 0);

  console.log(`\nweb app on the demo (${demo.summary.students} students), ${ROUNDS} rounds, fresh browser context each`);
  console.log('| figure | median | aim |');
  console.log('|---|---:|---:|');
  for (const person of people)
    console.log(`| sign-in click → Oversikt usable, ${person} | ${round(median(times[person]!))} ms | < 1,000 ms |`);
  console.log(`| JavaScript for the first page, gzipped (raw) | ${round(gzipped / 1024)} KiB (${round(raw / 1024)} KiB) | < 250 KB |`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
