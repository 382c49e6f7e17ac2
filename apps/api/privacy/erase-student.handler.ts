/**
 * Erasure of a student's personal data (api.md, Privacy): unless a case of theirs has gone to the
 * archive (then their cases are blocked instead, and the answer is 422 `archived`), the erasure is
 * recorded, the student's key destroyed, and the answer waits until the read models are rebuilt
 * without the student's clear text (ErasureFollowUp).
 */
import { Inject, NotFoundException } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { DataKeys } from '#event-store/crypto/data-keys.js';
import { caseDecider, type CaseState } from '#domain/case/index.js';
import { caseStream, studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { DomainError } from '#domain/shared/domain-error.js';
import type { ErasureBasis } from '#domain/events/values.js';
import { Clock } from '#application/clock.js';
import { ErasureFollowUp } from '#application/privacy/erasure-follow-up.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { CASES, type CaseDoc } from '#read-models/projections/cases/case-doc.js';
import { CaseWriteCommand } from '../cases/case-write.handler.js';
import { ReadModels } from '../read/read-models.provider.js';

export class EraseStudentCommand {
  constructor(
    readonly studentId: string,
    readonly erasureId: string,
    readonly legalBasis: ErasureBasis,
    readonly reason: string,
    readonly actor: Actor,
    readonly eventIds?: readonly string[],
  ) {}
}

export interface ErasureOutcome {
  studentId: string;
  erasureId: string;
  on: string;
  position: number;
}

@CommandHandler(EraseStudentCommand)
export class EraseStudentHandler implements ICommandHandler<EraseStudentCommand, ErasureOutcome> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(ErasureFollowUp) private readonly followUp: ErasureFollowUp,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ studentId, erasureId, legalBasis, reason, actor, eventIds }: EraseStudentCommand): Promise<ErasureOutcome> {
    const stream = studentStream(studentId);
    const loaded = await this.writer.load(stream, studentDecider);
    if (loaded.state.status !== 'enrolled') throw new NotFoundException(`student ${studentId} not found`);
    if (loaded.state.erased) {
      // A first attempt that stopped between recording and destroying: finish it, and say it was done.
      await this.keys.destroy(studentId, new Date().toISOString());
      throw new DomainError('already-erased', `student ${studentId} was already erased on ${loaded.state.erased.on}`, 'studentId');
    }
    const archived = await this.archivedCases(studentId);
    if (archived.length > 0) {
      // Archive law wins over deletion: what went to the archive stays, and is blocked here (api.md).
      for (const { caseId, state } of archived) {
        if (state.status === 'none' || state.blocked) continue;
        await this.commands.execute(
          new CaseWriteCommand(
            caseId,
            {
              type: 'BlockCase',
              data: { caseId, blockingId: `${erasureId}:${caseId}`, reason: 'Krav om sletting: saken er avlevert til arkiv og sperres' },
            },
            actor,
          ),
        );
      }
      throw new DomainError(
        'archived',
        `student ${studentId} has a case in the archive: the cases are blocked instead of erased`,
        'studentId',
        {
          caseIds: archived.map((c) => c.caseId),
        },
      );
    }
    const outcome = await this.writer.execute(
      stream,
      studentDecider,
      { type: 'EraseStudent', data: { studentId, erasureId, legalBasis, reason } },
      // An erasure reads no calendar: it is recorded on any day.
      { today: this.clock.today(), isSchoolDay: () => false },
      { actor, eventIds },
      loaded,
    );
    await this.keys.destroy(studentId, new Date().toISOString());
    await this.followUp.followedUp(outcome.position);
    const erased = outcome.events[0]!.data as { on: string };
    return { studentId, erasureId, on: erased.on, position: outcome.position };
  }

  /** The student's cases (all schools) that have gone to the archive in a deposit. */
  private async archivedCases(studentId: string): Promise<{ caseId: string; state: CaseState }[]> {
    const docs = await this.models.cases.find<CaseDoc>(CASES, { studentId });
    const out: { caseId: string; state: CaseState }[] = [];
    for (const doc of docs) {
      const { state } = await this.writer.load(caseStream(doc.caseId), caseDecider);
      if (state.status !== 'none' && state.deposits.length > 0) out.push({ caseId: doc.caseId, state });
    }
    return out;
  }
}
