/**
 * Decides commands one at a time against a stream's evolving state and appends them in one
 * multi-event append with the revision the state was folded from. One append (one fsync)
 * per batch instead of one per event is what lets the generator write a million events in
 * minutes; every event still comes from the real decider and goes through the store port.
 */
import type { DomainEvent } from '#domain/events/event.js';
import type { Decider } from '#domain/shared/decider.js';
import type { Actor, AppendResult, NewEvent } from '#event-store/event-store.port.js';
import type { StreamWriter } from './stream-writer.js';

/** A command with who issued it and when. */
export interface Planned<C> {
  command: C;
  actor: Actor;
  /** ISO instant: the business time it happened (the envelope's occurredAt). */
  occurredAt: string;
}

export class DecidedStream<C, E extends DomainEvent, S, X> {
  private pending: NewEvent[] = [];
  private state: S;
  /** Revision of the last stored event of the stream (-1: none). */
  private storedRevision: number;
  /** Events appended by this instance. */
  appended = 0;

  constructor(
    readonly stream: string,
    private readonly decider: Decider<C, E, S, X>,
    private readonly context: X,
    /** The id of the event at `revision`; deterministic ids make a re-run append nothing. */
    private readonly eventId: (stream: string, revision: number) => string,
    loaded?: { state: S; revision: number },
  ) {
    this.state = loaded?.state ?? decider.initialState();
    this.storedRevision = loaded?.revision ?? -1;
  }

  get current(): S {
    return this.state;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Decides one command (a refusal throws and leaves the state as it was) and queues its
   * events. `ids` names the events instead of the revision-based ids (an import derives them
   * from its source ids).
   */
  decide(planned: Planned<C>, ids?: readonly string[]): E[] {
    const events = this.decider.decide(planned.command, this.state, this.context);
    for (const [i, event] of events.entries()) {
      const revision = this.storedRevision + this.pending.length + 1;
      this.state = this.decider.evolve(this.state, event);
      this.pending.push({
        id: ids?.[i] ?? this.eventId(this.stream, revision),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { actor: planned.actor, occurredAt: planned.occurredAt },
      });
    }
    return events;
  }

  /** Appends what was decided since the last flush through `writer`; a concurrent writer makes it fail with WrongExpectedRevision. */
  async flush(writer: StreamWriter): Promise<AppendResult | null> {
    if (this.pending.length === 0) return null;
    const batch = this.pending;
    const result = await writer.appendDecided(this.stream, this.decider, batch, { revision: this.storedRevision, state: this.state });
    this.pending = [];
    this.storedRevision = result.nextRevision;
    this.appended += batch.length;
    return result;
  }
}
