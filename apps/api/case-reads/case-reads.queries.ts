import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type StoredEvent } from '#event-store/event-store.port.js';
import { caseDecider, caseView, phaseNameOf, pptView, type CaseView } from '#domain/case/index.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { getStudent } from '#read-models/projections/directory/directory.query.js';
import { ReadModels } from '../read/read-models.provider.js';
import { caseStream } from '#domain/events/stream-name.js';
import { verifyChain, type ChainVerification } from '#audit/verify-chain.js';
import { upcastEvent } from '#application/write/upcast-stored.js';
import { recordedBy } from '#audit/known-as-of.js';
import { historyEntry, type HistoryEntry } from './case-history.js';

/** The case's stream, oldest first; 404 when it has no events. Reading one stream is cheap: no replay of the store. */
async function readCase(store: EventStore, caseId: string): Promise<StoredEvent[]> {
  const events = await store.readStream(caseStream(caseId));
  if (events.length === 0) throw new NotFoundException(`case ${caseId} not found`);
  return events;
}

export class GetCaseQuery {
  constructor(
    readonly caseId: string,
    /** An instant: the case exactly as it was recorded then (recordedAt ≤ asOf). */
    readonly asOf?: string,
    /** `ppt`: only what PPT's consent covers (ppt-share.ts). */
    readonly audience: 'school' | 'ppt' = 'school',
  ) {}
}

/** api.md (Cases): the case with the student's name and the plan's own name of its phase. */
export type CaseResponse = CaseView & { studentName: string | null; phaseName: string | null; integrity: ChainVerification };

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseResponse> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(ReadModels) private readonly models: ReadModels,
  ) {}

  async execute({ caseId, asOf, audience }: GetCaseQuery): Promise<CaseResponse> {
    const all = await readCase(this.store, caseId);
    const known = asOf === undefined ? all : recordedBy(all, asOf);
    if (known.length === 0) throw new NotFoundException(`case ${caseId} was not recorded yet at ${asOf}`);
    let state = caseDecider.initialState();
    for (const event of known) state = caseDecider.evolve(state, upcastEvent(event) as never);
    const view = audience === 'ppt' ? pptView(caseView(state)) : caseView(state);
    const [school, student] = await Promise.all([
      this.schools.get(view.schoolId),
      getStudent(this.models.absence.directory, view.studentId),
    ]);
    // A case whose stored history was altered is still served, flagged: the auditor must see it.
    return {
      ...view,
      studentName: student?.name ?? null,
      phaseName: (school && phaseNameOf(school.plan, view.phase)) ?? null,
      integrity: verifyChain(all),
    };
  }
}

export class GetCaseHistoryQuery {
  constructor(readonly caseId: string) {}
}

@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, HistoryEntry[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId }: GetCaseHistoryQuery): Promise<HistoryEntry[]> {
    return (await readCase(this.store, caseId)).map(historyEntry);
  }
}

export class VerifyCaseHistoryQuery {
  constructor(readonly caseId: string) {}
}

@QueryHandler(VerifyCaseHistoryQuery)
export class VerifyCaseHistoryHandler implements IQueryHandler<
  VerifyCaseHistoryQuery,
  { valid: true; events: number } | { valid: false; brokenAt: number }
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId }: VerifyCaseHistoryQuery) {
    const result = verifyChain(await readCase(this.store, caseId));
    return result.valid
      ? { valid: true as const, events: result.events }
      : { valid: false as const, brokenAt: result.brokenAt, reason: result.reason };
  }
}
