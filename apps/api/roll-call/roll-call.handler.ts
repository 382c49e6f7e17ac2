/**
 * The roll call (api.md, People and classes): a whole class's absence for one date in one request.
 * Every row is decided against its student's stream before anything is written; a row that would
 * fail alone fails the request (422 naming the row) and nothing is appended. Each absence is then
 * the student's own event, as if registered alone. With an Idempotency-Key the ids derive from the
 * key and the student, so a repeat appends nothing and a repeat after a crash part-way appends only
 * the rows that were not written.
 */
import { Inject, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { studentStream } from '#domain/events/stream-name.js';
import { DomainError } from '#domain/shared/domain-error.js';
import { studentDecider, type RegisterAbsence } from '#domain/student/index.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts, studentContextOf } from '#application/school-contexts.js';
import { StreamWriter, type LoadedStream } from '#application/write/stream-writer.js';
import type { StudentState } from '#domain/student/index.js';
import type { RequestIdSource } from '../common/request-ids.js';
import type { RollCallDto } from './roll-call.dto.js';

export class RollCallCommand {
  constructor(
    readonly schoolId: string,
    readonly groupId: string,
    readonly dto: RollCallDto,
    readonly actor: Actor,
    readonly ids: RequestIdSource,
  ) {}
}

export interface RollCallResult {
  date: string;
  groupId: string;
  registered: { studentId: string; absenceId: string }[];
  position: number;
}

interface RowProblem {
  index: number;
  studentId: string;
  field: string;
  code: string;
  message: string;
}

@CommandHandler(RollCallCommand)
export class RollCallHandler implements ICommandHandler<RollCallCommand, RollCallResult> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ schoolId, groupId, dto, actor, ids }: RollCallCommand): Promise<RollCallResult> {
    const school = await this.schools.get(schoolId);
    if (!school) throw new NotFoundException(`school ${schoolId} not found`);
    const { calendar } = school;
    const context = studentContextOf(calendar, this.clock.today());

    // Decide every row first, on its student's stream as it stands; write nothing yet.
    const problems: RowProblem[] = [];
    const seen = new Set<string>();
    const planned: { studentId: string; command: RegisterAbsence; eventIds?: string[]; loaded: LoadedStream<StudentState> }[] = [];
    for (const [index, row] of dto.absences.entries()) {
      const { studentId, ...fields } = row;
      const problem = (field: string, code: string, message: string) => problems.push({ index, studentId, field, code, message });
      if (seen.has(studentId)) {
        problem('studentId', 'duplicate-student', `student ${studentId} is in the roll call twice`);
        continue;
      }
      seen.add(studentId);
      const loaded = await this.writer.load(studentStream(studentId), studentDecider);
      const state = loaded.state;
      if (state.status !== 'enrolled' || state.schoolId !== schoolId || state.group !== groupId) {
        problem('studentId', 'not-in-group', `student ${studentId} is not in group ${groupId} at ${schoolId}`);
        continue;
      }
      const absenceId = ids.id(`absence:${studentId}`);
      const command: RegisterAbsence = { type: 'RegisterAbsence', data: { studentId, absenceId, date: dto.date, ...fields } };
      const eventIds = ids.keyed ? [ids.id(`event:${studentId}`)] : undefined;
      // A repeat after a crash part-way: this row's event is already stored; it is not decided again.
      if (eventIds && (await this.writer.findStored(studentStream(studentId), eventIds))) {
        planned.push({ studentId, command, eventIds, loaded });
        continue;
      }
      try {
        studentDecider.decide(command, state, context);
        planned.push({ studentId, command, ...(eventIds ? { eventIds } : {}), loaded });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problem(error.field ? error.field : 'absences', error.code, error.message);
      }
    }
    if (problems.length > 0) {
      throw new UnprocessableEntityException({
        message: `the roll call was not saved: ${problems.length} row(s) refused (${problems.map((p) => `#${p.index} ${p.code}`).join(', ')})`,
        details: {
          code: 'roll-call-refused',
          rows: problems.map((p) => ({
            index: p.index,
            studentId: p.studentId,
            field: `absences.${p.index}.${p.field}`,
            code: p.code,
            message: p.message,
          })),
        },
      });
    }

    // Each absence on its student's own stream; stored rows (a retry) answer from the store.
    let position = 0;
    const registered: RollCallResult['registered'] = [];
    await Promise.all(
      planned.map(async (p) => {
        const outcome = await this.writer.execute(
          studentStream(p.studentId),
          studentDecider,
          p.command,
          context,
          { actor, ...(p.eventIds ? { eventIds: p.eventIds, recoverIfStored: true } : {}) },
          p.loaded,
        );
        position = Math.max(position, outcome.position);
      }),
    );
    for (const p of planned) registered.push({ studentId: p.studentId, absenceId: p.command.data.absenceId });
    return { date: dto.date, groupId, registered, position };
  }
}
