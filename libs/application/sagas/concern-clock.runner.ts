/**
 * The concern clock (issue 18; api.md, Absence: "Levels follow the service's business date every
 * school day without any new registration, across restarts and with several instances").
 *
 * Once per business date it judges every student whose level time alone can move (someone with
 * registrations, a level raised by hand, or a level above green) on each school day since the
 * last day it judged, and records each change as ConcernLevelChanged with cause `time`. The
 * change's id is derived from the student and the day, so a second instance, a crash and a
 * re-run append nothing twice (the store's id idempotency). The days judged are kept as a
 * checkpoint (a day number): a service that was down catches up on the days it missed.
 *
 * A first start judges from today: the concern saga's catch-up has judged every student's
 * registrations as of today, and a past the service never ran has no days to catch up on.
 */
import { setImmediate as turn } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { addDays, fromDayNumber, toDayNumber } from '#domain/calendar/index.js';
import { changesOverDays, evaluate, type EvaluationFlags } from '#domain/concern/index.js';
import { overridesOf, registrationsOf, type ConcernInputState } from '#domain/concern/concern-inputs.js';
import { studentStream } from '#domain/events/stream-name.js';
import type { ConcernLevel } from '#domain/events/index.js';
import { studentDecider, type EnrolledStudent } from '#domain/student/index.js';
import type { Plan } from '#domain/plans/index.js';
import type { SchoolCalendar } from '#domain/calendar/index.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import type { Clock } from '../clock.js';
import type { SchoolContexts } from '../school-contexts.js';
import type { StreamWriter } from '../write/stream-writer.js';

export const CONCERN_CLOCK_CHECKPOINT = 'concern-clock';
const CLOCK_ACTOR = { id: 'system:concern-clock', role: 'system' };
/** The v5 UUID of 'urn:skolefravaer:concern-clock' in the URL namespace. */
const CONCERN_CLOCK_NAMESPACE = '0d4b5a4e-3a49-5d5c-9d0e-6b7c6f3a1c11';

/** The id of the change time brings `studentId` on `day`: the same on every instance and every run. */
export function timeChangeEventId(studentId: string, day: string): string {
  return nameBasedUuid(`concern-time:${studentId}:${day}`, CONCERN_CLOCK_NAMESPACE);
}

/** A student as a read model folds the stream, with the evaluation date of the last recorded change. */
export type ClockStudent = Pick<EnrolledStudent, 'studentId' | 'schoolId' | 'manualRaises' | 'concernLevel'> &
  Pick<ConcernInputState, 'absences'> & { readonly concernAsOf: string | null };

export interface ConcernClockOptions {
  documents: DocumentStore;
  writer: StreamWriter;
  schools: SchoolContexts;
  clock: Clock;
  /** Every school id. */
  schoolIds: () => Promise<readonly string[]>;
  /** The school's enrolled students as a read model has folded them. */
  studentsOf: (schoolId: string) => Promise<readonly ClockStudent[]>;
  /** Facts a plan's rule reads (Bærum's case in phase 3) as they stand on `day`. Default: none. */
  flagsOn?: (studentId: string, day: string) => Promise<EvaluationFlags>;
  /**
   * Whether the read models and the concern saga have caught up with the log (waiting a little);
   * a sweep on read models that lag would skip students they do not know yet, so it waits for the
   * next tick instead. Default: always caught up.
   */
  caughtUp?: () => Promise<boolean>;
  /** How often the clock looks whether the business date moved on (ms); default a minute. */
  intervalMs?: number;
}

export interface SweepResult {
  /** The days judged (first and last), or null when there was nothing to judge. */
  days: { from: string; to: string } | null;
  changes: number;
}

export class ConcernClockRunner {
  private readonly logger = new Logger('ConcernClock');
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepResult>;
  private stopping = false;

  constructor(private readonly options: ConcernClockOptions) {}

