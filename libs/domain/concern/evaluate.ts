/**
 * The concern engine: which of a plan's rules fire for one student on one date, and so the
 * student's concern level, always explained (plans.md, "Concern level": "The level is always
 * explained: which rule, which window, the count and the threshold").
 *
 * Pure and fast: the registrations are sorted once into day numbers (absence-index.ts) and
 * every window is counted by binary search and the calendar's prefix sums, so a school year
 * of registrations costs microseconds.
 */
import { dateOf, toDayNumber, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { ConcernLevel, ConcernRule, ConditionFlag, Plan, RuleLevel, RuleUnit } from '../plans/index.js';
import { countInRange, indexRegistrations, lessonsInRange, lowerBound, type AbsenceIndex } from './absence-index.js';
import { activeOverride, type ManualOverride } from './manual-override.js';
import { patternCount } from './patterns.js';
import type { Registration } from './registration.js';
import { countSpells } from './spells.js';
import { windowFor, type WindowRange } from './windows.js';

/** One fired rule, exactly as `GET /students/:id/concern` returns it. */
export interface ConcernTrigger {
  readonly ruleId: string;
  readonly level: RuleLevel;
  readonly description: string;
  readonly window: { readonly from: IsoDate; readonly to: IsoDate };
  /** Days, lessons, lates, spells, pattern occurrences, 1 for a manual override, or a percentage (one decimal). */
  readonly count: number;
  readonly threshold: number;
  readonly unit: RuleUnit;
}

export interface ConcernEvaluation {
  readonly level: ConcernLevel;
  /** Every rule that fired, red before yellow, then in the plan's order; a manual override last within its level. */
  readonly triggers: ConcernTrigger[];
}

/** Facts outside the registrations that a rule's condition may ask for (see ConditionFlag). */
export type EvaluationFlags = { readonly [flag in ConditionFlag]?: boolean };

export interface EvaluationOptions extends EvaluationFlags {
  /** Levels raised by hand; the one in force on asOf counts (manual-override.ts). */
  readonly overrides?: readonly ManualOverride[];
}

/** The rule id of a manual override when the plan has no 'manual' rule of that level. */
export const MANUAL_OVERRIDE_RULE_ID = 'manual-override';

const LEVEL_RANK: Record<ConcernLevel, number> = { green: 0, yellow: 1, red: 2 };

/**
 * Evaluates `plan` for one student on `asOf`.
 * @param registrations the student's registrations after corrections and retractions
 *   (see foldRegistrations); those dated after asOf are ignored.
 */
export function evaluate(
  registrations: readonly Registration[],
  plan: Plan,
  calendar: SchoolCalendar,
  asOf: IsoDate,
  options: EvaluationOptions = {},
): ConcernEvaluation {
  const asOfDay = toDayNumber(asOf);
  const index = indexRegistrations(registrations, asOfDay);
  const override = options.overrides ? activeOverride(options.overrides, asOf) : undefined;
  const triggers: { trigger: ConcernTrigger; order: number }[] = [];
  let overrideExplained = false;

  plan.rules.forEach((rule, order) => {
    if (rule.condition && options[rule.condition.flag] !== true) return;
    if (rule.unit === 'manual') {
      // A plan's manual rule (e.g. Hemsedal's red by hand) fires from an override of its level.
      if (!override || override.level !== rule.level || overrideExplained) return;
      overrideExplained = true;
      triggers.push({
        trigger: manualTrigger(rule.id, rule.level, `${rule.description} Reason: ${override.reason}`, override, asOf),
        order,
      });
      return;
    }
    const window = windowFor(rule.window, calendar, asOf, asOfDay);
    const measured = measure(rule, index, calendar, window);
    if (!measured.fires) return;
    triggers.push({
      trigger: {
        ruleId: rule.id,
        level: rule.level,
        description: rule.description,
        window: { from: window.from, to: window.to },
        count: measured.count,
        threshold: rule.threshold,
        unit: rule.unit,
      },
      order,
    });
  });

  if (override && !overrideExplained) {
    // plans.md: "Staff can also raise a level by hand with a reason" — in every plan.
    triggers.push({
      trigger: manualTrigger(MANUAL_OVERRIDE_RULE_ID, override.level, `Raised by hand: ${override.reason}`, override, asOf),
      order: plan.rules.length,
    });
  }

  triggers.sort((a, b) => LEVEL_RANK[b.trigger.level] - LEVEL_RANK[a.trigger.level] || a.order - b.order);
  let level: ConcernLevel = 'green';
  for (const { trigger } of triggers) if (LEVEL_RANK[trigger.level] > LEVEL_RANK[level]) level = trigger.level;
  return { level, triggers: triggers.map((t) => t.trigger) };
}

function manualTrigger(ruleId: string, level: RuleLevel, description: string, override: ManualOverride, asOf: IsoDate): ConcernTrigger {
  return { ruleId, level, description, window: { from: dateOf(override.at), to: asOf }, count: 1, threshold: 1, unit: 'manual' };
}

function compare(rule: ConcernRule, count: number): boolean {
  return rule.comparison === 'more-than' ? count > rule.threshold : count >= rule.threshold;
}

function measure(rule: ConcernRule, index: AbsenceIndex, calendar: SchoolCalendar, w: WindowRange): { count: number; fires: boolean } {
  switch (rule.unit) {
    case 'days': {
      // plans.md: "A window counts distinct days with a day-absence", documented or not.
      const count = countInRange(index.absentDays, w.fromDay, w.toDay);
      return { count, fires: compare(rule, count) };
    }
    case 'lessons': {
      const count = lessonsInRange(index, w.fromDay, w.toDay);
      return { count, fires: compare(rule, count) };
    }
    case 'lates': {
      const count = countInRange(index.lateDays, w.fromDay, w.toDay);
      return { count, fires: compare(rule, count) };
    }
    case 'events': {
      // A date with any absence is one event (plans.md, eksempel: "3 or more absence events").
      const count = countInRange(index.eventDays, w.fromDay, w.toDay);
      return { count, fires: compare(rule, count) };
    }
    case 'percent': {
      // plans.md: "Percentages are absence days over school days in the window." Only absence
      // on school days counts, so the share can never pass 100 %. Compared in whole numbers
      // (days × 100 against threshold × school days) so 1 of 10 days is exactly 10 %.
      const schoolDays = calendar.schoolDaysBetweenDays(w.fromDay, w.toDay);
      let absent = 0;
      for (let i = lowerBound(index.absentDays, w.fromDay); i < index.absentDays.length; i++) {
        const day = index.absentDays[i];
        if (day > w.toDay) break;
        if (calendar.nonSchoolReasonOfDay(day) === null) absent++;
      }
      if (schoolDays === 0) return { count: 0, fires: false };
      const scaled = absent * 100;
      const limit = rule.threshold * schoolDays;
      const fires = rule.comparison === 'more-than' ? scaled > limit : scaled >= limit;
      return { count: Math.round((absent * 1000) / schoolDays) / 10, fires };
    }
    case 'pattern': {
      const count = patternCount(rule.pattern ?? 'same-weekday', index.absentDays, calendar, w.fromDay, w.toDay);
      return { count, fires: compare(rule, count) };
    }
    case 'spells': {
      const spell = rule.spell ?? { minDays: 1, maxDays: Number.POSITIVE_INFINITY };
      const count = countSpells(index.absentDays, calendar, w.fromDay, w.toDay, spell.minDays, spell.maxDays);
      return { count, fires: compare(rule, count) };
    }
    case 'manual':
      return { count: 0, fires: false };
  }
}
