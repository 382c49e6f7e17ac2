import { describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '../calendar/index.js';
import { baerumPlan, bergenSmorasPlan, eksempelHandlingsplanPlan, hemsedalTrafikklysPlan, vindafjordEtnePlan } from '../plans/index.js';
import { evaluate } from './evaluate.js';
import { foldRegistrations, type Registration } from './registration.js';

// 2026/27 with høstferie (week 41), juleferie and vinterferie (week 8); no påskeferie, so
// the Easter days stand as public holidays.
const breaks = [
  { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
  { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
  { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
];
const calendar = createSchoolCalendar({ start: '2026-08-17', end: '2027-06-18', breaks });

let seq = 0;
const day = (date: string, extra: Partial<Registration> = {}): Registration => ({
  absenceId: `a${++seq}`,
  date,
  kind: 'day',
  documented: false,
  reportedByGuardian: false,
  ...extra,
});
const days = (...dates: string[]) => dates.map((d) => day(d));
const lesson = (date: string, lessons: number) => day(date, { kind: 'lesson', lessons });
const late = (date: string) => day(date, { kind: 'late', minutes: 10 });
const ruleIds = (e: ReturnType<typeof evaluate>) => e.triggers.map((t) => t.ruleId);

describe('evaluate: hemsedal-trafikklys (seed 000)', () => {
  const plan = hemsedalTrafikklysPlan;
  // Runs of 3+ days, so no short spells interfere.
  const nine = days(
    '2026-09-07',
    '2026-09-08',
    '2026-09-09',
    '2026-09-10',
    '2026-09-11',
    '2026-11-02',
    '2026-11-03',
    '2026-11-04',
    '2026-11-05',
  );

  it('line 26 «f.eks. 10–15 dager»: yellow at exactly 10 days this school year, green at 9', () => {
    expect(evaluate(nine, plan, calendar, '2026-11-20')).toEqual({ level: 'green', triggers: [] });
    const ten = [...nine, day('2026-11-06')];
    expect(evaluate(ten, plan, calendar, '2026-11-20')).toEqual({
      level: 'yellow',
      triggers: [
        {
          ruleId: 'hemsedal-yellow-days',
          level: 'yellow',
          description: plan.rules[0].description,
          window: { from: '2026-08-17', to: '2026-11-20' },
          count: 10,
          threshold: 10,
          unit: 'days',
        },
      ],
    });
  });

  it('counts documented and undocumented days alike', () => {
    const mixed = [...nine.map((r, i) => ({ ...r, documented: i % 2 === 0 })), day('2026-11-06', { documented: true })];
    expect(evaluate(mixed, plan, calendar, '2026-11-20').level).toBe('yellow');
  });

  it('line 40 «over 20-30 dager»: 20 days stay yellow, 21 are red', () => {
    const twenty = days(
      ...['07', '08', '09', '10', '11', '21', '22', '23', '24', '25'].map((d) => `2026-09-${d}`),
      ...['12', '13', '14', '15', '16'].map((d) => `2026-10-${d}`),
      ...['02', '03', '04', '05', '06'].map((d) => `2026-11-${d}`),
    );
    expect(evaluate(twenty, plan, calendar, '2026-11-20').level).toBe('yellow');
    const e = evaluate([...twenty, day('2026-11-09')], plan, calendar, '2026-11-20');
    expect(e.level).toBe('red');
    expect(ruleIds(e)).toEqual(['hemsedal-red-days', 'hemsedal-yellow-days']);
    expect(e.triggers[0]).toMatchObject({ count: 21, threshold: 20, unit: 'days' });
  });

  it('line 28 «hyppig korttidsfravær»: 3 separate spells of 1–2 days within a month are yellow', () => {
    const spells = days('2026-11-02', '2026-11-04', '2026-11-05', '2026-11-10');
    const e = evaluate(spells, plan, calendar, '2026-11-20');
    expect(e.level).toBe('yellow');
    expect(e.triggers).toEqual([
      expect.objectContaining({
        ruleId: 'hemsedal-yellow-short-spells',
        count: 3,
        threshold: 3,
        unit: 'spells',
        window: { from: '2026-10-22', to: '2026-11-20' },
      }),
    ]);
    expect(evaluate(days('2026-11-02', '2026-11-04', '2026-11-05'), plan, calendar, '2026-11-20').level).toBe('green');
  });

  it('a run of 3 school days is not a short spell; Friday and Monday are one spell', () => {
    expect(evaluate(days('2026-11-02', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-10'), plan, calendar, '2026-11-20').level).toBe(
      'green',
    );
    // 6 Nov is a Friday, 9 Nov the Monday after: one spell of two days.
    expect(evaluate(days('2026-11-02', '2026-11-06', '2026-11-09'), plan, calendar, '2026-11-20').level).toBe('green');
    expect(evaluate(days('2026-11-02', '2026-11-06', '2026-11-09', '2026-11-12'), plan, calendar, '2026-11-20').level).toBe('yellow');
  });

  it('spells roll out of the month: the first spell drops 30 days later', () => {
    const spells = days('2026-11-02', '2026-11-04', '2026-11-05', '2026-11-10');
    expect(evaluate(spells, plan, calendar, '2026-12-01').level).toBe('yellow'); // window from 2 Nov
    expect(evaluate(spells, plan, calendar, '2026-12-02').level).toBe('green'); // window from 3 Nov
  });

  it("line 40 «ubegrunnet fravær som gir bekymring»: red raised by hand is the plan's manual rule", () => {
    const e = evaluate([], plan, calendar, '2026-11-20', {
      overrides: [{ level: 'red', reason: 'bekymring for helse', at: '2026-11-16T10:00:00Z' }],
    });
    expect(e.level).toBe('red');
    expect(e.triggers).toEqual([
      {
        ruleId: 'hemsedal-red-manual',
        level: 'red',
        description: `${plan.rules[3].description} Reason: bekymring for helse`,
        window: { from: '2026-11-16', to: '2026-11-20' },
        count: 1,
        threshold: 1,
        unit: 'manual',
      },
    ]);
  });
});

describe('evaluate: vindafjord-etne (seed 001 lines 6–7)', () => {
  const plan = vindafjordEtnePlan;
  const five = [
    day('2026-10-19', { documented: true }),
    ...days('2026-10-20', '2026-10-21'),
    day('2026-10-22', { documented: true }),
    day('2026-10-23'),
  ];

  it('«5 dagar fråvær (både gyldig og ugyldig)»: 5 days in a month, valid or not, are yellow; 4 are green', () => {
    expect(evaluate(five, plan, calendar, '2026-11-06')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'vindafjord-days', count: 5, threshold: 5, window: { from: '2026-10-08', to: '2026-11-06' } }],
    });
    expect(evaluate(five.slice(1), plan, calendar, '2026-11-06').level).toBe('green');
  });

  it('the month rolls: the first day drops out after 30 days', () => {
    expect(evaluate(five, plan, calendar, '2026-11-17').level).toBe('yellow'); // window 19 Oct – 17 Nov
    expect(evaluate(five, plan, calendar, '2026-11-18').level).toBe('green'); // window 20 Oct – 18 Nov
  });

  it('«5 enkelttimar på ein månad»: lessons are summed per lesson', () => {
    expect(evaluate([lesson('2026-11-02', 2), lesson('2026-11-09', 3)], plan, calendar, '2026-11-20')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'vindafjord-lessons', count: 5, unit: 'lessons' }],
    });
    expect(evaluate([lesson('2026-11-02', 2), lesson('2026-11-09', 2)], plan, calendar, '2026-11-20').level).toBe('green');
  });

  it('never mixes days and lessons: 4 days and 4 lessons are green', () => {
    const regs = [...days('2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'), lesson('2026-11-09', 4)];
    expect(evaluate(regs, plan, calendar, '2026-11-20').level).toBe('green');
  });

  it('«og/eller 3 forseintkomingar»: 3 lates are yellow, 2 green', () => {
    const lates = [late('2026-11-02'), late('2026-11-03'), late('2026-11-03')];
    expect(evaluate(lates, plan, calendar, '2026-11-20')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'vindafjord-lates', count: 3 }],
    });
    expect(evaluate(lates.slice(1), plan, calendar, '2026-11-20').level).toBe('green');
  });

  it('does not count registrations dated after asOf', () => {
    expect(evaluate([...five.slice(1), day('2026-11-09')], plan, calendar, '2026-11-06').level).toBe('green');
  });

  it('counts a day once even when it is registered twice', () => {
    expect(evaluate([...five.slice(1), day('2026-10-23')], plan, calendar, '2026-11-06').level).toBe('green');
  });

  it('follows corrections and retractions', () => {
    const changes = five.map((r) => ({ type: 'registered' as const, ...r }));
    expect(evaluate(foldRegistrations(changes), plan, calendar, '2026-11-06').level).toBe('yellow');
    const retracted = foldRegistrations([...changes, { type: 'retracted', absenceId: five[0].absenceId, reason: 'feilregistrert' }]);
    expect(evaluate(retracted, plan, calendar, '2026-11-06').level).toBe('green');
    // Corrected to a date before the window: drops out as well.
    const moved = foldRegistrations([...changes, { type: 'corrected', absenceId: five[0].absenceId, date: '2026-09-01' }]);
    expect(evaluate(moved, plan, calendar, '2026-11-06').level).toBe('green');
    // Corrected from a single lesson into a whole day: now it counts as a day.
    const asLesson = foldRegistrations([
      ...changes.slice(1),
      { type: 'registered', absenceId: 'x', date: '2026-10-26', kind: 'lesson', lessons: 1 },
    ]);
    expect(evaluate(asLesson, plan, calendar, '2026-11-06').level).toBe('green');
    const asDay = foldRegistrations([
      ...changes.slice(1),
      { type: 'registered', absenceId: 'x', date: '2026-10-26', kind: 'lesson', lessons: 1 },
      { type: 'corrected', absenceId: 'x', kind: 'day' },
    ]);
    expect(evaluate(asDay, plan, calendar, '2026-11-06').level).toBe('yellow');
  });
});

