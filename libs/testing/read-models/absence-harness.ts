/**
 * Test harness for the absence read models: the real SqliteEventStore, the real projector
 * and SqliteDocumentStore (both in memory), and commands decided by the real school and
 * student deciders against the real school calendar, so the projections see exactly the
 * events the API would store.
 */
import { randomUUID } from 'node:crypto';
import { createSchoolCalendar, type SchoolCalendar } from '#domain/calendar/index.js';
import { schoolStream, studentStream, type AbsenceFieldChanges, type StudentEvent } from '#domain/events/index.js';
import { fold } from '#domain/shared/decider.js';
import { DomainError } from '#domain/shared/domain-error.js';
import { schoolDecider, type RegisterSchool, type SchoolState } from '#domain/school/index.js';
import {
  studentDecider,
  type RegisterAbsence,
  type StudentCommand,
  type StudentContext,
  type StudentState,
} from '#domain/student/index.js';
import type { EventStore, NewEvent, StoredEvent } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { Projector } from '#read-models/projector/projector.js';
import type { Projection } from '#read-models/projector/projection.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { absenceReaders, type AbsenceReaders } from '#read-models/projections/concern/absence-readers.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { studentAbsenceProjection } from '#read-models/projections/student-absence/student-absence.projection.js';

const ACTOR = { id: 'harness', role: 'school-leader' };

export type AbsenceInput = Omit<RegisterAbsence['data'], 'studentId' | 'absenceId'> & { absenceId?: string };

export interface StartedProjector {
  projector: Projector;
  documents: SqliteDocumentStore;
  readers: AbsenceReaders;
  /** Resolves once every projection has committed the event store's head. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** A projector over `eventStore` with its own document store (in memory unless a path is given). */
export async function startProjector(
  eventStore: EventStore,
  options: { batchSize?: number; projections?: readonly Projection[]; documentsPath?: string } = {},
): Promise<StartedProjector> {
  const documents = new SqliteDocumentStore({ path: options.documentsPath ?? ':memory:' });
  // A failing projection retries forever and would only show as a timeout: keep its error to report.
  const errors: string[] = [];
  const projector = new Projector({
    eventStore,
    documentStore: documents,
    projections: options.projections ?? [directoryProjection, studentAbsenceProjection],
    batchSize: options.batchSize,
    retireDelayMs: 0,
    onError: (projection, error) => {
      errors.push(`${projection}: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
  await projector.start();
  let stopped = false;
  return {
    projector,
    documents,
    readers: absenceReaders(projector),
    async caughtUp() {
      const head = await eventStore.headPosition();
      const reached = await projector.waitForPosition(head, 10_000);
      if (errors.length > 0) throw new Error(`projection failed: ${errors.join('\n')}`);
      if (!reached) throw new Error(`projections did not reach position ${head}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await projector.stop();
      await documents.close();
    },
  };
}

export class AbsenceHarness {
  /** The business date commands are decided on (corrections' and manual raises' `on`). */
  today = '2026-11-23';
  private readonly calendars = new Map<string, SchoolCalendar>();

  private constructor(
    readonly eventStore: SqliteEventStore,
    readonly live: StartedProjector,
  ) {}

  /** In memory unless paths are given (the e2e suite uses files, as the service does). */
  static async start(options: { batchSize?: number; eventsPath?: string; documentsPath?: string } = {}): Promise<AbsenceHarness> {
    const eventStore = new SqliteEventStore({ path: options.eventsPath ?? ':memory:', pollIntervalMs: 20 });
    return new AbsenceHarness(eventStore, await startProjector(eventStore, options));
  }

  get readers(): AbsenceReaders {
    return this.live.readers;
  }

  caughtUp(): Promise<void> {
    return this.live.caughtUp();
  }

  async stop(): Promise<void> {
    await this.live.stop();
    await this.eventStore.close();
  }

  async registerSchool(data: RegisterSchool['data']): Promise<void> {
    const state = fold(schoolDecider, await this.domainEvents(schoolStream(data.schoolId)));
    const events = schoolDecider.decide({ type: 'RegisterSchool', data }, state, { today: this.today });
    await this.append(schoolStream(data.schoolId), state.revision, events);
    this.calendars.set(data.schoolId, createSchoolCalendar(data.schoolYear));
  }

  async changeSchoolYear(schoolId: string, schoolYear: RegisterSchool['data']['schoolYear'], reason = 'new school year'): Promise<void> {
    const state: SchoolState = fold(schoolDecider, await this.domainEvents(schoolStream(schoolId)));
    const events = schoolDecider.decide({ type: 'ChangeSchoolCalendar', data: { schoolId, schoolYear, reason } }, state, {
      today: this.today,
    });
    await this.append(schoolStream(schoolId), state.revision, events);
    this.calendars.set(schoolId, createSchoolCalendar(schoolYear));
  }

  enrol(studentId: string, schoolId: string, name: string, group: string, grade = 8): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'EnrolStudent', data: { studentId, schoolId, name, grade, group } });
  }

