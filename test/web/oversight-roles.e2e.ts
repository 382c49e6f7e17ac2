/**
 * PPT, the municipality and the auditor in the browser (issue 21): PPT's referred cases and its
 * table in the seed's layout with the file downloaded and opened; the municipality's statistics
 * with small counts suppressed as the API does; the auditor's history with the chain's
 * verification in words, the case as of an instant, the access log and the Noark export.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { apiGet, axeViolations, launchBrowser, newPage, signIn, startWebApp, type WebApp } from './support/web-app.js';

describe('PPT, municipality and auditor in the browser', () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("PPT: the referred cases and PPT's table, downloaded as Excel in the seed's layout", async () => {
    const page = await newPage(browser);
    await signIn(page, app.base, 'Jonas Dahl – PPT-rådgiver');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'PPT' }).click();
    await page.getByRole('heading', { level: 1, name: 'PPT', exact: true }).waitFor();
    const referred = await apiGet<unknown[]>(app, 'ppt', '/ppt/cases');
    expect(referred.length).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Henviste saker' }).waitFor();
    await page.locator('table').first().getByRole('link').first().waitFor();
    expect(await page.locator('table').first().getByRole('link').count()).toBe(referred.length);

    await page.getByLabel('Sammenlign med').fill('2026-10-01');
    const table = page.locator('.ppt-table');
    await table.getByRole('rowheader', { name: 'Barneskole' }).waitFor();
    await table
      .getByText(/\d+ \(\d+\)/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual({});

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned Excel' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toMatch(/^PPTs fraværstall BSK og USK/);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      'Skolenivå',
      'Konsulterte',
      'Henviste',
      'Sum',
      'Helt borte fra skolen',
    ]);
    expect(sheet.getCell('A4').value).toBe('Barneskole');
    expect(String(sheet.getCell('B4').value)).toMatch(/^\d+ \(\d+\)$/);
    expect(String(sheet.getCell('A7').value)).toBe('I parentes er tall fra 01.10.2026');
    await page.context().close();
  });

  it("the municipality: every school's levels, small counts shown as the API suppresses them", async () => {
    const page = await newPage(browser);
    await signIn(page, app.base, 'Marte Haugen – Kommune');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Statistikk' }).click();
    const table = page.getByRole('table', { name: 'Elever etter nivå' });
    await table.getByRole('row').nth(app.demo.claims.schools.length).waitFor();
    const first = app.demo.claims.schools[0]!;
    const stats = await apiGet<{ byLevel: Record<string, number | string> }>(app, 'municipality', `/schools/${first}/statistics`);
    const cells = await table.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(1, 4)).toEqual([String(stats.byLevel.green), String(stats.byLevel.yellow), String(stats.byLevel.red)]);
    expect(await page.getByText('«<5» og «*» er skjult').count()).toBe(1);
    expect(await axeViolations(page)).toEqual({});
    await page.context().close();
  });

  it("the auditor: a case's history, its verification in words, the case as of an instant, who read it, and the Noark export", async () => {
    const page = await newPage(browser);
    await signIn(page, app.base, 'Erik Lund – Revisor');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Saker' }).click();
    await page
      .getByRole('table', { name: 'Saker' })
      .getByRole('link', { name: /^Historikk/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Historikk', exact: true }).waitFor();
    await page.getByText(/^Kjeden er hel: alle \d+ hendelser er uendret\.$/).waitFor();
    const entries = page.getByRole('heading', { name: 'Hendelser' });
    await entries.waitFor();
    await page.getByRole('cell', { name: 'Sak opprettet' }).waitFor();

    // The history was recorded when the demo loaded: before that the case did not exist, a minute from now it stands whole.
    await page.getByLabel('Tidspunkt').fill('2020-01-01T12:00');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByTestId('as-of').getByText('Saken fantes ikke ennå').waitFor();
    const soon = new Date(Date.now() + 60_000).toLocaleString('sv-SE', { timeZone: 'Europe/Oslo' }).slice(0, 16).replace(' ', 'T');
    await page.getByLabel('Tidspunkt').fill(soon);
    await page.getByRole('button', { name: 'Vis' }).click();
    await page
      .getByTestId('as-of')
      .getByText(/Versjon \d+/)
      .waitFor();

    await page.getByRole('heading', { name: 'Tilgangslogg' }).waitFor();
    await page.getByRole('cell', { name: 'dev-auditor (Revisor)' }).first().waitFor();
    expect(await axeViolations(page)).toEqual({});

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Last ned Noark 5-uttrekk' }).click(),
    ]);
    const xml = readFileSync(await file.path(), 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur"');
    expect(xml).toMatch(/<mappe[ >]/);
    await page.context().close();
  });
});
