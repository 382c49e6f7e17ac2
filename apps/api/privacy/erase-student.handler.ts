/**
 * Erasure over HTTP (api.md, Privacy): `eraseStudent` (libs/application/privacy/erasure.ts), and
 * the answer waits until the read models are rebuilt without the student's clear text
 * (ErasureFollowUp), so that what the admin reads next shows "[slettet]".
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { DataKeys } from '#event-store/crypto/data-keys.js';
import type { ErasureBasis } from '#domain/events/values.js';
import { Clock } from '#application/clock.js';
import { eraseStudent } from '#application/privacy/erasure.js';
import { ErasureFollowUp } from '#application/privacy/erasure-follow-up.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { casesOfStudent } from '#read-models/projections/cases/case.queries.js';
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
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: EraseStudentCommand): Promise<ErasureOutcome> {
    const { studentId, erasureId } = command;
    const casesOf = async (id: string) => (await casesOfStudent(this.models.cases, id)).map((c) => c.caseId);
    const { position, on } = await eraseStudent(
      { writer: this.writer, keys: this.keys, casesOf },
      { ...command, today: this.clock.today(), ...(command.eventIds ? { eventIds: command.eventIds } : {}) },
    );
    await this.followUp.followedUp(position);
    return { studentId, erasureId, on, position };
  }
}