  /** Registers an absence (documented and reportedByGuardian default to false) and returns its id. */
  async register(studentId: string, input: AbsenceInput): Promise<string> {
    const absenceId = input.absenceId ?? randomUUID();
    await this.student(studentId, {
      type: 'RegisterAbsence',
      data: { documented: false, reportedByGuardian: false, ...input, studentId, absenceId },
    });
    return absenceId;
  }

  correct(studentId: string, absenceId: string, changes: AbsenceFieldChanges, reason = 'wrong in the register'): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'CorrectAbsence', data: { studentId, absenceId, changes, reason } });
  }

  retract(studentId: string, absenceId: string, reason = 'registered by mistake'): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'RetractAbsence', data: { studentId, absenceId, reason } });
  }

  document(studentId: string, absenceId: string, note = "doctor's note"): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'ReceiveDocumentation', data: { studentId, absenceId, note } });
  }

  raise(studentId: string, level: 'yellow' | 'red', reason = 'worrying absence'): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'RaiseConcern', data: { studentId, level, reason } });
  }

  /**
   * Decides `commands` one after the other on the student's stream, in memory, and appends
   * the events in one call: the fast way to load a large school. Commands the decider refuses
   * are skipped, as the API would answer them 422. Returns the number of events appended.
   */
  async studentHistory(studentId: string, commands: readonly StudentCommand[]): Promise<number> {
    let state = await this.studentState(studentId);
    const revision = state.revision;
    const events: StudentEvent[] = [];
    for (const command of commands) {
      const schoolId = state.status === 'enrolled' ? state.schoolId : command.type === 'EnrolStudent' ? command.data.schoolId : undefined;
      try {
        const decided = studentDecider.decide(command, state, this.context(schoolId));
        for (const e of decided) state = studentDecider.evolve(state, e);
        events.push(...decided);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    await this.append(studentStream(studentId), revision, events);
    return events.length;
  }

  /** The student as the command side folds it. */
  async studentState(studentId: string): Promise<StudentState> {
    return fold(studentDecider, (await this.domainEvents(studentStream(studentId))) as StudentEvent[]);
  }

  /**
   * Decides `command` on the student's stream and appends the events; returns them as stored.
   * `ids` and `causationId` let a spec append as the concern saga does.
   */
  async student(
    studentId: string,
    command: StudentCommand,
    options: { ids?: readonly string[]; causationId?: string } = {},
  ): Promise<StoredEvent[]> {
    const state = await this.studentState(studentId);
    const schoolId = state.status === 'enrolled' ? state.schoolId : command.type === 'EnrolStudent' ? command.data.schoolId : undefined;
    const events = studentDecider.decide(command, state, this.context(schoolId));
    return this.append(studentStream(studentId), state.revision, events, options);
  }

  /** What the deciders get from outside: today and the school's real calendar. */
  private context(schoolId: string | undefined): StudentContext {
    const calendar = schoolId ? this.calendars.get(schoolId) : undefined;
    return {
      today: this.today,
      isSchoolDay: (date: string) => calendar?.isSchoolDay(date) ?? false,
      nonSchoolReason: (date: string) => calendar?.nonSchoolReason(date) ?? 'unknown school',
    };
  }

  private async domainEvents(stream: string): Promise<never[]> {
    return (await this.eventStore.readStream(stream)).map((e) => ({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
    })) as never[];
  }

  private async append(
    stream: string,
    revision: number,
    events: readonly { type: string; schemaVersion: number; data: unknown }[],
    options: { ids?: readonly string[]; causationId?: string } = {},
  ): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const newEvents: NewEvent[] = events.map((e, i) => ({
      id: options.ids?.[i] ?? randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: {
        actor: ACTOR,
        occurredAt: `${this.today}T08:00:00.000Z`,
        ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
      },
    }));
    await this.eventStore.appendToStream(stream, newEvents, { expectedRevision: revision < 0 ? 'no-stream' : revision });
    return this.eventStore.readStream(stream, { fromRevision: revision + 1 });
  }
}
