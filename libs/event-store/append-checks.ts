import { EventIdConflict, InvalidImport, type ExpectedRevision, type NewEvent, type StoredEvent } from './event-store.port.js';
import { hashEvent } from './hash.js';

/** Rejects calls no adapter can store: empty batches, and one id twice in the same call. */
export function assertAppendable(stream: string, events: readonly NewEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('stream name must be a non-empty string');
  if (!Array.isArray(events) || events.length === 0) throw new TypeError(`stream ${stream}: nothing to append`);
  const seen = events.length > 1 ? new Set<string>() : undefined;
  for (const e of events) {
    if (typeof e.id !== 'string' || e.id.length === 0) throw new TypeError(`stream ${stream}: event without an id`);
    if (typeof e.type !== 'string' || e.type.length === 0) throw new TypeError(`stream ${stream}: event ${e.id} without a type`);
    if (!Number.isInteger(e.schemaVersion)) throw new TypeError(`stream ${stream}: event ${e.id} without an integer schemaVersion`);
    if (seen) {
      if (seen.has(e.id)) throw new EventIdConflict(stream, [e.id], 'the same event id twice in one append');
      seen.add(e.id);
    }
  }
}

/** `current` is the stream's last revision, -1 when the stream does not exist. */
export function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'stream-exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

/** Where earlier stored copies of a call's ids are, in call order (undefined: not stored). */
export interface StoredIdLocation {
  stream: string;
  revision: number;
  position: number;
}

/**
 * Idempotency rule shared by the adapters: when every id of the call is stored, in this stream, at
 * consecutive revisions in call order, the call is a re-append and gets the original result back.
 * None stored: a new append (null). Anything in between is a conflict.
 */
export function idempotentResult(
  stream: string,
  ids: readonly string[],
  found: readonly (StoredIdLocation | undefined)[],
): { nextRevision: number; position: number } | null {
  const stored = found.filter((f) => f !== undefined);
  if (stored.length === 0) return null;
  const consistent = stored.length === ids.length && found.every((f, i) => f!.stream === stream && f!.revision === found[0]!.revision + i);
  if (!consistent) {
    throw new EventIdConflict(
      stream,
      ids.filter((_, i) => found[i] !== undefined),
      'event ids already stored elsewhere',
    );
  }
  const last = found[found.length - 1]!;
  return { nextRevision: last.revision, position: last.position };
}

/**
 * The import rule every adapter applies to one envelope stored elsewhere (EventImporter): 'skip'
 * when its id is stored with the same hash, 'import' when it extends its stream's chain exactly
 * and its hash is its own; InvalidImport otherwise.
 */
export function importDecision(
  e: StoredEvent,
  storedHash: string | undefined,
  head: { revision: number; hash: string } | null,
): 'skip' | 'import' {
  if (storedHash !== undefined) {
    if (storedHash !== e.hash) throw new InvalidImport(e.id, 'id already stored with another hash');
    return 'skip';
  }
  if (hashEvent(e) !== e.hash) throw new InvalidImport(e.id, 'hash does not match the envelope');
  if (e.revision !== (head ? head.revision + 1 : 0) || e.previousHash !== (head ? head.hash : null)) {
    throw new InvalidImport(e.id, `does not extend stream ${e.stream} (revision ${e.revision})`);
  }
  return 'import';
}
