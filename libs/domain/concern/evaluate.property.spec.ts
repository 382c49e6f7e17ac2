/**
 * Properties of the concern engine over random school years of registrations.
 *
 * Monotonicity: for a plan whose rules only ever count more when there is more absence,
 * adding a registration never lowers the level and retracting one never raises it. That
 * holds for days, lessons, lates, the same-weekday pattern and weekend/holiday occasions
 * (counted as distinct weekends/holidays touched), and for percentages too: the denominator
 * is the school days in the window, which depend on the calendar and asOf only, never on
 * the registrations, so more absence only raises the share. It does not hold for short
 * spells (hemsedal-trafikklys): a day between two 1-day spells joins them into one 3-day
 * run, which is no short spell at all. That is the plan's own definition ("hyppig
 * korttidsfravær" is about frequent *short* absence), so Hemsedal is left out of the
 * property and the counterexample is pinned below instead.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, createSchoolCalendar, fromDayNumber, isoWeekday, toDayNumber } from '../calendar/index.js';
import {
  baerumPlan,
  bergenSmorasPlan,
  builtInPlans,
  copyPlan,
  eksempelHandlingsplanPlan,
  hemsedalTrafikklysPlan,
  vindafjordEtnePlan,
  type ConcernRule,
  type Plan,
} from '../plans/index.js';
import { evaluate, type EvaluationOptions } from './evaluate.js';
import { foldRegistrations, type AbsenceKind, type Registration, type RegistrationChange } from './registration.js';
import { windowFor } from './windows.js';

const calendar = createSchoolCalendar({
  start: '2026-08-17',
  end: '2027-06-18',
  breaks: [
    { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
    { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
    { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
  ],
});
const schoolDays = calendar.schoolDays(calendar.start, calendar.end);
const RANK = { green: 0, yellow: 1, red: 2 } as const;

/**
 * A registration `back` school days before the evaluation date (negative: after it, which
 * must not count). Registrations bunch in the 16 school weeks before asOf, where the rules look.
 */
const registrationArb = fc.record({
  back: fc.integer({ min: -5, max: 80 }),
  kind: fc.constantFrom<AbsenceKind>('day', 'day', 'day', 'lesson', 'late', 'left-early'),
  lessons: fc.integer({ min: 1, max: 6 }),
  documented: fc.boolean(),
  reportedByGuardian: fc.boolean(),
});
type RandomRegistration = typeof registrationArb extends fc.Arbitrary<infer T> ? T : never;
const yearArb = fc.array(registrationArb, { maxLength: 60, size: 'medium' });
/** asOf: a school day, or up to 3 days after one (a weekend or holiday). */
const asOfArb = fc.record({ index: fc.integer({ min: 0, max: schoolDays.length - 1 }), plus: fc.integer({ min: 0, max: 3 }) });
type AsOf = { index: number; plus: number };
const asOfDate = (a: AsOf) => addDays(schoolDays[a.index], a.plus);

const toRegistration = (r: RandomRegistration, a: AsOf): Omit<Registration, 'absenceId'> => {
  const kind = r.kind;
  return {
    date: schoolDays[Math.min(schoolDays.length - 1, Math.max(0, a.index - r.back))],
    kind,
    ...(kind === 'lesson' ? { lessons: r.lessons } : {}),
    documented: r.documented,
    reportedByGuardian: r.reportedByGuardian,
  };
};

const withIds = (regs: Omit<Registration, 'absenceId'>[]): Registration[] => regs.map((r, i) => ({ absenceId: `a${i}`, ...r }));
const generated = (regs: RandomRegistration[], a: AsOf): Registration[] => withIds(regs.map((r) => toRegistration(r, a)));

const monotonePlans: [Plan, EvaluationOptions][] = [
  [vindafjordEtnePlan, {}],
  [eksempelHandlingsplanPlan, {}],
  [bergenSmorasPlan, {}],
  [baerumPlan, {}],
  [baerumPlan, { caseInPhase3Unresolved: true }],
];

