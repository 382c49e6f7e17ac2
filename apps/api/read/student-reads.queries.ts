import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getConcern, type ConcernView } from '#read-models/projections/concern/concern.query.js';
import { getStudentAbsence } from '#read-models/projections/student-absence/student-absence.query.js';
import { caseInPhase3Unresolved } from '#read-models/projections/cases/case.queries.js';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { studentStream } from '#domain/events/stream-name.js';
import { concernHistory, type ConcernHistoryEntry } from '#read-models/projections/concern/concern-history.js';
import { ReadModels } from './read-models.provider.js';

export class GetConcernQuery {
  constructor(
    readonly studentId: string,
    readonly asOf: string,
  ) {}
}

@QueryHandler(GetConcernQuery)
export class GetConcernHandler implements IQueryHandler<GetConcernQuery, ConcernView> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ studentId, asOf }: GetConcernQuery): Promise<ConcernView> {
    // Bærum's red rule needs the case's phase and last evaluation (baerum, plans.md).
    const phase3 = await caseInPhase3Unresolved(this.models.cases, studentId, asOf);
    const view = await getConcern(this.models.absence, studentId, asOf, { caseInPhase3Unresolved: phase3 });
    if (!view) throw new NotFoundException(`student ${studentId} not found`);
    return view;
  }
}

export class ListRegistrationsQuery {
  constructor(readonly studentId: string) {}
}

/** An addition to api.md: the student's registrations as they stand (corrections applied, retractions flagged). */
@QueryHandler(ListRegistrationsQuery)
export class ListRegistrationsHandler implements IQueryHandler<ListRegistrationsQuery, unknown> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ studentId }: ListRegistrationsQuery) {
    const doc = await getStudentAbsence(this.models.absence.studentAbsence, studentId);
    if (!doc) throw new NotFoundException(`student ${studentId} not found`);
    const registrations = Object.values(doc.absences ?? {}).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { studentId, registrations };
  }
}

export class GetConcernHistoryQuery {
  constructor(readonly studentId: string) {}
}

/** api.md (Absence): every change of the student's level, oldest first, from the student's own stream. */
@QueryHandler(GetConcernHistoryQuery)
export class GetConcernHistoryHandler implements IQueryHandler<GetConcernHistoryQuery, ConcernHistoryEntry[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ studentId }: GetConcernHistoryQuery): Promise<ConcernHistoryEntry[]> {
    const events = await this.store.readStream(studentStream(studentId));
    if (events.length === 0) throw new NotFoundException(`student ${studentId} not found`);
    return concernHistory(events);
  }
}
