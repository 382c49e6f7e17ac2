/**
 * Port positions for EventStoreDB.
 *
 * ESDB orders `$all` by transaction-log byte offsets; all events of one append share a commit
 * position. The port wants one increasing number per event, so:
 *
 *   position = commitPosition * EVENTS_PER_COMMIT + index of the event within its append
 *
 * (one append call is one ESDB transaction, so that index is the index within the commit; the
 * adapter stores it in the event's metadata so stream reads can compute positions too).
 *
 * Positions are therefore strictly increasing but NOT dense (unlike SQLite): use `p + 1` after a
 * checkpoint `p`, never arithmetic on counts. To read from position p, the adapter starts ESDB at
 * the commit `floor(p / EVENTS_PER_COMMIT)` (the start of that append's transaction, a valid ESDB
 * position) and skips the events of that commit with a smaller index. `fromPosition` must be 1 or
 * derived from a position this adapter returned.
 *
 * Limits: at most EVENTS_PER_COMMIT events per append (enforced), and commit positions below
 * 2^53 / 4096 (a 2 TB transaction log) so positions stay exact JavaScript numbers.
 */
export const EVENTS_PER_COMMIT = 4096;

const MAX_COMMIT = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / EVENTS_PER_COMMIT));

export function toPortPosition(commit: bigint, indexInCommit: number): number {
  if (commit > MAX_COMMIT) throw new RangeError(`commit position ${commit} is beyond what a port position can express`);
  if (indexInCommit >= EVENTS_PER_COMMIT) throw new RangeError(`more than ${EVENTS_PER_COMMIT} events in one commit`);
  return Number(commit) * EVENTS_PER_COMMIT + indexInCommit;
}

/** Where ESDB must start reading to reach port position `position`, and how many of that commit's events to skip. */
export function fromPortPosition(position: number): { commit: bigint; skip: number } {
  const p = Math.max(0, Math.floor(position));
  return { commit: BigInt(Math.floor(p / EVENTS_PER_COMMIT)), skip: p % EVENTS_PER_COMMIT };
}
