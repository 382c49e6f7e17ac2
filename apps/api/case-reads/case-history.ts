import type { StoredEvent } from '#event-store/event-store.port.js';
import { describeEventType } from '#domain/events/describe-event-type.js';

/** One entry of GET /cases/:caseId/history, as api.md lists it, plus a plain-words label. */
export interface HistoryEntry {
  revision: number;
  position: number;
  type: string;
  /** "Møte holdt / Meeting held": for the person reading the history. */
  label: string;
  data: unknown;
  /** `name`: as the actor's token gave it when they acted; null for the system and for events recorded before names were kept. */
  actor: { id: string; role: string; name: string | null };
  occurredAt: string;
  recordedAt: string;
  hash: string;
  previousHash: string | null;
}

export function historyEntry(event: StoredEvent): HistoryEntry {
  return {
    revision: event.revision,
    position: event.position,
    type: event.type,
    label: describeEventType(event.type),
    data: event.data,
    actor: { id: event.metadata.actor.id, role: event.metadata.actor.role, name: event.metadata.actor.name ?? null },
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}
