/**
 * Test harness for the absence read models: the real SqliteEventStore, the real projector
 * and SqliteDocumentStore (both in memory), and commands decided by the real school and
 * student deciders against the real school calendar, so the projections see exactly the
 * events the API would store.
 */
import { randomUUID } from 'node:crypto';
import { createSchoolCalendar, type SchoolCalendar } from '../../../../domain/calendar/index.js';
import { schoolStream, studentStream, type AbsenceFieldChanges, type StudentEvent } from '../../../../domain/events/index.js';
import { fold } from '../../../../domain/shared/decider.js';
import { schoolDecider, type RegisterSchool, type SchoolState } from '../../../../domain/school/index.js';
import { studentDecider, type RegisterAbsence, type StudentCommand, type StudentState } from '../../../../domain/student/index.js';
import type { EventStore, NewEvent, StoredEvent } from '../../../../event-store/event-store.port.js';
import { SqliteEventStore } from '../../../../event-store/sqlite/sqlite-event-store.js';
import { Projector } from '../../../projector/projector.js';
import type { Projection } from '../../../projector/projection.js';
import { SqliteDocumentStore } from '../../../sqlite/sqlite-document-store.js';
import { absenceReaders, type AbsenceReaders } from '../../concern/absence-readers.js';
import { directoryProjection } from '../../directory/directory.projection.js';
import { studentAbsenceProjection } from '../student-absence.projection.js';

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

/** A projector over `eventStore` with its own in-memory document store. */
export async function startProjector(
  eventStore: EventStore,
  options: { batchSize?: number; projections?: readonly Projection[] } = {},
): Promise<StartedProjector> {
  const documents = new SqliteDocumentStore({ path: ':memory:' });
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

  static async start(options: { batchSize?: number } = {}): Promise<AbsenceHarness> {
    const eventStore = new SqliteEventStore({ path: ':memory:', pollIntervalMs: 20 });
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
    const events = schoolDecider.decide({ type: 'ChangeSchoolCalendar', data: { schoolId, schoolYear, reason } }, state, { today: this.today });
    await this.append(schoolStream(schoolId), state.revision, events);
    this.calendars.set(schoolId, createSchoolCalendar(schoolYear));
  }

  enrol(studentId: string, schoolId: string, name: string, group: string, grade = 8): Promise<StoredEvent[]> {
    return this.student(studentId, { type: 'EnrolStudent', data: { studentId, schoolId, name, grade, group } });
  }

  /** Registers an absence (documented and reportedByGuardian default to false) and returns its id. */
  async register(studentId: string, input: AbsenceInput): Promise<string> {
    const absenceId = input.absenceId ?? randomUUID();
    await this.student(studentId, { type: 'RegisterAbsence', data: { documented: false, reportedByGuardian: false, ...input, studentId, absenceId } });
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

  /** The student as the command side folds it. */
  async studentState(studentId: string): Promise<StudentState> {
    return fold(studentDecider, (await this.domainEvents(studentStream(studentId))) as StudentEvent[]);
  }

  /** Decides `command` on the student's stream and appends the events; returns them as stored. */
  async student(studentId: string, command: StudentCommand, ids?: readonly string[]): Promise<StoredEvent[]> {
    const state = await this.studentState(studentId);
    const schoolId = state.status === 'enrolled' ? state.schoolId : command.type === 'EnrolStudent' ? command.data.schoolId : undefined;
    const calendar = schoolId ? this.calendars.get(schoolId) : undefined;
    const context = {
      today: this.today,
      isSchoolDay: (date: string) => calendar?.isSchoolDay(date) ?? false,
      nonSchoolReason: (date: string) => calendar?.nonSchoolReason(date) ?? 'unknown school',
    };
    const events = studentDecider.decide(command, state, context);
    return this.append(studentStream(studentId), state.revision, events, ids);
  }

  private async domainEvents(stream: string): Promise<never[]> {
    return (await this.eventStore.readStream(stream)).map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data })) as never[];
  }

  private async append(
    stream: string,
    revision: number,
    events: readonly { type: string; schemaVersion: number; data: unknown }[],
    ids?: readonly string[],
  ): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const newEvents: NewEvent[] = events.map((e, i) => ({
      id: ids?.[i] ?? randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: { actor: ACTOR, occurredAt: `${this.today}T08:00:00.000Z` },
    }));
    await this.eventStore.appendToStream(stream, newEvents, { expectedRevision: revision < 0 ? 'no-stream' : revision });
    return this.eventStore.readStream(stream, { fromRevision: revision + 1 });
  }
}
