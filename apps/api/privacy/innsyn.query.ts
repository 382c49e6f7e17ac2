/**
 * Innsyn (GDPR art. 15; api.md, Privacy): all that is stored about a student, and every access-log
 * entry about them. The records are the student's and their cases' events as stored, opened; the
 * other parts are the read models' answers to the same questions the school's pages ask. A blocked
 * case is named with its dates, not its content (api.md: sperring).
 */
import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type StoredEvent } from '#event-store/event-store.port.js';
import { caseDecider, caseView, type CaseView } from '#domain/case/index.js';
import { studentDecider } from '#domain/student/index.js';
import { fold } from '#domain/shared/decider.js';
import type { CaseEvent, StudentEvent } from '#domain/events/index.js';
import { caseStream, studentStream } from '#domain/events/stream-name.js';
import { EVENT_TYPE_LABELS } from '#domain/events/describe-event-type.js';
import { upcastEvent } from '#application/write/upcast-stored.js';
import { casesOfStudent } from '#read-models/projections/cases/case.queries.js';
import { getAccessLog, type AccessLogEntry } from '#read-models/projections/access-log/access-log.queries.js';
import { getStudentTaskHistory, type TaskHistoryRow } from '#read-models/projections/tasks/tasks.query.js';
import { getConcern, type ConcernView } from '#read-models/projections/concern/concern.query.js';
import { getStudentAbsence } from '#read-models/projections/student-absence/student-absence.query.js';
import { ReadModels } from '../read/read-models.provider.js';

export interface InnsynRecord {
  id: string;
  stream: string;
  revision: number;
  type: string;
  /** The record's kind in Norwegian (describe-event-type.ts). */
  label: string;
  recordedAt: string;
  /** The role that recorded it (staff names are not the child's data). */
  recordedBy: string;
  data: unknown;
}

export interface Innsyn {
  studentId: string;
  generatedAt: string;
  student: { name: string; schoolId: string; grade: number; group: string; birthDate?: string; erased: boolean };
  registrations: unknown[];
  concern: ConcernView | null;
  tasks: TaskHistoryRow[];
  cases: ((CaseView & { blocked: false }) | { caseId: string; blocked: true; openedOn: string; status: string })[];
  records: InnsynRecord[];
  accessLog: AccessLogEntry[];
}

export class GetInnsynQuery {
  constructor(
    readonly studentId: string,
    readonly today: string,
  ) {}
}

@QueryHandler(GetInnsynQuery)
export class GetInnsynHandler implements IQueryHandler<GetInnsynQuery, Innsyn> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly models: ReadModels,
  ) {}

  async execute({ studentId, today }: GetInnsynQuery): Promise<Innsyn> {
    const own = await this.store.readStream(studentStream(studentId));
    const student = fold(studentDecider, own.map(upcastEvent) as StudentEvent[]);
    if (student.status !== 'enrolled') throw new NotFoundException(`student ${studentId} not found`);
    const caseDocs = await casesOfStudent(this.models.cases, studentId);
    const caseStreams = await Promise.all(caseDocs.map((doc) => this.store.readStream(caseStream(doc.caseId))));
    const [absence, concern, tasks, accessLog] = await Promise.all([
      getStudentAbsence(this.models.absence.studentAbsence, studentId),
      getConcern(this.models.absence, studentId, today, { caseInPhase3Unresolved: false }).catch(() => null),
      getStudentTaskHistory(this.models.casesAndStudents, studentId, today),
      getAccessLog(this.models.accessLog, { studentId }),
    ]);
    const cases = caseDocs.map((doc, i) =>
      doc.blocked
        ? { caseId: doc.caseId, blocked: true as const, openedOn: doc.openedOn, status: doc.status }
        : { ...caseView(fold(caseDecider, caseStreams[i]!.map(upcastEvent) as CaseEvent[])), blocked: false as const },
    );
    const visibleCases = new Set(caseDocs.filter((doc) => !doc.blocked).map((doc) => caseStream(doc.caseId)));
    const records = [...own, ...caseStreams.flat().filter((e) => visibleCases.has(e.stream))]
      .sort((a, b) => a.position - b.position)
      .map(record);
    const { name, schoolId, grade, group, birthDate } = student;
    return {
      studentId,
      generatedAt: new Date().toISOString(),
      student: { name, schoolId, grade, group, ...(birthDate ? { birthDate } : {}), erased: student.erased !== undefined },
      registrations: Object.values(absence?.absences ?? {}).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      concern,
      tasks: tasks ?? [],
      cases,
      records,
      accessLog: accessLog.items,
    };
  }
}

const LABELS: Readonly<Record<string, { nb: string }>> = EVENT_TYPE_LABELS;

function record(e: StoredEvent): InnsynRecord {
  return {
    id: e.id,
    stream: e.stream,
    revision: e.revision,
    type: e.type,
    label: LABELS[e.type]?.nb ?? e.type,
    recordedAt: e.metadata.recordedAt,
    recordedBy: e.metadata.actor.role,
    data: e.data,
  };
}
