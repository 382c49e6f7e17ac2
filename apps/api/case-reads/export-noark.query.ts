import { Inject, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#event-store/event-store.port.js';
import { caseStream, schoolStream, studentStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { studentDecider } from '#domain/student/index.js';
import { caseToNoark } from '#audit/noark/case-to-noark.js';
import { exportSaksmappe } from '#audit/noark/export-saksmappe.js';
import { ScreenedWordInPublicField } from '#audit/noark/screened-words.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { Clock } from '#application/clock.js';
import { exportArkivuttrekk } from '#audit/noark/export-arkivuttrekk.js';
import { documentFiles } from '#audit/noark/document-file.js';
import { buildDeposit } from '#audit/noark/deposit/build-deposit.js';
import { packDeposit } from '#audit/noark/deposit/deposit-package.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ExportCaseNoarkQuery {
  constructor(readonly caseId: string) {}
}

/** GET /cases/:caseId/export/noark?package=tar: the case as a complete deposit, packed. */
export class ExportCaseDepositQuery {
  constructor(readonly caseId: string) {}
}

export interface CaseDepositTar {
  tar: Buffer;
  fileName: string;
  sha256: string;
}

function refusedScreened(error: unknown): never {
  // The export refuses to publish a screened name (e.g. a student whose name is a word of a
  // generated public title). A rule saying no, not a server fault: 422 naming the fields only.
  if (error instanceof ScreenedWordInPublicField) {
    throw new UnprocessableEntityException({
      message: 'The case cannot be exported: a public title would contain a screened word',
      details: { code: 'screened-word-in-public-title', fields: error.leaks.map((leak) => leak.field) },
    });
  }
  throw error;
}

/** The case's own history as one Noark 5.5 saksmappe, with what it needs of its school and student. */
async function caseModel(store: EventStore, writer: StreamWriter, caseId: string) {
  const history = await store.readStream(caseStream(caseId));
  if (history.length === 0) throw new NotFoundException(`case ${caseId} not found`);
  const { studentId, schoolId } = history[0]!.data as { studentId: string; schoolId: string };
  const student = (await writer.load(studentStream(studentId), studentDecider)).state;
  const school = (await writer.load(schoolStream(schoolId), schoolDecider)).state;
  const schoolName = school.status === 'registered' ? school.name : schoolId;
  const model = caseToNoark(history, {
    schoolName,
    studentName: student.status === 'enrolled' ? student.name : studentId,
    studentGroup: student.status === 'enrolled' ? student.group : undefined,
  });
  return { model, schoolName, history };
}

/** GET /cases/:caseId/export/noark: the case's own history → one Noark 5.5 saksmappe. */
@QueryHandler(ExportCaseNoarkQuery)
export class ExportCaseNoarkHandler implements IQueryHandler<ExportCaseNoarkQuery, string> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(StreamWriter) private readonly writer: StreamWriter,
  ) {}

  async execute({ caseId }: ExportCaseNoarkQuery): Promise<string> {
    const { model } = await caseModel(this.store, this.writer, caseId);
    try {
      return exportSaksmappe(model);
    } catch (error) {
      return refusedScreened(error);
    }
  }
}

/**
 * The case as a deposit of its own: the period from its opening to the last business date in
 * its history, the four XML files of an arkivuttrekk where they have entries, their schemas, its
 * documents and arkivuttrekk.xml, packed as `export-noark --tar` packs a school's. A download,
 * not an avlevering: nothing is recorded (the CLI's export-noark records deposits).
 */
@QueryHandler(ExportCaseDepositQuery)
export class ExportCaseDepositHandler implements IQueryHandler<ExportCaseDepositQuery, CaseDepositTar> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ caseId }: ExportCaseDepositQuery): Promise<CaseDepositTar> {
    const { model, schoolName, history } = await caseModel(this.store, this.writer, caseId);
    const from = (history[0]!.data as { openedOn: string }).openedOn;
    const to = this.clock.today() < from ? from : this.clock.today();
    let uttrekk;
    try {
      uttrekk = exportArkivuttrekk([model], { from, to, schoolName });
    } catch (error) {
      return refusedScreened(error);
    }
    const deposit = buildDeposit({
      uttrekk,
      documents: documentFiles([model]),
      recordCreator: schoolName,
      archive: `Elevsaker – ${schoolName}`,
      period: { from, to },
    });
    const out = await mkdtemp(join(tmpdir(), 'case-deposit-'));
    try {
      const packed = await packDeposit(deposit, out);
      return { tar: await readFile(packed.tarFile), fileName: `sak-${caseId}-${deposit.id}.tar`, sha256: packed.sha256 };
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }
}
