/**
 * The erasure of one student and the blocking of one case (api.md, Privacy), as the API's routes
 * and the CLI's `retention --approve` both carry them out: an erasure is refused for a student
 * with a case in the archive, whose cases are blocked instead (archive law wins over deletion).
 */
import type { Actor } from '#event-store/event-store.port.js';
import type { DataKeys } from '#event-store/crypto/data-keys.js';
import { caseDecider } from '#domain/case/index.js';
import { caseStream, studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { DomainError, NotFoundError } from '#domain/shared/domain-error.js';
import type { ErasureBasis } from '#domain/events/values.js';
import type { StreamWriter } from '../write/stream-writer.js';

export interface ErasureRequest {
  studentId: string;
  erasureId: string;
  legalBasis: ErasureBasis;
  reason: string;
  actor: Actor;
  today: string;
  eventIds?: readonly string[];
}

export interface ErasureDeps {
  writer: StreamWriter;
  keys: DataKeys;
  /** The student's case ids (the cases read model). */
  casesOf: (studentId: string) => Promise<readonly string[]>;
}

/** Records the erasure and destroys the key; answers the position of the erasure event. */
export async function eraseStudent(deps: ErasureDeps, request: ErasureRequest): Promise<{ position: number; on: string }> {
  const { writer, keys } = deps;
  const { studentId, erasureId, actor, today } = request;
  const stream = studentStream(studentId);
  const loaded = await writer.load(stream, studentDecider);
  if (loaded.state.status !== 'enrolled') throw new NotFoundError('student-not-found', `student ${studentId} not found`, 'studentId');
  if (loaded.state.erased) {
    // A first attempt that stopped between recording and destroying: finish it, and say it was done.
    await keys.destroy(studentId, new Date().toISOString());
    throw new DomainError('already-erased', `student ${studentId} was already erased on ${loaded.state.erased.on}`, 'studentId');
  }
  const caseIds = await deps.casesOf(studentId);
  const archived: string[] = [];
  for (const caseId of caseIds) {
    const { state } = await writer.load(caseStream(caseId), caseDecider);
    if (state.status !== 'none' && state.deposits.length > 0) archived.push(caseId);
  }
  if (archived.length > 0) {
    for (const caseId of caseIds) {
      await blockCase(writer, {
        caseId,
        blockingId: `${erasureId}:${caseId}`,
        reason: 'Krav om sletting: saken er avlevert til arkiv og sperres',
        actor,
        today,
      });
    }
    throw new DomainError(
      'archived',
      `student ${studentId} has a case in the archive: the cases are blocked instead of erased`,
      'studentId',
      {
        caseIds: archived,
      },
    );
  }
  const outcome = await writer.execute(
    stream,
    studentDecider,
    { type: 'EraseStudent', data: { studentId, erasureId, legalBasis: request.legalBasis, reason: request.reason } },
    // An erasure reads no calendar: it is recorded on any day.
    { today, isSchoolDay: () => false },
    { actor, ...(request.eventIds ? { eventIds: request.eventIds } : {}) },
    loaded,
  );
  await keys.destroy(studentId, new Date().toISOString());
  return { position: outcome.position, on: (outcome.events[0]!.data as { on: string }).on };
}

/** Blocks a case unless it is blocked already; answers the position, or null when there was nothing to do. */
export async function blockCase(
  writer: StreamWriter,
  request: { caseId: string; blockingId: string; reason: string; actor: Actor; today: string },
): Promise<number | null> {
  const stream = caseStream(request.caseId);
  const loaded = await writer.load(stream, caseDecider);
  if (loaded.state.status === 'none' || loaded.state.blocked) return null;
  const outcome = await writer.execute(
    stream,
    caseDecider,
    { type: 'BlockCase', data: { caseId: request.caseId, blockingId: request.blockingId, reason: request.reason } },
    { today: request.today },
    { actor: request.actor },
    loaded,
  );
  return outcome.position;
}