describe('evaluate: eksempel-handlingsplan (seed 002 line 11)', () => {
  it('«Gjentagende fraværsmønster eller økende fravær»: 3 absence days in a month are yellow, 2 green', () => {
    const plan = eksempelHandlingsplanPlan;
    const three = days('2026-11-02', '2026-11-11', '2026-11-19');
    expect(evaluate(three, plan, calendar, '2026-11-20')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'eksempel-repeated-absence', count: 3, threshold: 3, unit: 'events' }],
    });
    expect(evaluate(three.slice(1), plan, calendar, '2026-11-20').level).toBe('green');
    expect(evaluate(three, plan, calendar, '2026-12-02').level).toBe('green'); // 2 Nov has rolled out
  });

  it('plans.md: "3 or more absence events" count any absence once per date: a day, single lessons, a late arrival', () => {
    const mixed: Registration[] = [
      { absenceId: 'd', date: '2026-11-02', kind: 'day', documented: false, reportedByGuardian: false },
      { absenceId: 'l', date: '2026-11-11', kind: 'lesson', lessons: 2, documented: false, reportedByGuardian: false },
      { absenceId: 't1', date: '2026-11-19', kind: 'late', minutes: 10, documented: false, reportedByGuardian: false },
      { absenceId: 't2', date: '2026-11-19', kind: 'late', minutes: 5, documented: false, reportedByGuardian: false },
    ];
    expect(evaluate(mixed, eksempelHandlingsplanPlan, calendar, '2026-11-20').triggers).toEqual([
      expect.objectContaining({ ruleId: 'eksempel-repeated-absence', count: 3, unit: 'events' }),
    ]);
    expect(evaluate(mixed.slice(1), eksempelHandlingsplanPlan, calendar, '2026-11-20').level).toBe('green');
  });
});

