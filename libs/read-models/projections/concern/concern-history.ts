/**
 * GET /students/:studentId/concern/history (api.md, Absence): every recorded change of the
 * student's level with what caused it. Changes recorded before `cause` was part of the event
 * take it from the causing event (on the student's stream; a case event otherwise).
 */
import type { StoredEvent } from '#event-store/event-store.port.js';
import type { ConcernCause, ConcernLevel, ConcernLevelChanged, ConcernTrigger } from '#domain/events/index.js';
import { concernCauseOf } from './concern-saga.js';

export interface ConcernHistoryEntry {
  level: ConcernLevel;
  previous: ConcernLevel;
  /** The business date the level holds from. */
  on: string;
  cause: ConcernCause;
  triggers: readonly ConcernTrigger[];
  recordedAt: string;
}

export function concernHistory(studentEvents: readonly StoredEvent[]): ConcernHistoryEntry[] {
  const typeOf = new Map(studentEvents.map((e) => [e.id, e.type]));
  return studentEvents
    .filter((e) => e.type === 'ConcernLevelChanged')
    .map((e) => {
      const d = e.data as ConcernLevelChanged['data'];
      const causedBy = e.metadata.causationId === undefined ? undefined : typeOf.get(e.metadata.causationId);
      const cause = d.cause ?? (causedBy === undefined ? (e.metadata.causationId ? 'case' : 'time') : concernCauseOf(causedBy));
      return { level: d.to, previous: d.from, on: d.asOf, cause, triggers: d.triggers, recordedAt: e.metadata.recordedAt };
    });
}
