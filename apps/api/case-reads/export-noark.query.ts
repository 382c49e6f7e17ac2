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

export class ExportCaseNoarkQuery {
  constructor(readonly caseId: string) {}
}

/** GET /cases/:caseId/export/noark: the case's own history → one Noark 5.5 saksmappe. */
@QueryHandler(ExportCaseNoarkQuery)
export class ExportCaseNoarkHandler implements IQueryHandler<ExportCaseNoarkQuery, string> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(StreamWriter) private readonly writer: StreamWriter,
  ) {}

  async execute({ caseId }: ExportCaseNoarkQuery): Promise<string> {
    const history = await this.store.readStream(caseStream(caseId));
    if (history.length === 0) throw new NotFoundException(`case ${caseId} not found`);
    const { studentId, schoolId } = history[0]!.data as { studentId: string; schoolId: string };
    const student = (await this.writer.load(studentStream(studentId), studentDecider)).state;
    const school = (await this.writer.load(schoolStream(schoolId), schoolDecider)).state;
    const model = caseToNoark(history, {
      schoolName: school.status === 'registered' ? school.name : schoolId,
      studentName: student.status === 'enrolled' ? student.name : studentId,
      studentGroup: student.status === 'enrolled' ? student.group : undefined,
    });
    try {
      return exportSaksmappe(model);
    } catch (error) {
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
  }
}
