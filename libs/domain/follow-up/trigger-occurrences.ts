/**
 * When a step's trigger happened: one occurrence per concern streak, absence spell, lesson
 * absence date, measure, or phase, as each trigger type says (see StepTrigger in plan.ts).
 */
import { dateOf, toDayNumber, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { ConcernLevel, FollowUpStep } from '../plans/index.js';
import { addDeadline } from './deadlines.js';
import type { DayAbsenceFact, FollowUpFacts, MeasureFact, MeetingFact } from './follow-up-facts.js';

export interface Occurrence {
  readonly on: IsoDate;
  /** Distinguishes occurrences of one step (a measure id, a spell's first day …). */
  readonly key: string;
  readonly measure?: MeasureFact;
  /** The meeting that triggered a meeting-held step; a later meeting fulfils it. */
  readonly meeting?: MeetingFact;
  /** When the guardians reported the absence that triggered an absence step. */
  readonly reportedOn?: IsoDate;
  /** Facts from this date on fulfil the step; `on` when absent. */
  readonly fulfilFrom?: IsoDate;
  /** The evaluation that started an evaluation-outcome step: a later one fulfils it. */
  readonly evaluatedAt?: string;
  /** The case's phase when the step arose: a later phase fulfils a phase-advanced step. */
  readonly phaseThen?: number;
}

const RANK: Record<ConcernLevel, number> = { green: 0, yellow: 1, red: 2 };

/** The date the student's level last rose to `level` or higher and has stayed there until `today`; undefined when it is lower today. */
export function levelStreakStart(facts: FollowUpFacts, level: 'yellow' | 'red', today: IsoDate): IsoDate | undefined {
  const changes = [...(facts.levelChanges ?? [])].filter((c) => c.on <= today).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let since: IsoDate | undefined;
  for (const change of changes) {
    if (RANK[change.level] >= RANK[level]) since ??= change.on;
    else since = undefined;
  }
  return since;
}

/** The date the case last entered `phase` or a later one and has stayed there; undefined when it is in an earlier one. */
export function phaseStreakStart(facts: FollowUpFacts, phase: number, today: IsoDate): IsoDate | undefined {
  const c = facts.case;
  if (!c) return undefined;
  const changes = [...(c.phaseChanges ?? [])].filter((p) => p.on <= today).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  if (changes.length === 0) {
    return c.phase !== undefined && c.phase >= phase ? (c.openedOn ?? today) : undefined;
  }
  let since: IsoDate | undefined;
  for (const change of changes) {
    if (change.phase >= phase) since ??= change.on;
    else since = undefined;
  }
  return since;
}

/** The guardians' report date of an absence, if they reported it. */
export function reportDate(a: DayAbsenceFact): IsoDate | undefined {
  if (a.reportedOn) return a.reportedOn;
  return a.reportedByGuardian ? (a.recordedOn ?? a.date) : undefined;
}

/**
 * Day absences up to `today` grouped into spells of consecutive school days (Friday and
 * Monday join; a school day without absence splits). Each spell is named by its first day,
 * whose report decides whether the spell is reported.
 */
export function absenceSpells(absences: readonly DayAbsenceFact[], calendar: SchoolCalendar, today: IsoDate): DayAbsenceFact[] {
  const byDate = new Map<IsoDate, DayAbsenceFact>();
  for (const a of absences) if (a.date <= today && !byDate.has(a.date)) byDate.set(a.date, a);
  const dates = [...byDate.keys()].sort();
  const firsts: DayAbsenceFact[] = [];
  let previous: number | undefined;
  for (const date of dates) {
    const day = toDayNumber(date);
    const joined = previous !== undefined && calendar.schoolDaysBetweenDays(previous, day) <= 2 && calendar.isSchoolDay(date);
    if (!joined) firsts.push(byDate.get(date)!);
    previous = day;
  }
  return firsts;
}

export function occurrences(step: FollowUpStep, facts: FollowUpFacts, calendar: SchoolCalendar, today: IsoDate): Occurrence[] {
  const since = step.level ? levelStreakStart(facts, step.level, today) : undefined;
  if (step.level && since === undefined) return [];
  const c = facts.case;
  switch (step.trigger) {
    case 'level-yellow':
    case 'level-red': {
      const on = levelStreakStart(facts, step.trigger === 'level-red' ? 'red' : 'yellow', today);
      return on ? [{ on, key: on }] : [];
    }
    case 'unreported-day-absence':
    case 'reported-day-absence': {
      const result: Occurrence[] = [];
      for (const first of absenceSpells(facts.dayAbsences ?? [], calendar, today)) {
        const reportedOn = reportDate(first);
        if (step.trigger === 'reported-day-absence') {
          if (reportedOn === undefined || reportedOn > first.date) continue;
          // «dag 2»: the Nth consecutive school day of absence, if the spell lasts that long.
          const nth = step.spellAtLeast ? spellDay(first.date, step.spellAtLeast, facts.dayAbsences ?? [], calendar, today) : first.date;
          if (nth !== undefined) result.push({ on: nth, key: first.date, reportedOn, fulfilFrom: first.date });
          continue;
        }
        // Unreported: not reported by the end of the guardians' time (the day itself, or the
        // grace the plan gives them); the step arises once that time has passed.
        const guardiansDeadline = step.graceBeforeTrigger ? addDeadline(calendar, first.date, step.graceBeforeTrigger) : first.date;
        if (reportedOn !== undefined && reportedOn <= guardiansDeadline) continue;
        if (step.graceBeforeTrigger && today <= guardiansDeadline) continue;
        // A call home since the absence began settles it, even if made before the task arose.
        result.push({ on: guardiansDeadline, key: first.date, reportedOn, fulfilFrom: first.date });
      }
      return result;
    }
    case 'lesson-absence': {
      const dates = new Set((facts.lessonAbsences ?? []).map((l) => l.date).filter((d) => d <= today));
      return [...dates].sort().map((on) => ({ on, key: on }));
    }
    case 'contact-home': {
      // The first conversation with the guardians since the concern arose (Bergen: the
      // meeting is «innen 1 uke etter bekymringssamtale med hjemmet»).
      const dates = (c?.contacts ?? [])
        .filter((x) => x.with === 'guardian')
        .map((x) => dateOf(x.at))
        .filter((d) => d <= today && (since === undefined || d >= since))
        .sort();
      return dates.length ? [{ on: dates[0], key: dates[0] }] : [];
    }
    case 'presence-meeting': {
      const dates = (c?.meetings ?? [])
        .filter((m) => m.type === 'presence-meeting')
        .map((m) => dateOf(m.heldAt))
        .filter((d) => d <= today && (since === undefined || d >= since))
        .sort();
      return dates.length ? [{ on: dates[0], key: dates[0] }] : [];
    }
    case 'meeting-held': {
      // The latest meeting: the next one is due a set time after the last (eksempel: «nytt
      // møte, innen tre uker etter forrige møte»).
      const meetings = (c?.meetings ?? [])
        .filter((m) => !step.meetingTypes || step.meetingTypes.includes(m.type))
        .filter((m) => dateOf(m.heldAt) <= today)
        .sort((a, b) => (a.heldAt < b.heldAt ? -1 : a.heldAt > b.heldAt ? 1 : 0));
      const last = meetings[meetings.length - 1];
      return last ? [{ on: dateOf(last.heldAt), key: last.heldAt, meeting: last }] : [];
    }
    case 'measure-agreed':
      return (c?.measures ?? []).filter((m) => m.startsOn <= today).map((m) => ({ on: m.startsOn, key: m.measureId, measure: m }));
    case 'phase-entered': {
      const on = step.phase === undefined ? undefined : phaseStreakStart(facts, step.phase, today);
      return on ? [{ on, key: `phase-${step.phase}` }] : [];
    }
    case 'evaluation-outcome': {
      const result: Occurrence[] = [];
      for (const measure of c?.measures ?? []) {
        for (const e of measure.evaluations) {
          const on = dateOf(e.at);
          if (on > today || e.outcome === undefined || !step.outcomes?.includes(e.outcome)) continue;
          result.push({ on, key: `${measure.measureId}@${e.at}`, measure, evaluatedAt: e.at, phaseThen: phaseOn(facts, on) });
        }
      }
      return result;
    }
  }
}

/** The `n`th consecutive school day of absence of the spell starting on `first`, if it lasts that long by `today`. */
function spellDay(
  first: IsoDate,
  n: number,
  absences: readonly DayAbsenceFact[],
  calendar: SchoolCalendar,
  today: IsoDate,
): IsoDate | undefined {
  const absent = new Set(absences.map((a) => a.date));
  let day = first;
  for (let i = 1; i < n; i++) {
    day = calendar.addSchoolDays(day, 1);
    if (day > today || !absent.has(day)) return undefined;
  }
  return day;
}

/** The case's phase on `date` by its phase changes (the current phase when it has none). */
function phaseOn(facts: FollowUpFacts, date: IsoDate): number | undefined {
  const c = facts.case;
  if (!c) return undefined;
  const changes = [...(c.phaseChanges ?? [])].filter((p) => p.on <= date).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return changes.at(-1)?.phase ?? (c.phaseChanges?.length ? undefined : c.phase);
}