describe('evaluate: bergen-smoras (seed 003 line 49) «Dette gjelder også forsentkomming»', () => {
  it('3 late arrivals in a month are yellow, as 3 days are', () => {
    const lates = (...dates: string[]): Registration[] =>
      dates.map((date, i) => ({ absenceId: `t${i}`, date, kind: 'late', minutes: 10, documented: false, reportedByGuardian: false }));
    expect(evaluate(lates('2026-11-03', '2026-11-11', '2026-11-19'), bergenSmorasPlan, calendar, '2026-11-20').triggers).toEqual([
      expect.objectContaining({ ruleId: 'bergen-month-lates', count: 3, threshold: 3, unit: 'lates' }),
    ]);
    expect(evaluate(lates('2026-11-11', '2026-11-19'), bergenSmorasPlan, calendar, '2026-11-20').level).toBe('green');
  });
});

describe('evaluate: bergen-smoras (seed 003 lines 19–21)', () => {
  const plan = bergenSmorasPlan;

  it('«3 dager eller mer borte pr. måned»: 3 days yellow, 2 green', () => {
    const e = evaluate(days('2026-11-03', '2026-11-11', '2026-11-19'), plan, calendar, '2026-11-20');
    expect(e.level).toBe('yellow');
    expect(ruleIds(e)).toEqual(['bergen-month-days']);
    expect(evaluate(days('2026-11-03', '2026-11-11'), plan, calendar, '2026-11-20').level).toBe('green');
  });

  it('«10 dager pr. kvartal (3 mnd)»: 10 days in the last 91 days fire, 9 do not', () => {
    // Tuesday to Thursday runs, so no weekend is touched; 91 days back from 20 Nov is 22 Aug.
    const nine = days(
      '2026-08-25',
      '2026-08-26',
      '2026-08-27',
      '2026-09-15',
      '2026-09-16',
      '2026-09-17',
      '2026-10-13',
      '2026-10-14',
      '2026-10-15',
    );
    expect(ruleIds(evaluate(nine, plan, calendar, '2026-11-20'))).toEqual([]);
    const e = evaluate([...nine, day('2026-11-18')], plan, calendar, '2026-11-20');
    expect(e.triggers).toEqual([
      expect.objectContaining({
        ruleId: 'bergen-quarter-days',
        count: 10,
        threshold: 10,
        window: { from: '2026-08-22', to: '2026-11-20' },
      }),
    ]);
    // Rolling: by 24 Nov the 25 Aug day has left the quarter.
    expect(ruleIds(evaluate([...nine, day('2026-11-18')], plan, calendar, '2026-11-24'))).toEqual([]);
  });

  it('«Fravær med tydelige mønster»: the same weekday 3 times within 8 weeks', () => {
    const wednesdays = days('2026-09-30', '2026-10-21', '2026-11-11');
    expect(evaluate(wednesdays, plan, calendar, '2026-11-20')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'bergen-pattern-weekday', count: 3, unit: 'pattern', window: { from: '2026-09-26', to: '2026-11-20' } }],
    });
    expect(evaluate(wednesdays.slice(1), plan, calendar, '2026-11-20').level).toBe('green');
    // Eight weeks later the first Wednesday is out of the window.
    expect(evaluate(wednesdays, plan, calendar, '2026-11-25').level).toBe('green');
  });

  it('«Fravær med tydelige mønster»: absence touching a weekend or holiday on 3 occasions', () => {
    // Wed before Kristi himmelfart, Tue after 2. pinsedag, a Friday before a weekend.
    const touching = days('2027-04-16', '2027-05-05', '2027-05-18');
    expect(evaluate(touching, plan, calendar, '2027-05-20')).toMatchObject({
      level: 'yellow',
      triggers: [{ ruleId: 'bergen-pattern-weekend-holiday', count: 3, threshold: 3 }],
    });
    expect(evaluate(touching.slice(1), plan, calendar, '2027-05-20').level).toBe('green');
  });

  it('absence on the Friday and the Monday around one weekend is one occasion', () => {
    const e = evaluate(days('2026-10-16', '2026-10-30', '2026-11-02'), plan, calendar, '2026-11-20');
    expect(e.level).toBe('green');
  });
});