  async start(): Promise<void> {
    if (!hasJudged(await this.options.documents.getCheckpoint(CONCERN_CLOCK_CHECKPOINT)))
      await this.saveCheckpoint(this.options.clock.today());
    // Not awaited: the first sweep waits for the read models and the saga to catch up, which on a
    // large store takes a while, and the service must answer /health meanwhile.
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    // A sweep over days missed can take minutes; shutting down must not wait for it. It stops
    // between students without saving the days as judged: the next start judges them again, and
    // the changes' ids keep what was already recorded from being recorded twice.
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      // Logged by name only; the next tick tries again (the days judged are only saved when done).
      this.logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'concern clock sweep failed');
    }
  }

  /** Judges every day after the checkpoint up to today; one sweep at a time. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const today = this.options.clock.today();
    const checkpoint = await this.options.documents.getCheckpoint(CONCERN_CLOCK_CHECKPOINT);
    const first = hasJudged(checkpoint) ? fromDayNumber(checkpoint + 1) : today;
    if (first > today) return { days: null, changes: 0 };
    if (this.options.caughtUp && !(await this.options.caughtUp())) return { days: null, changes: 0 };
    let changes = 0;
    let judged = 0;
    for (const schoolId of await this.options.schoolIds()) {
      const school = await this.options.schools.get(schoolId);
      if (!school) continue;
      for (const student of await this.options.studentsOf(schoolId)) {
        if (this.stopping) return { days: null, changes };
        // Judging is CPU only for most students: let requests in between, not after a whole municipality.
        if (++judged % 100 === 0) await turn();
        changes += await this.judge(student, school.plan, school.calendar, first, today);
      }
    }
    await this.saveCheckpoint(today);
    if (changes > 0) this.logger.log({ from: first, to: today, changes }, 'concern levels moved with time');
    return { days: { from: first, to: today }, changes };
  }

  /** Records the changes the days from `first` to `today` bring the student; how many. */
  private async judge(student: ClockStudent, plan: Plan, calendar: SchoolCalendar, first: string, today: string): Promise<number> {
    // Time alone cannot move a student with nothing that counts and nothing raised by hand.
    const registrations = registrationsOf(student);
    if (registrations.length === 0 && student.manualRaises.length === 0 && student.concernLevel === 'green') return 0;
    const since = student.concernAsOf !== null && addDays(student.concernAsOf, 1) > first ? addDays(student.concernAsOf, 1) : first;
    const days = schoolDays(calendar, since, today);
    if (days.length === 0) return 0;
    const flagsOn = this.options.flagsOn;
    const flags = new Map<string, EvaluationFlags>();
    if (flagsOn && plan.rules.some((r) => r.condition !== undefined)) {
      for (const day of days) flags.set(day, await flagsOn(student.studentId, day));
    }
    const overrides = overridesOf(student);
    const judgedFrom = (recorded: ConcernLevel) =>
      changesOverDays(recorded, days, (day) => evaluate(registrations, plan, calendar, day, { ...flags.get(day), overrides }));
    if (judgedFrom(student.concernLevel).length === 0) return 0;
    return this.record(student.studentId, plan, calendar, days, flags);
  }

  /** Judges again on the stream itself (the read model may lag) and appends each change, with its day's id. */
  private async record(
    studentId: string,
    plan: Plan,
    calendar: SchoolCalendar,
    days: readonly string[],
    flags: ReadonlyMap<string, EvaluationFlags>,
  ): Promise<number> {
    const stream = studentStream(studentId);
    let loaded = await this.options.writer.load(stream, studentDecider);
    if (loaded.state.status !== 'enrolled') return 0;
    const state = loaded.state;
    const asOf = state.levelAsOf;
    const todo = asOf === undefined ? days : days.filter((d) => d > asOf);
    const registrations = registrationsOf(state);
    const overrides = overridesOf(state);
    const changes = changesOverDays(state.concernLevel, todo, (day) =>
      evaluate(registrations, plan, calendar, day, { ...flags.get(day), overrides }),
    );
    for (const change of changes) {
      const outcome = await this.options.writer.execute(
        stream,
        studentDecider,
        {
          type: 'RecordConcernLevelChange',
          data: { studentId, level: change.to, triggers: change.triggers, asOf: change.on, cause: 'time' },
        },
        { today: change.on, isSchoolDay: (d) => calendar.isSchoolDay(d) },
        { actor: CLOCK_ACTOR, eventIds: [timeChangeEventId(studentId, change.on)] },
        loaded,
      );
      loaded = { state: outcome.state, revision: outcome.revision, position: outcome.position };
    }
    return changes.length;
  }

  private saveCheckpoint(day: string): Promise<void> {
    return this.options.documents.commit({
      writes: [],
      checkpoints: [{ projection: CONCERN_CLOCK_CHECKPOINT, position: toDayNumber(day) }],
    });
  }
}

/**
 * Whether a day was ever judged: the store answers 0 for a checkpoint it never stored, and day 0
 * (1 January 1970) is no business date. Read as a day, a start on a log with a past (a restored
 * log, a rebuilt read-model store) would judge every school day since 1970 and record time's
 * changes for a past the service never ran.
 */
function hasJudged(checkpoint: number): boolean {
  return checkpoint > 0;
}

function schoolDays(calendar: SchoolCalendar, from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (calendar.isSchoolDay(day)) days.push(day);
  return days;
}
