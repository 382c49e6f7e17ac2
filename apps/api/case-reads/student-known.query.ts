import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { caseStream, schoolStream, studentStream } from '#domain/events/stream-name.js';
import { knownAsOf, type KnownAsOf } from '#audit/known-as-of.js';
import { Projector } from '#read-models/projector/projector.js';
import { casesOfStudent } from '#read-models/projections/cases/case.queries.js';
import { ReadModels } from '../read/read-models.provider.js';

export class GetStudentKnownQuery {
  constructor(
    readonly studentId: string,
    /** An instant: what had been recorded about the student by then. */
    readonly asOf: string,
    /** The business date the concern level and tasks are evaluated on. */
    readonly evaluationDate: string,
  ) {}
}

/**
 * GET /students/:studentId/known?asOf= (an addition to api.md, for auditors): what the school
 * knew about the student at an instant, replayed from the streams (see libs/audit/known-as-of.ts).
 * The read model is used only to find which case streams are the student's.
 */
@QueryHandler(GetStudentKnownQuery)
export class GetStudentKnownHandler implements IQueryHandler<GetStudentKnownQuery, KnownAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ReadModels) private readonly models: ReadModels,
  ) {}

  async execute({ studentId, asOf, evaluationDate }: GetStudentKnownQuery): Promise<KnownAsOf> {
    const studentEvents = await this.store.readStream(studentStream(studentId));
    const schoolId = (studentEvents[0]?.data as { schoolId?: string } | undefined)?.schoolId;
    if (!schoolId) throw new NotFoundException(`student ${studentId} not found`);
    // The case list must include a case opened a moment ago: read after the projections caught up.
    await this.projector.waitForPosition(await this.store.headPosition(), 5000);
    const caseIds = (await casesOfStudent(this.models.cases, studentId)).map((c) => c.caseId);
    const [schoolEvents, ...caseHistories] = await Promise.all([
      this.store.readStream(schoolStream(schoolId)),
      ...caseIds.map((id) => this.store.readStream(caseStream(id))),
    ]);
    const known = knownAsOf({ asOf, evaluationDate, studentEvents, schoolEvents: schoolEvents!, caseHistories });
    if (!known) throw new NotFoundException(`student ${studentId} was not enrolled yet at ${asOf}`);
    return known;
  }
}
