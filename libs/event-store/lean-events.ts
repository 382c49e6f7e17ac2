import type { FoldEvent, PayloadEvent, StoredEvent } from './event-store.port.js';

/** What a fold reads of a stored event, for an adapter that reads whole envelopes anyway. */
export function foldEventOf(e: StoredEvent): FoldEvent {
  return { type: e.type, schemaVersion: e.schemaVersion, data: e.data, revision: e.revision, position: e.position };
}

/** What a payload subscriber reads of a stored event, likewise. */
export function payloadOf(e: StoredEvent): PayloadEvent {
  return { position: e.position, stream: e.stream, revision: e.revision, type: e.type, schemaVersion: e.schemaVersion, data: e.data };
}
