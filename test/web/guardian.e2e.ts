/**
 * A guardian in the browser on a phone (api.md: the guardian's row; issue 24: the guardian's pages
 * in Norwegian, phone-sized): Oversikt names the child; the child's page reports an absence as the
 * guardian's report, shows it among the registrations, gives and withdraws a consent, and downloads
 * the innsyn as a PDF that pdftotext reads; no page scrolls sideways and axe finds nothing.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { apiGet, axeViolations, launchBrowser, newPage, signIn, startWebApp, type WebApp } from './support/web-app.js';

const PHONE = { width: 360, height: 780 };

describe('a guardian in the browser, on a phone', () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("reports absence, gives and withdraws a consent, and downloads the child's innsyn", async () => {
    const [childId] = app.demo.claims.children ?? [];
    expect(childId).toBeDefined();
    const child = await apiGet<{ name: string }>(app, 'school-leader', `/students/${childId}`);
    const page = await newPage(browser, PHONE);
    await signIn(page, app.base, 'Hilde Bakken – Foresatt');
    await page.getByRole('heading', { name: 'Mine barn' }).waitFor();
    expect(await axeViolations(page)).toEqual({});
    await page.getByRole('link', { name: `Gå til ${child.name}` }).click();
    await page.getByRole('heading', { level: 1, name: child.name }).waitFor();

    await page.getByLabel('Dato').fill('2026-11-30');
    await page.getByLabel('Fravær', { exact: true }).selectOption('lesson');
    await page.getByLabel('Antall timer').fill('2');
    await page.getByLabel('Årsak').fill('Tannlege');
    await page.getByRole('button', { name: 'Send melding' }).click();
    await page.getByText('Fraværet er meldt for 30.11.2026.').waitFor();
    const registrations = await apiGet<{ registrations: { date: string; reportedByGuardian: boolean; reason?: string }[] }>(
      app,
      'school-leader',
      `/students/${childId}/absences`,
    );
    expect(registrations.registrations).toContainEqual(
      expect.objectContaining({ date: '2026-11-30', reportedByGuardian: true, reason: 'Tannlege' }),
    );
    await page.getByRole('cell', { name: '30.11.2026' }).first().waitFor();

    await page.getByLabel('Mottakere').fill('PPT Bærum');
    await page.getByRole('button', { name: 'Gi samtykke' }).click();
    await page.getByText('Samtykket er registrert som gitt av deg.').waitFor();
    await page.getByRole('button', { name: 'Trekk tilbake' }).first().click();
    await page.getByText('Samtykket er trukket tilbake.').waitFor();
    const consents = await apiGet<{ givenBy: { name: string; relation: string }; withdrawnOn?: string }[]>(
      app,
      'guardian',
      `/students/${childId}/consents`,
    );
    expect(consents).toContainEqual(
      expect.objectContaining({ givenBy: { name: 'Hilde Bakken', relation: 'guardian' }, withdrawnOn: '2026-12-03' }),
    );

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page)).toEqual({});
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned innsyn (PDF)' }).click()]);
    expect(file.suggestedFilename()).toBe(`innsyn-${childId}-2026-12-03.pdf`);
    const text = execFileSync('pdftotext', [(await file.path())!, '-'], { encoding: 'utf8' });
    expect(text).toContain('Innsyn i personopplysninger');
    expect(text).toContain(child.name);
    expect(text).toContain('Tannlege');
    await page.context().close();
  }, 60_000);
});
