/**
 * One student's absence for the school year (up to the business-date cap), as commands for
 * the student decider. The shape follows what schools report: most students a few days, a
 * long tail (about 15 % past 20 days in a full year), a few spells of complete absence
 * lasting weeks, many single-lesson registrations and late arrivals (more in ungdomsskole),
 * and about 2 % of registrations corrected afterwards and some retracted.
 */
import { addDays, isoWeekday, toDayNumber } from '#domain/calendar/dates.js';
import type { AbsenceFieldChanges, AbsenceKind } from '#domain/events/index.js';
import type { StudentCommand } from '#domain/student/index.js';
import type { Actor } from '#event-store/event-store.port.js';
import {
  CORRECTION_REASONS,
  DAY_REASONS,
  DOCUMENTATION_NOTES,
  LATE_REASONS,
  LEFT_EARLY_REASONS,
  LESSON_REASONS,
  RETRACTION_REASONS,
  SPELL_REASONS,
  SUBJECTS,
} from './case-texts.js';
import { instantOn, type Planned } from './planned.js';
import type { Random } from './random.js';

export interface AbsencePlanInput {
  studentId: string;
  grade: number;
  /** The school days on or before the business-date cap, oldest first. */
  schoolDays: readonly string[];
  /** schoolDays.length over the year's school days: a term gets a term's share of a year's absence. */
  yearFraction: number;
  /** No record is dated after it. */
  cap: string;
  absenceId: (n: number) => string;
  staff: { contactTeacher: Actor; subjectTeacher: Actor };
}

export interface AbsencePlan {
  /** In the order they are decided: by business date, each follow-up after its registration. */
  commands: Planned<StudentCommand>[];
  /** Dates of whole-day absences that still count (not retracted), oldest first. */
  dayDates: string[];
  /** The student had a spell of complete absence lasting weeks. */
  completeAbsence: boolean;
}

type Band = 'few' | 'some' | 'many' | 'high' | 'spell';

/** Full-year day counts by band; the weights give ~15 % past 20 days ('high' + 'spell'). */
const BANDS: readonly (readonly [Band, number])[] = [
  ['few', 52],
  ['some', 26],
  ['many', 7],
  ['high', 12.5],
  ['spell', 2.5],
];
/** Students with more days also miss more single lessons and come late more often. */
const INTENSITY: Record<Band, number> = { few: 0.6, some: 1, many: 1.3, high: 1.7, spell: 1.2 };

interface Registration {
  n: number;
  date: string;
  kind: AbsenceKind;
  lessons?: number;
  subject?: string;
  minutes?: number;
  documented: boolean;
  reportedByGuardian: boolean;
  reason?: string;
  inSpell: boolean;
}

function dayTarget(r: Random, band: Band): number {
  switch (band) {
    case 'few':
      return r.int(0, 5);
    case 'some':
      return r.int(6, 14);
    case 'many':
      return r.int(15, 20);
    case 'high':
      return r.int(21, 40);
    case 'spell':
      return r.int(5, 15);
  }
}

/** Indices into schoolDays of whole-day absence: short sick spells, maybe a weekday pattern, maybe weeks away. */
function chooseDays(r: Random, band: Band, input: AbsencePlanInput): { days: Set<number>; spell: Set<number> } {
  const n = input.schoolDays.length;
  const days = new Set<number>();
  const spell = new Set<number>();
  if (n === 0) return { days, spell };
  if (band === 'spell') {
    const length = Math.min(n, Math.max(5, Math.round(r.int(15, 35) * Math.max(input.yearFraction, 0.3))));
    const start = r.int(0, n - length);
    for (let i = start; i < start + length; i++) spell.add(i);
  }
  const target = Math.min(Math.floor(n * 0.9) - spell.size, Math.round(dayTarget(r, band) * input.yearFraction));
  const weekday = target >= 4 && r.chance(0.3) ? r.pick([1, 5]) : null;
  for (let attempts = 0; days.size < target && attempts < target * 20; attempts++) {
    const start = r.int(0, n - 1);
    if (weekday !== null && r.chance(0.4)) {
      for (let i = start; i < Math.min(n, start + 7); i++) {
        if (isoWeekday(toDayNumber(input.schoolDays[i]!)) === weekday && !spell.has(i)) {
          days.add(i);
          break;
        }
      }
      continue;
    }
    const length = r.weighted([
      [1, 50],
      [2, 30],
      [3, 15],
      [4, 5],
    ] as const);
    for (let i = start; i < Math.min(n, start + length) && days.size < target; i++) if (!spell.has(i)) days.add(i);
  }
  for (const i of spell) days.add(i);
  return { days, spell };
}

