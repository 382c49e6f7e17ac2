/**
 * Task ids: `<studentId>.<hash>`, the hash (20 hex digits) of the student and the step's
 * occurrence key (`stepId@trigger`). The student comes first so that a write to a task
 * (completion, waiver) is judged on the student's access rules before anything is read; the
 * hash keeps the rest opaque and of fixed length, so the student id is what comes before it.
 */
import { createHash } from 'node:crypto';

const HASH_LENGTH = 20;

export function taskId(studentId: string, stepKey: string): string {
  const hash = createHash('sha256').update(`${studentId}\u0000${stepKey}`).digest('hex').slice(0, HASH_LENGTH);
  return `${studentId}.${hash}`;
}

/** The student a task id names, or undefined for a string that is not a task id. */
export function studentOfTask(id: string): string | undefined {
  const cut = id.length - HASH_LENGTH - 1;
  if (cut < 1 || id[cut] !== '.' || !/^[0-9a-f]+$/.test(id.slice(cut + 1))) return undefined;
  return id.slice(0, cut);
}
