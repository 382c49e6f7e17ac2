import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { baerumPlan, vindafjordEtnePlan } from '#domain/plans/index.js';
import { AbsenceHarness } from '#testing/read-models/absence-harness.js';
import { SCHOOL_YEAR_2026, school } from '#testing/read-models/schools.fixture.js';
import { getSchool } from '../directory/directory.query.js';
import { CalendarCache } from './calendar-cache.js';
import { getConcern } from './concern.query.js';

const daysRule = vindafjordEtnePlan.rules.find((r) => r.id === 'vindafjord-days')!;

describe('getConcern', () => {
  let h: AbsenceHarness;
  beforeEach(async () => {
    h = await AbsenceHarness.start();
    await h.registerSchool(school('vindafjord', 'vindafjord-etne'));
    await h.registerSchool(school('baerum', 'baerum'));
    await h.enrol('s1', 'vindafjord', 'Kari', '8A');
    await h.enrol('b1', 'baerum', 'Ola', '9B');
  });
  afterEach(async () => {
    await h.stop();
  });

  async function concern(studentId: string, asOf: string, caseInPhase3Unresolved?: boolean) {
    await h.caughtUp();
    return getConcern(h.readers, studentId, asOf, { caseInPhase3Unresolved });
  }

  it('explains the level with rule, window, count and threshold, exactly as api.md shapes it', async () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) await h.register('s1', { date, kind: 'day' });
    expect(await concern('s1', '2026-11-23')).toEqual({ studentId: 's1', planId: 'vindafjord-etne', level: 'green', triggers: [] });

    // The fifth day is registered on 23 November for 26 October: it counts in its own month.
    await h.register('s1', { date: '2026-10-26', kind: 'day' });
    expect(await concern('s1', '2026-11-23')).toEqual({
      studentId: 's1',
      planId: 'vindafjord-etne',
      level: 'yellow',
      triggers: [
        {
          ruleId: 'vindafjord-days',
          level: 'yellow',
          description: daysRule.description,
          window: { from: '2026-10-25', to: '2026-11-23' },
          count: 5,
          threshold: 5,
          unit: 'days',
        },
      ],
    });
  });

  it('evaluates in business time: the window ends on asOf and later dates do not count', async () => {
    for (const date of ['2026-10-26', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'])
      await h.register('s1', { date, kind: 'day' });
    // 13 November: the window 15 October–13 November holds one of the five days.
    expect((await concern('s1', '2026-11-13'))?.level).toBe('green');
    // 24 November: the window 26 October–24 November still holds all five.
    expect((await concern('s1', '2026-11-24'))?.level).toBe('yellow');
    // 25 November: 26 October has left the window.
    expect((await concern('s1', '2026-11-25'))?.level).toBe('green');
  });

  it('stops counting a retracted or moved registration', async () => {
    const ids: string[] = [];
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'])
      ids.push(await h.register('s1', { date, kind: 'day' }));
    expect((await concern('s1', '2026-11-23'))?.level).toBe('yellow');
    await h.retract('s1', ids[0]!);
    expect((await concern('s1', '2026-11-23'))?.level).toBe('green');
    await h.correct('s1', ids[1]!, { kind: 'late', minutes: 10 });
    await h.register('s1', { date: '2026-11-16', kind: 'late', minutes: 5 });
    await h.register('s1', { date: '2026-11-23', kind: 'late', minutes: 5 });
    const view = await concern('s1', '2026-11-23');
    expect(view?.triggers.map((t) => [t.ruleId, t.count])).toEqual([['vindafjord-lates', 3]]);
  });

  it('shows a level raised by hand from the day it was raised', async () => {
    h.today = '2026-11-20';
    await h.raise('s1', 'red', 'long undocumented absence');
    expect((await concern('s1', '2026-11-19'))?.level).toBe('green');
    const view = await concern('s1', '2026-11-23');
    expect(view?.level).toBe('red');
    expect(view?.triggers).toEqual([
      {
        ruleId: 'manual-override',
        level: 'red',
        description: 'Raised by hand: long undocumented absence',
        window: { from: '2026-11-20', to: '2026-11-23' },
        count: 1,
        threshold: 1,
        unit: 'manual',
      },
    ]);
  });

  it('raises Bærum’s red only when the caller says a phase-3 case did not resolve', async () => {
    // 7 absence days: 7 of 21 school days in the month (33.3 %), 7 of 60 in the quarter
    // (11.7 %; the quarter holds the autumn break, which is no school days).
    for (const date of ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17']) {
      await h.register('b1', { date, kind: 'day' });
    }
    const without = await concern('b1', '2026-11-23');
    expect(without?.level).toBe('yellow');
    expect(without?.triggers).toEqual([
      expect.objectContaining({
        ruleId: 'baerum-month-percent',
        count: 33.3,
        threshold: 10,
        unit: 'percent',
        window: { from: '2026-10-25', to: '2026-11-23' },
      }),
    ]);

    const withCase = await concern('b1', '2026-11-23', true);
    expect(withCase?.level).toBe('red');
    expect(withCase?.triggers.map((t) => [t.ruleId, t.level, t.count])).toEqual([
      ['baerum-quarter-percent-phase3', 'red', 11.7],
      ['baerum-month-percent', 'yellow', 33.3],
    ]);
    expect(withCase?.triggers[0]?.description).toBe(baerumPlan.rules[1]!.description);
  });

  it('answers null for a student who is not enrolled', async () => {
    expect(await concern('nobody', '2026-11-23')).toBeNull();
  });
});

describe('CalendarCache', () => {
  it('builds a school’s calendar once per school year and again when the year changes', async () => {
    const h = await AbsenceHarness.start();
    try {
      await h.registerSchool(school('v', 'vindafjord-etne'));
      await h.caughtUp();
      const cache = new CalendarCache();
      const before = (await getSchool(h.readers.directory, 'v'))!;
      const first = cache.calendarOn(before, '2026-11-23');
      expect(cache.calendarOn(before, '2026-12-01')).toBe(first);

      await h.changeSchoolYear('v', { ...SCHOOL_YEAR_2026, breaks: [] }, 'breaks cancelled');
      await h.caughtUp();
      const after = (await getSchool(h.readers.directory, 'v'))!;
      const second = cache.calendarOn(after, '2026-11-23');
      expect(second).not.toBe(first);
      expect(first.isSchoolDay('2026-09-28')).toBe(false);
      expect(second.isSchoolDay('2026-09-28')).toBe(true);
    } finally {
      await h.stop();
    }
  });
});
