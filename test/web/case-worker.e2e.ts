/**
 * The case worker in the browser (issue 21): a case from the list, its timeline, a record form
 * that sends the page's revision as If-Match; when someone else changed the case meanwhile, the
 * page says so in words and keeps what was typed, and after a reload the same text is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { apiGet, apiPost, axeViolations, launchBrowser, newPage, signIn, startWebApp, TODAY, type WebApp } from './support/web-app.js';

describe('case worker in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    page = await newPage(browser);
    await signIn(page, app.base, 'Sofie Berg – Sosiallærer');
  }, 120_000);
  afterAll(async () => {
    await page?.screenshot({ path: `${process.env.WEB_SHOTS ?? '/tmp'}/case-worker-last.png`, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('opens a case from Saker and shows its timeline', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Saker' }).click();
    const first = page.getByRole('table', { name: 'Saker' }).getByRole('link').first();
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Sak: ${name}` }).waitFor();
    await page.getByRole('heading', { name: 'Tidslinje' }).waitFor();
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual({});
  });

  it('keeps what was typed when someone else changed the case, and saves it after a reload', async () => {
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const before = await apiGet<{ revision: number }>(app, 'school-leader', `/cases/${caseId}`);
    await page.getByText('Kontakt', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Kontakt' });
    const summary = 'Samtale med far om morgenrutiner; avtalt ny samtale om to uker.';
    await form.getByLabel('Sammendrag').fill(summary);

    // Someone else records a contact in the same case meanwhile.
    const other = await apiPost(
      app,
      'school-leader',
      `/cases/${caseId}/contacts`,
      { with: 'guardian', channel: 'phone', at: TODAY, summary: 'Rektor ringte hjem.' },
      { 'If-Match': String(before.revision) },
    );
    expect(other.status).toBe(201);

    await form.getByRole('button', { name: 'Lagre' }).click();
    await form.getByText('Noen andre har endret saken mens du skrev.', { exact: false }).waitFor();
    await expect(form.getByLabel('Sammendrag').inputValue()).resolves.toBe(summary);
    expect(await axeViolations(page)).toEqual({});

    await form.getByRole('button', { name: 'Last saken på nytt' }).click();
    await page.getByText(`Versjon ${before.revision + 1}`).waitFor();
    await expect(form.getByLabel('Sammendrag').inputValue()).resolves.toBe(summary);
    await form.getByRole('button', { name: 'Lagre' }).click();
    await form.getByText('Lagret.').waitFor();
    await page.getByText(`Versjon ${before.revision + 2}`).waitFor();
    await page.locator('.timeline').getByText(summary).waitFor();
    const after = await apiGet<{ contacts: { summary: string }[] }>(app, 'school-leader', `/cases/${caseId}`);
    expect(after.contacts.map((c) => c.summary)).toEqual(expect.arrayContaining([summary, 'Rektor ringte hjem.']));
  });

  it('records a meeting by keyboard alone: the form opens, fills and saves without a mouse', async () => {
    const active = () => page.evaluate<string>('document.activeElement ? (document.activeElement.textContent || "").trim() : ""');
    await page.getByRole('heading', { level: 1 }).focus();
    for (let i = 0; i < 120 && (await active()) !== 'Møte'; i++) await page.keyboard.press('Tab');
    expect(await active()).toBe('Møte');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Møte' });
    await form.getByLabel('Referat').waitFor();
    // From field to field with Tab (the date field's day, month and year take a Tab each).
    const tabTo = async (test: string) => {
      for (let i = 0; i < 30 && !(await page.evaluate<boolean>(test)); i++) await page.keyboard.press('Tab');
      expect(await page.evaluate<boolean>(test)).toBe(true);
    };
    await tabTo('document.activeElement?.id === "meeting-participants"');
    await page.keyboard.type('Per Olsen, contact-teacher');
    await tabTo('document.activeElement?.id === "meeting-minutes"');
    await page.keyboard.type('Nærværsmøte: avtalt oppfølging hver fredag.');
    await tabTo(
      'document.activeElement?.textContent === "Lagre" && document.activeElement.closest("form")?.getAttribute("aria-label") === "Møte"',
    );
    await page.keyboard.press('Enter');
    await form.getByText('Lagret.').waitFor();
    await page.locator('.timeline').getByText('Nærværsmøte: avtalt oppfølging hver fredag.').waitFor();
  });

  it('offers a form for every record of a case, each labelled for its fields (axe with all of them open)', async () => {
    const titles = [
      'Kontakt',
      'Møte',
      'Kartlegging',
      'Tiltak',
      'Evaluering',
      'Samtykke',
      'Henvisning',
      'Fase',
      'Tilbakeføringsplan',
      'Lukk saken',
    ];
    for (const title of titles) {
      const form = page.getByRole('form', { name: title });
      if (!(await form.isVisible())) await page.locator('summary', { hasText: new RegExp(`^${title}$`) }).click();
      await form.getByRole('button', { name: 'Lagre' }).waitFor();
    }
    await page.getByRole('form', { name: 'Tiltak' }).getByLabel('Evalueres innen').waitFor();
    await page.getByRole('form', { name: 'Kartlegging' }).getByLabel('Familie').waitFor();
    await page.getByRole('form', { name: 'Samtykke' }).getByLabel('Mottakere (kommaseparert)').waitFor();
    expect(await axeViolations(page)).toEqual({});
  });
});
