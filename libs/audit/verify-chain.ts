import type { StoredEvent } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';

/** Why a chain is broken, in the order the checks run for each event. */
export type ChainBreak =
  /** The event belongs to another stream than the first event. */
  | 'wrong-stream'
  /** The revision at this position is not the next one: an event was removed, duplicated or moved. */
  | 'revision-gap'
  /** `previousHash` does not name the hash of the event before it (`null` for revision 0). */
  | 'previous-hash-mismatch'
  /** The stored `hash` is not the SHA-256 of the envelope: data, metadata or the hash itself changed. */
  | 'hash-mismatch';

export type ChainVerification = { valid: true; events: number } | { valid: false; brokenAt: number; reason: ChainBreak };

/**
 * Verifies one stream's hash chain as read from the store, oldest first and from revision 0.
 *
 * `brokenAt` is the revision expected at the first position where the chain does not hold, so a
 * removed event is named by its own (missing) revision and a swap by the first revision out of
 * place. An event whose data was changed *and* rehashed is consistent in itself; the break then
 * shows at the next revision, whose `previousHash` no longer matches. Removing the last events of
 * a stream leaves a shorter chain that is still intact: only an outside record of the head
 * (revision and hash) can catch that.
 */
export function verifyChain(events: readonly StoredEvent[]): ChainVerification {
  const stream = events[0]?.stream;
  let previousHash: string | null = null;
  for (let expected = 0; expected < events.length; expected++) {
    const event = events[expected]!;
    const broken = (reason: ChainBreak): ChainVerification => ({ valid: false, brokenAt: expected, reason });
    if (event.stream !== stream) return broken('wrong-stream');
    if (event.revision !== expected) return broken('revision-gap');
    if (event.previousHash !== previousHash) return broken('previous-hash-mismatch');
    if (hashEvent(event) !== event.hash) return broken('hash-mismatch');
    previousHash = event.hash;
  }
  return { valid: true, events: events.length };
}