const count = (r: Random, mean: number): number => Math.round(mean * (0.4 + 1.2 * r.next()));

export function planAbsences(r: Random, input: AbsencePlanInput): AbsencePlan {
  const band = r.weighted(BANDS);
  const { days, spell } = chooseDays(r, band, input);
  const older = input.grade >= 8;
  const f = input.yearFraction * INTENSITY[band];
  const registrations: Registration[] = [];
  const add = (reg: Omit<Registration, 'n'>) => registrations.push({ ...reg, n: registrations.length + 1 });

  for (const i of [...days].sort((a, b) => a - b)) {
    const inSpell = spell.has(i);
    const reported = r.chance(inSpell ? 0.6 : band === 'high' ? 0.5 : 0.7);
    const documented = r.chance(inSpell ? 0.15 : reported ? 0.55 : 0.1);
    const reason = inSpell ? r.pick(SPELL_REASONS) : reported ? r.pick(DAY_REASONS) : r.chance(0.3) ? 'Ukjent årsak' : undefined;
    add({ date: input.schoolDays[i]!, kind: 'day', documented, reportedByGuardian: reported, ...(reason ? { reason } : {}), inSpell });
  }

  // Lessons, lates and leaving early fall on days the student was at school.
  const freeDay = (): string | null => {
    for (let tries = 0; tries < 6; tries++) {
      const i = r.int(0, input.schoolDays.length - 1);
      if (!days.has(i)) return input.schoolDays[i]!;
    }
    return null;
  };
  if (input.schoolDays.length > 0) {
    for (let k = count(r, (older ? 40 : 18) * f); k > 0; k--) {
      const date = freeDay();
      if (!date) continue;
      const documented = r.chance(0.25);
      add({
        date,
        kind: 'lesson',
        lessons: r.weighted([
          [1, 55],
          [2, 30],
          [3, 10],
          [4, 5],
        ] as const),
        subject: r.pick(SUBJECTS),
        documented,
        reportedByGuardian: r.chance(0.2),
        ...(documented ? { reason: r.pick(LESSON_REASONS) } : {}),
        inSpell: false,
      });
    }
    for (let k = count(r, (older ? 18 : 12) * f); k > 0; k--) {
      const date = freeDay();
      if (!date) continue;
      add({
        date,
        kind: 'late',
        minutes: r.weighted([
          [5, 30],
          [10, 30],
          [15, 20],
          [20, 10],
          [30, 7],
          [45, 3],
        ] as const),
        documented: r.chance(0.05),
        reportedByGuardian: r.chance(0.1),
        ...(r.chance(0.3) ? { reason: r.pick(LATE_REASONS) } : {}),
        inSpell: false,
      });
    }
    for (let k = count(r, (older ? 4 : 3) * f); k > 0; k--) {
      const date = freeDay();
      if (!date) continue;
      add({
        date,
        kind: 'left-early',
        minutes: r.int(2, 12) * 15,
        documented: r.chance(0.4),
        reportedByGuardian: r.chance(0.5),
        reason: r.pick(LEFT_EARLY_REASONS),
        inSpell: false,
      });
    }
  }

  // Staff raise the level by hand for some long-absent students (plans.md: "Staff can also
  // raise a level by hand with a reason"; hemsedal-trafikklys names red "raised by hand").
  const dayList = [...days].sort((a, b) => a - b);
  const raise =
    (band === 'high' || band === 'spell') && dayList.length > 0 && r.chance(0.15)
      ? {
          level: band === 'spell' ? ('red' as const) : ('yellow' as const),
          after: input.schoolDays[dayList[Math.min(dayList.length - 1, 9)]!]!,
        }
      : null;
  return schedule(r, input, registrations, raise);
}