describe('evaluate: monotonicity (property)', () => {
  it.each(monotonePlans.map(([p, o]) => [`${p.id}${o.caseInPhase3Unresolved ? ' (case in phase 3)' : ''}`, p, o] as const))(
    '%s: adding a registration never lowers the level',
    (_name, plan, options) => {
      let raised = 0;
      fc.assert(
        fc.property(yearArb, registrationArb, asOfArb, (regs, extra, a) => {
          const asOf = asOfDate(a);
          const before = evaluate(generated(regs, a), plan, calendar, asOf, options).level;
          const after = evaluate(generated([...regs, extra], a), plan, calendar, asOf, options).level;
          if (after !== 'green') raised++;
          expect(RANK[after]).toBeGreaterThanOrEqual(RANK[before]);
        }),
        { numRuns: 300 },
      );
      // The property is only worth something if the random years do raise levels.
      expect(raised).toBeGreaterThan(10);
    },
  );

  it.each(monotonePlans.map(([p, o]) => [`${p.id}${o.caseInPhase3Unresolved ? ' (case in phase 3)' : ''}`, p, o] as const))(
    '%s: retracting a registration never raises the level',
    (_name, plan, options) => {
      fc.assert(
        fc.property(
          yearArb.filter((r) => r.length > 0),
          fc.nat(),
          asOfArb,
          (regs, pick, a) => {
            const asOf = asOfDate(a);
            const changes: RegistrationChange[] = generated(regs, a).map((r) => ({ type: 'registered', ...r }));
            const before = evaluate(foldRegistrations(changes), plan, calendar, asOf, options).level;
            const retraction: RegistrationChange = { type: 'retracted', absenceId: `a${pick % regs.length}`, reason: 'feil' };
            const after = evaluate(foldRegistrations([...changes, retraction]), plan, calendar, asOf, options).level;
            expect(RANK[after]).toBeLessThanOrEqual(RANK[before]);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('hemsedal-trafikklys is not monotone: one more day can join short spells into a long one', () => {
    const spells = withIds(
      ['2026-11-02', '2026-11-04', '2026-11-06'].map((date) => ({ date, kind: 'day', documented: false, reportedByGuardian: false })),
    );
    expect(evaluate(spells, hemsedalTrafikklysPlan, calendar, '2026-11-20').level).toBe('yellow');
    const joined = [...spells, { absenceId: 'x', date: '2026-11-03', kind: 'day' as const, documented: false, reportedByGuardian: false }];
    expect(evaluate(joined, hemsedalTrafikklysPlan, calendar, '2026-11-20').level).toBe('green');
  });
});

/** Counts a rule the slow way, day by day, to check the engine's binary searches and prefix sums. */
function naiveCount(rule: ConcernRule, regs: readonly Registration[], asOf: string): number {
  const w = windowFor(rule.window, calendar, asOf);
  const inWindow = (d: string) => d >= w.from && d <= w.to;
  const absentDates = new Set(regs.filter((r) => r.kind === 'day' && r.date <= asOf).map((r) => r.date));
  switch (rule.unit) {
    case 'days':
      return [...absentDates].filter(inWindow).length;
    case 'lessons':
      return regs.filter((r) => r.kind === 'lesson' && inWindow(r.date)).reduce((sum, r) => sum + (r.lessons ?? 1), 0);
    case 'lates':
      return regs.filter((r) => r.kind === 'late' && inWindow(r.date)).length;
    case 'events':
      return new Set(regs.filter((r) => r.date <= asOf && inWindow(r.date)).map((r) => r.date)).size;
    case 'percent': {
      let school = 0;
      let absent = 0;
      for (let d = w.fromDay; d <= w.toDay; d++) {
        const date = fromDayNumber(d);
        if (!calendar.isSchoolDay(date)) continue;
        school++;
        if (absentDates.has(date)) absent++;
      }
      return school === 0 ? 0 : Math.round((absent * 1000) / school) / 10;
    }
    case 'spells': {
      // Walk the school days in order, closing a run at every school day without absence.
      let count = 0;
      let run = 0;
      let last = '';
      const close = () => {
        if (run >= rule.spell!.minDays && run <= rule.spell!.maxDays && inWindow(last)) count++;
        run = 0;
      };
      for (const date of schoolDays) {
        if (date > asOf) break;
        if (absentDates.has(date)) {
          run++;
          last = date;
        } else if (run > 0) close();
      }
      if (run > 0) close();
      return count;
    }
    case 'pattern': {
      if (rule.pattern !== 'same-weekday') return Number.NaN;
      const perWeekday = new Map<number, number>();
      for (const date of absentDates) {
        if (!inWindow(date)) continue;
        const wd = isoWeekday(toDayNumber(date));
        perWeekday.set(wd, (perWeekday.get(wd) ?? 0) + 1);
      }
      return Math.max(0, ...perWeekday.values());
    }
    default:
      return Number.NaN;
  }
}

describe('evaluate: fast counts equal naive counts (property)', () => {
  // Copies with every threshold at 0 make every rule fire, so each trigger shows its count.
  const zeroed = builtInPlans.map((plan) =>
    copyPlan(plan, {
      id: `${plan.id}-zero`,
      changes: { rules: Object.fromEntries(plan.rules.map((r) => [r.id, { threshold: 0, comparison: 'at-least' as const }])) },
    }),
  );

  it.each(zeroed.map((p) => [p.id, p] as const))('%s', (_id, plan) => {
    fc.assert(
      fc.property(yearArb, asOfArb, (regs, a) => {
        const asOf = asOfDate(a);
        const registrations = generated(regs, a);
        const e = evaluate(registrations, plan, calendar, asOf, { caseInPhase3Unresolved: true });
        for (const rule of plan.rules) {
          if (rule.unit === 'manual' || (rule.unit === 'pattern' && rule.pattern !== 'same-weekday')) continue;
          const trigger = e.triggers.find((t) => t.ruleId === rule.id);
          const expected = naiveCount(rule, registrations, asOf);
          // A percentage over a window without school days does not fire at all.
          if (rule.unit === 'percent' && calendar.schoolDaysBetween(windowFor(rule.window, calendar, asOf).from, asOf) === 0) {
            expect(trigger).toBeUndefined();
            continue;
          }
          expect({ rule: rule.id, count: trigger?.count }).toEqual({ rule: rule.id, count: expected });
        }
      }),
      { numRuns: 150 },
    );
  });
});
