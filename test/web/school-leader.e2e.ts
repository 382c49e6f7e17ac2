/**
 * The school leader in the browser (issue 21): the quarterly fraværsliste with a period preset
 * and filters, downloaded as Excel and CSV (the files opened and read back), overdue tasks by
 * who is responsible, the school's statistics, and the case list. Axe on every page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startWebApp, type WebApp } from './support/web-app.js';

describe('school leader in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    page = await newPage(browser);
    await signIn(page, app.base, 'Ingrid Solberg – Rektor');
  }, 120_000);
  afterAll(async () => {
    await page?.screenshot({ path: `${process.env.WEB_SHOTS ?? '/tmp'}/school-leader-last.png`, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it("shows the quarter's fraværsliste filtered to yellow, and downloads it as Excel and CSV with the same rows", async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Fraværsliste' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fraværsliste', exact: true }).waitFor();
    await page.getByLabel('Periode').selectOption({ label: '2026, 4. kvartal' });
    await page.getByLabel('Nivå').selectOption({ label: 'Gul' });
    const table = page.getByRole('table', { name: 'Fraværsliste' });
    await table.getByText('Gul').first().waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(await table.getByText('Grønn').count()).toBe(0);
    expect(await axeViolations(page)).toEqual({});

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned Excel' }).click()]);
    expect(excel.suggestedFilename()).toMatch(/^fravaersliste-.*-2026-10-01-2026-12-31\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await excel.path());
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Navn', 'Nivå', 'Fravær %']));
    const nameColumn = header.indexOf('Navn') + 1;
    const levelColumn = header.indexOf('Nivå') + 1;
    const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
    expect(rows.map((r) => r.getCell(nameColumn).value)).toEqual(names);
    expect(new Set(rows.map((r) => r.getCell(levelColumn).value))).toEqual(new Set(['gul']));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned CSV' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Navn;');
    expect(lines.length - 1).toBe(names.length);
  });

  it("lists tasks with the students' names, and the overdue ones by who is responsible", async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oppgaver' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oppgaver', exact: true }).waitFor();
    const byRole = page.getByRole('heading', { name: 'Over fristen, etter ansvarlig' });
    await byRole.waitFor();
    await page.getByRole('table', { name: 'Oppgaver' }).getByRole('link').first().waitFor();
    expect(await axeViolations(page)).toEqual({});
  });

  it("shows the schools' levels and the case list", async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Statistikk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistikk', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Elever etter nivå' });
    await table.getByRole('rowheader').first().waitFor();
    await expect(table.getByRole('row').count()).resolves.toBe(1 + app.demo.claims.schools.length);
    // The first school's trend week by week: a chart (an image with a summary) and its figures as a table.
    await page.getByRole('img', { name: /^Stolpediagram over fravær de siste 12 ukene/ }).waitFor();
    await expect(page.getByRole('table', { name: 'Fravær per uke' }).getByRole('row').count()).resolves.toBe(13);
    await page.getByRole('table', { name: 'Nivå etter klasse' }).getByRole('rowheader').first().waitFor();
    expect(await axeViolations(page)).toEqual({});

    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Saker' }).click();
    await page.getByRole('table', { name: 'Saker' }).getByRole('link').first().waitFor();
    expect(await axeViolations(page)).toEqual({});
  });
});
