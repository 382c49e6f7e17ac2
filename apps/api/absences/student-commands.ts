import type { Actor } from '#event-store/event-store.port.js';
import type { StudentCommand } from '#domain/student/index.js';

/**
 * One CQRS command for every write on a student's stream: the controller builds the domain
 * command (the shapes are the domain's), the handler loads the student and its school's
 * calendar and decides. `eventIds` lets a caller make the append id-idempotent.
 */
export class StudentWriteCommand {
  constructor(
    readonly studentId: string,
    readonly command: StudentCommand,
    readonly actor: Actor,
    readonly eventIds?: readonly string[],
    /** The Idempotency-Key's first run died mid-request: answer from its stored events if any. */
    readonly recoverIfStored = false,
  ) {}
}
