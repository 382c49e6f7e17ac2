/**
 * Reads of `$all` shared between readers. The projector runs one subscription per projection over
 * the same `$all`, and during a catch-up they read the same windows one after another. A full
 * window (`maxCount` rows from a position, or a full by-stream page up to a committed position)
 * never changes, since rows are never updated or deleted and positions are dense, so its parse is
 * kept and shared. Each reader gets its own array; the events in it are shared and, like all
 * stored events, not to be mutated.
 */
import type { CatchUpSubscription } from '../catch-up-subscription.js';
import type { PayloadEvent, StoredEvent, StreamCursor } from '../event-store.port.js';
import { toPayload, toStored } from './rows.js';
import type { Statements } from './statements.js';

/** Full batches kept parsed, per kind of read. */
const RECENT_BATCHES = 8;

/** Keeps a full window and hands out a copy of the array; a short one is only returned. */
function keepFull<E>(kept: Map<string, E[]>, key: string, maxCount: number, events: E[]): E[] {
  if (maxCount <= 0 || events.length !== maxCount) return events;
  kept.set(key, events);
  if (kept.size > RECENT_BATCHES) kept.delete(kept.keys().next().value!);
  return events.slice();
}

function byStreamKey(toPosition: number, after: StreamCursor | undefined, maxCount: number): string {
  return `${toPosition}\u0000${after?.stream ?? ''}\u0000${after?.revision ?? -1}\u0000${maxCount}`;
}

export class SharedReads {
  private readonly recentBatches = new Map<string, StoredEvent[]>();
  private readonly recentPayloads = new Map<string, PayloadEvent[]>();
  /**
   * Two stream-partitioned projections catching up side by side (one reading payloads, one whole
   * events) read the same pages turn by turn; walking the (stream, revision) index and fetching
   * each row is most of their cost, so it is done once for both.
   */
  private readonly recentByStream = new Map<string, StoredEvent[]>();
  /** The `toPosition` of the last whole by-stream read: payload reads of that pass read whole too, to share them. */
  private wholeByStreamTo: number | undefined;
  /** Subscriptions that read whole events, while they run. */
  readonly wholeSubscriptions = new Set<CatchUpSubscription>();

  constructor(private readonly stmt: Statements) {}

  readAll(fromPosition: number, maxCount: number): StoredEvent[] {
    return this.stmt.all.all(fromPosition, maxCount).map(toStored);
  }

  events(fromPosition: number, maxCount: number): StoredEvent[] {
    const key = `${fromPosition}:${maxCount}`;
    const cached = this.recentBatches.get(key);
    if (cached) return cached.slice();
    return keepFull(this.recentBatches, key, maxCount, this.readAll(fromPosition, maxCount));
  }

  payloads(fromPosition: number, maxCount: number): PayloadEvent[] {
    const key = `${fromPosition}:${maxCount}`;
    const cached = this.recentBatches.get(key) ?? this.recentPayloads.get(key);
    if (cached) return cached.slice();
    // A subscription to whole events that will read this window while it is still kept: read it
    // whole once for both. The projector's runners take one batch per turn of the event loop, so
    // in a catch-up of all projections they read the same windows, and a lean read of its own
    // would be a second read of $all; a projection rebuilt alone reads lean.
    for (const s of this.wholeSubscriptions) {
      const behind = fromPosition - s.nextPosition;
      if (behind >= 0 && behind < RECENT_BATCHES * maxCount) return this.events(fromPosition, maxCount);
    }
    return keepFull(this.recentPayloads, key, maxCount, this.stmt.allPayloads.all(fromPosition, maxCount).map(toPayload));
  }

  payloadsByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): PayloadEvent[] {
    const cached = this.recentByStream.get(byStreamKey(toPosition, after, maxCount));
    if (cached) return cached.slice();
    if (this.wholeByStreamTo === toPosition) return this.eventsByStream(toPosition, after, maxCount);
    // '' sorts before every stream name (names are non-empty), and -1 before every revision.
    return this.stmt.byStream.all(after?.stream ?? '', after?.revision ?? -1, toPosition, maxCount).map(toPayload);
  }

  eventsByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): StoredEvent[] {
    this.wholeByStreamTo = toPosition;
    const key = byStreamKey(toPosition, after, maxCount);
    const cached = this.recentByStream.get(key);
    if (cached) return cached.slice();
    const rows = this.stmt.eventsByStream.all(after?.stream ?? '', after?.revision ?? -1, toPosition, maxCount);
    return keepFull(this.recentByStream, key, maxCount, rows.map(toStored));
  }
}