describe('evaluate: baerum (seed 004 lines 20–22)', () => {
  const plan = baerumPlan;

  it('yellow at exactly 10 % of the school days in a month; the break and holidays leave the denominator', () => {
    // 31 Dec – 29 Jan: juleferie and 1 January leave 20 school days.
    expect(calendar.schoolDaysBetween('2026-12-31', '2027-01-29')).toBe(20);
    expect(evaluate(days('2027-01-12', '2027-01-26'), plan, calendar, '2027-01-29')).toMatchObject({
      level: 'yellow',
      triggers: [
        { ruleId: 'baerum-month-percent', count: 10, threshold: 10, unit: 'percent', window: { from: '2026-12-31', to: '2027-01-29' } },
      ],
    });
    expect(evaluate(days('2027-01-12'), plan, calendar, '2027-01-29').level).toBe('green');
  });

  it('counts the winter break out of the denominator', () => {
    // 4 Feb – 5 Mar holds 17 school days with vinterferie, 22 without.
    const twoDays = days('2027-02-10', '2027-03-03');
    expect(evaluate(twoDays, plan, calendar, '2027-03-05')).toMatchObject({ level: 'yellow', triggers: [{ count: 11.8 }] });
    const noBreak = createSchoolCalendar({ start: '2026-08-17', end: '2027-06-18', breaks: breaks.slice(0, 2) });
    expect(evaluate(twoDays, plan, noBreak, '2027-03-05').level).toBe('green');
  });

  it('counts the Easter holidays out of the denominator', () => {
    expect(calendar.schoolDaysBetween('2027-03-11', '2027-04-09')).toBe(19);
    expect(evaluate(days('2027-03-15', '2027-04-06'), plan, calendar, '2027-04-09')).toMatchObject({ triggers: [{ count: 10.5 }] });
  });

  it('red at 10 % in a quarter only with a case in phase 3 or later that did not resolve', () => {
    const regs = days('2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10');
    // 22 Aug – 20 Nov: 60 school days (høstferie out); 7 of them is 11.7 %.
    expect(calendar.schoolDaysBetween('2026-08-22', '2026-11-20')).toBe(60);
    expect(evaluate(regs, plan, calendar, '2026-11-20').level).toBe('yellow');
    expect(evaluate(regs, plan, calendar, '2026-11-20', { caseInPhase3Unresolved: false }).level).toBe('yellow');
    const red = evaluate(regs, plan, calendar, '2026-11-20', { caseInPhase3Unresolved: true });
    expect(red.level).toBe('red');
    expect(red.triggers.map((t) => [t.ruleId, t.count])).toEqual([
      ['baerum-quarter-percent-phase3', 11.7],
      ['baerum-month-percent', 31.8],
    ]);
    // 5 of 60 days is 8.3 %: below the quarter's threshold even with the case.
    expect(evaluate(regs.slice(0, 5), plan, calendar, '2026-11-20', { caseInPhase3Unresolved: true }).level).toBe('yellow');
  });

  it('a window without school days is green, not a division by zero', () => {
    expect(evaluate(days('2026-06-15'), plan, calendar, '2026-08-01')).toEqual({ level: 'green', triggers: [] });
  });
});

