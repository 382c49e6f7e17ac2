/**
 * The contact teacher's morning in the browser (issue 21): the class with levels, the roll call
 * on one screen saved in one request, the student who turns yellow because of it, the student's
 * page explaining the level, and a contact home recorded without a case. Axe on every page; the
 * class page at 360 px wide and by keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { apiGet, apiPost, axeViolations, launchBrowser, newPage, signIn, startWebApp, TODAY, type WebApp } from './support/web-app.js';

interface Row {
  studentId: string;
  name: string;
  group: string;
  days: number;
  level: string;
}

/**
 * Weekdays from 31 days before TODAY backwards (the service refuses holidays and breaks; those
 * are skipped): older than the 30-day window of Hemsedal's short-spell rule, so the given
 * absence moves only the day count.
 */
function weekdaysLongBefore(today: string, count: number): string[] {
  const out: string[] = [];
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 31);
  while (out.length < count) {
    d.setUTCDate(d.getUTCDate() - 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('contact teacher in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let schoolId: string;
  let pick: Row;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    page = await newPage(browser);
    // 5A at the first school (Hemsedal's plan: yellow at 10 absence days this school year).
    schoolId = app.demo.claims.groups.find((g) => g.endsWith('/5A'))!.split('/')[0]!;
    const list = await apiGet<Row[]>(app, 'school-leader', `/schools/${schoolId}/absence-list?period=2026-27&group=5A&level=green`);
    // The green student with the most days and nothing registered today (one registration a day when a whole day is absent).
    let taken = new Set<string>();
    for (const candidate of list.sort((a, b) => b.days - a.days)) {
      const registered = await apiGet<{ registrations: { date: string }[] }>(
        app,
        'school-leader',
        `/students/${candidate.studentId}/absences`,
      );
      taken = new Set(registered.registrations.map((r) => r.date));
      pick = candidate;
      if (!taken.has(TODAY)) break;
    }
    expect(taken.has(TODAY)).toBe(false);
    // Given: the student one day short of yellow by day count.
    let days = pick.days;
    for (const date of weekdaysLongBefore(TODAY, 60).filter((d) => !taken.has(d))) {
      if (days >= 9) break;
      const response = await apiPost(app, 'school-leader', `/students/${pick.studentId}/absences`, { date, kind: 'day' });
      if (response.status === 201) days += 1;
    }
    expect(days).toBe(9);
  }, 120_000);

  afterAll(async () => {
    await page?.screenshot({ path: `${process.env.WEB_SHOTS ?? '/tmp'}/contact-teacher-last.png`, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('signs in with the dev button named by name and role word, and lands on Oversikt', async () => {
    await signIn(page, app.base, 'Kari Nordmann – Kontaktlærer');
    await page.getByRole('heading', { level: 1, name: 'Oversikt', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual({});
  });

  it("takes the morning's roll call in one request, and the student turns yellow", async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Min klasse 5A' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min klasse', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: pick.name });
    await row.getByText('Grønn').waitFor();
    expect(await axeViolations(page)).toEqual({});

    const rollCalls: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') rollCalls.push(new URL(r.url()).pathname);
    });
    // By keyboard: focus the student's select and choose "Hele dagen".
    const select = page.getByLabel(`Fravær: ${pick.name}`);
    await select.focus();
    await select.selectOption({ label: 'Hele dagen' });
    await page.getByRole('button', { name: 'Lagre fravær' }).click();
    await page.locator('.ds-alert, .ds-validation-message').first().waitFor();
    // What the teacher reads: the confirmation and nothing else (a refusal would show here, in words).
    await expect(page.locator('.ds-alert, .ds-validation-message').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Lagret: 1 fravær for 3\.12\.2026/),
    ]);
    expect(rollCalls).toEqual([`/schools/${schoolId}/groups/5A/roll-calls`]);
    // The concern saga judges the new day a moment after it is stored; the page looks again by itself.
    await row.getByText('Gul').waitFor({ timeout: 20_000 });
  }, 60_000);

  it("explains the level on the student's page and records a contact home without a case", async () => {
    await page.getByRole('link', { name: pick.name }).click();
    await page.getByRole('heading', { level: 1, name: pick.name, exact: true }).waitFor();
    const why = page.getByRole('table', { name: 'Hvorfor' });
    // The rule that made the student yellow, with its window, count and threshold.
    await why.getByText('Gul').first().waitFor();
    expect(await why.getByRole('row').count()).toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'Fravær per uke' }).waitFor();
    expect(await axeViolations(page)).toEqual({});

    await page.getByLabel('Sammendrag').fill('Ringte mor: eleven har vært syk, kommer i morgen.');
    await page.getByRole('button', { name: 'Lagre kontakt' }).click();
    await page.getByText('Kontakten er registrert.').waitFor();
    const cases = await apiGet<unknown[]>(app, 'school-leader', `/cases?studentId=${pick.studentId}`);
    expect(cases).toEqual([]);
  });

  it('switches to nynorsk: navigation, headings and the page language follow', async () => {
    await page.getByLabel('Språk').selectOption('nn');
    await page.getByRole('navigation', { name: 'Hovudmeny' }).getByRole('link', { name: 'Mi klasse 5A' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mi klasse', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Lagre fråvær' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('nn');
    // Dates as Norwegians write them, in nynorsk too (Chromium has no nynorsk locale data of its own).
    await page.getByRole('navigation', { name: 'Hovudmeny' }).getByRole('link', { name: 'Oppgåver' }).click();
    await page
      .getByRole('table', { name: 'Oppgåver' })
      .getByRole('cell', { name: /^\d{1,2}\.\d{1,2}\.\d{4}$/ })
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual({});
    await page.getByLabel('Språk').selectOption('nb');
  });

  it('holds at 360 px wide: the class page scrolls down, not sideways', async () => {
    const phone = await newPage(browser, { width: 360, height: 740 });
    await signIn(phone, app.base, 'Kari Nordmann – Kontaktlærer', '/klasse/5A');
    await phone.getByRole('button', { name: 'Lagre fravær' }).waitFor();
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(360);
    expect(await axeViolations(phone)).toEqual({});
    await phone.close();
  });

  it('takes the roll call by keyboard alone, with the focus visible, and holds at 200 % zoom', async () => {
    // 200 % zoom of a 1280-wide window is 640 CSS pixels.
    const zoomed = await newPage(browser, { width: 640, height: 450 });
    await signIn(zoomed, app.base, 'Kari Nordmann – Kontaktlærer', '/klasse/5A');
    await zoomed.getByRole('button', { name: 'Lagre fravær' }).waitFor();
    expect(await zoomed.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(640);
    // Someone with nothing registered today, other than the student marked earlier.
    const roster = await apiGet<{ studentId: string; name: string }[]>(app, 'school-leader', `/schools/${schoolId}/students?group=5A`);
    let target: { studentId: string; name: string } | undefined;
    for (const s of roster.filter((r) => r.studentId !== pick.studentId)) {
      const { registrations } = await apiGet<{ registrations: { date: string }[] }>(
        app,
        'school-leader',
        `/students/${s.studentId}/absences`,
      );
      if (!registrations.some((r) => r.date === TODAY)) {
        target = s;
        break;
      }
    }
    expect(target).toBeDefined();
    const active = () => zoomed.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
    for (let i = 0; i < 80 && (await active()) !== `mark-${target!.studentId}`; i++) await zoomed.keyboard.press('Tab');
    expect(await active()).toBe(`mark-${target!.studentId}`);
    const focusRing = await zoomed.evaluate<string>(
      '(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.boxShadow; })()',
    );
    expect(focusRing).not.toBe('none none');
    await zoomed.keyboard.press('ArrowDown');
    await expect(zoomed.getByLabel(`Fravær: ${target!.name}`).inputValue()).resolves.toBe('day');
    for (let i = 0; i < 80 && !(await zoomed.evaluate<boolean>('document.activeElement?.textContent === "Lagre fravær"')); i++)
      await zoomed.keyboard.press('Tab');
    await zoomed.keyboard.press('Enter');
    await zoomed.getByText(/^Lagret: 1 fravær/).waitFor();
    expect(await axeViolations(zoomed)).toEqual({});
    await zoomed.close();
  });
});
