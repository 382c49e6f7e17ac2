import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { caseDecider, type CaseCommand, type CaseState } from '#domain/case/index.js';
import { DEFAULT_MAX_PHASE, maxPhaseOf, openingPhaseOf } from '#domain/case/index.js';
import { caseStream, studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter, type WriteOutcome } from '#application/write/stream-writer.js';

/** Every write on a case's stream; `expectedRevision` is the client's `If-Match`. */
export class CaseWriteCommand {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly actor: Actor,
    readonly expectedRevision?: number,
    /** Derived from an Idempotency-Key (request-ids.ts); random when undefined. */
    readonly eventIds?: readonly string[],
    /** The key's first run died mid-request: answer from its stored events if any. */
    readonly recoverIfStored = false,
  ) {}
}

@CommandHandler(CaseWriteCommand)
export class CaseWriteHandler implements ICommandHandler<CaseWriteCommand, WriteOutcome<CaseState>> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({
    caseId,
    command,
    actor,
    expectedRevision,
    eventIds,
    recoverIfStored,
  }: CaseWriteCommand): Promise<WriteOutcome<CaseState>> {
    const stream = caseStream(caseId);
    const loaded = await this.writer.load(stream, caseDecider);
    if (loaded.state.status === 'none' && command.type !== 'OpenCase') throw new NotFoundException(`case ${caseId} not found`);
    const schoolId = command.type === 'OpenCase' ? command.data.schoolId : (loaded.state as { schoolId: string }).schoolId;
    const school = await this.schools.get(schoolId);
    const maxPhase = school ? maxPhaseOf(school.plan) : DEFAULT_MAX_PHASE;
    // Only a student's own consent needs the student's age (plans.md, "Consent"): read it then alone.
    const studentBirthDate =
      command.type === 'GiveConsent' && command.data.givenBy?.relation === 'student' && loaded.state.status !== 'none'
        ? await this.birthDateOf(loaded.state.studentId)
        : undefined;
    return this.writer.execute(
      stream,
      caseDecider,
      command,
      {
        today: this.clock.today(),
        maxPhase,
        ...(school ? { openingPhase: openingPhaseOf(school.plan) } : {}),
        ...(school?.plan.consentDemands ? { consentDemands: school.plan.consentDemands } : {}),
        ...(studentBirthDate === undefined ? {} : { studentBirthDate }),
      },
      { actor, expectedRevision, eventIds, recoverIfStored },
      loaded,
    );
  }

  private async birthDateOf(studentId: string): Promise<string | null> {
    const { state } = await this.writer.load(studentStream(studentId), studentDecider);
    return state.status === 'enrolled' ? (state.birthDate ?? null) : null;
  }
}