describe('evaluate: levels raised by hand', () => {
  const override = { level: 'yellow' as const, reason: 'ugyldig fravær som bekymrer', at: '2026-11-10T08:00:00Z' };

  it('raise the level with a reason in any plan', () => {
    const e = evaluate([], bergenSmorasPlan, calendar, '2026-11-20', { overrides: [override] });
    expect(e).toEqual({
      level: 'yellow',
      triggers: [
        {
          ruleId: 'manual-override',
          level: 'yellow',
          description: 'Raised by hand: ugyldig fravær som bekymrer',
          window: { from: '2026-11-10', to: '2026-11-20' },
          count: 1,
          threshold: 1,
          unit: 'manual',
        },
      ],
    });
  });

  it('count until withdrawn or superseded, and never before they were raised', () => {
    expect(evaluate([], bergenSmorasPlan, calendar, '2026-11-09', { overrides: [override] }).level).toBe('green');
    expect(evaluate([], bergenSmorasPlan, calendar, '2026-11-20', { overrides: [{ ...override, withdrawn: '2026-11-15' }] }).level).toBe(
      'green',
    );
    const red = { level: 'red' as const, reason: 'alvorlig', at: '2026-11-12' };
    expect(evaluate([], bergenSmorasPlan, calendar, '2026-11-20', { overrides: [override, red] }).level).toBe('red');
  });

  it('never lower a level the rules raise', () => {
    const e = evaluate(days('2026-11-03', '2026-11-11', '2026-11-19'), bergenSmorasPlan, calendar, '2026-11-20', { overrides: [override] });
    expect(e.level).toBe('yellow');
    expect(ruleIds(e)).toEqual(['bergen-month-days', 'manual-override']);
  });
});