/** Registrations in date order, each correction, retraction or documentation a few days after its registration. */
function schedule(
  r: Random,
  input: AbsencePlanInput,
  registrations: Registration[],
  raise: { level: 'yellow' | 'red'; after: string } | null,
): AbsencePlan {
  const { studentId, staff } = input;
  const dayDates = new Set(registrations.filter((a) => a.kind === 'day').map((a) => a.date));
  // Registrations per date: a lesson corrected into a day must be the date's only one (a day is the whole day).
  const perDate = new Map<string, number>();
  for (const a of registrations) perDate.set(a.date, (perDate.get(a.date) ?? 0) + 1);
  const retracted = new Set<string>();
  const entries: { key: string; seq: number; planned: Planned<StudentCommand> }[] = [];
  const later = (date: string): string => {
    const on = addDays(date, r.int(1, 10));
    return on > input.cap ? input.cap : on;
  };
  registrations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.n - b.n));

  for (const [seq, reg] of registrations.entries()) {
    const absenceId = input.absenceId(reg.n);
    const registrar = reg.kind === 'day' ? staff.contactTeacher : staff.subjectTeacher;
    const { n: _n, inSpell: _s, ...fields } = reg;
    entries.push({
      key: reg.date,
      seq,
      planned: {
        command: { type: 'RegisterAbsence', data: { studentId, absenceId, ...fields } },
        actor: registrar,
        occurredAt: instantOn(reg.date, r, 7, 13),
      },
    });

    const x = r.next();
    const follow = (command: StudentCommand, on: string) =>
      entries.push({
        key: on,
        seq: 1_000_000 + seq,
        planned: { command, actor: staff.contactTeacher, occurredAt: instantOn(on, r, 11, 15) },
      });
    if (x < 0.005) {
      const on = later(reg.date);
      follow({ type: 'RetractAbsence', data: { studentId, absenceId, reason: r.pick(RETRACTION_REASONS), on } }, on);
      retracted.add(absenceId);
      if (reg.kind === 'day') dayDates.delete(reg.date);
    } else if (x < 0.025) {
      const change = correction(r, reg, dayDates, perDate.get(reg.date) ?? 0);
      if (!change) continue;
      const on = later(reg.date);
      follow({ type: 'CorrectAbsence', data: { studentId, absenceId, changes: change.changes, reason: change.reason, on } }, on);
    } else if (reg.kind === 'day' && !reg.documented && r.chance(0.06)) {
      const on = later(reg.date);
      follow({ type: 'ReceiveDocumentation', data: { studentId, absenceId, note: r.pick(DOCUMENTATION_NOTES), on } }, on);
    }
  }
  if (raise) {
    const on = later(raise.after);
    const reason = raise.level === 'red' ? 'Eleven har vært borte i flere uker; alvorlig fravær' : 'Mye ugyldig fravær som bekymrer skolen';
    entries.push({
      key: on,
      seq: 2_000_000,
      planned: {
        command: { type: 'RaiseConcern', data: { studentId, level: raise.level, reason, on } },
        actor: staff.contactTeacher,
        occurredAt: instantOn(on, r, 11, 15),
      },
    });
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
  return {
    commands: entries.map((e) => e.planned),
    dayDates: [...dayDates].sort(),
    completeAbsence: registrations.some((reg) => reg.inSpell),
  };
}

/** A correction that the decider accepts for this registration, or null when none fits. */
function correction(
  r: Random,
  reg: Registration,
  dayDates: Set<string>,
  onItsDate: number,
): { changes: AbsenceFieldChanges; reason: string } | null {
  const options: (readonly [() => { changes: AbsenceFieldChanges; reason: string }, number])[] = [];
  if (!reg.documented) options.push([() => ({ changes: { documented: true }, reason: CORRECTION_REASONS.documented }), 3]);
  if (!reg.reportedByGuardian)
    options.push([() => ({ changes: { reportedByGuardian: true }, reason: CORRECTION_REASONS.reportedByGuardian }), 1]);
  if (reg.kind === 'lesson') {
    options.push([() => ({ changes: { lessons: reg.lessons === 1 ? 2 : reg.lessons! - 1 }, reason: CORRECTION_REASONS.lessons }), 2]);
    if (!dayDates.has(reg.date) && onItsDate === 1) {
      options.push([
        () => {
          dayDates.add(reg.date);
          return { changes: { kind: 'day' }, reason: CORRECTION_REASONS.kind };
        },
        1,
      ]);
    }
  }
  if (reg.kind === 'late' || reg.kind === 'left-early') {
    options.push([() => ({ changes: { minutes: reg.minutes! + 5 * r.int(1, 3) }, reason: CORRECTION_REASONS.minutes }), 2]);
  }
  if (options.length === 0) return null;
  return r.weighted(options)();
}
