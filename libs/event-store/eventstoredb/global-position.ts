/**
 * Port positions for EventStoreDB: the event's commit position in the transaction log.
 *
 * On the servers this adapter is written for (EventStoreDB 20 and later, KurrentDB), every event
 * of an append has a commit position of its own, so no encoding is needed: positions are strictly
 * increasing but NOT dense (they are byte offsets), so use `p + 1` after a checkpoint `p`, never
 * arithmetic on counts. Lag measured on them is in bytes of log, not in events (the lag gauge
 * says so). A read that meets two events with one commit position (an explicit transaction of an
 * old server) fails loudly rather than hand out positions that do not order.
 *
 * Positions must stay below 2^53 (8 PiB of log) to be exact JavaScript numbers.
 */
export function toPortPosition(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`commit position ${commit} is beyond what a port position can express`);
  return Number(commit);
}

/** The ESDB position to start a forward read of `$all` at port position `position` (inclusive). */
export function fromPortPosition(position: number): { commit: bigint; prepare: bigint } {
  const p = BigInt(Math.max(0, Math.floor(position)));
  return { commit: p, prepare: p };
}

export class SharedCommitPosition extends Error {
  override readonly name = 'SharedCommitPosition';
  constructor(commit: bigint) {
    super(
      `two events share the commit position ${commit}: this server writes multi-event transactions with one commit ` +
        'position, which the adapter does not support (use EventStoreDB 20 or later, or KurrentDB)',
    );
  }
}
