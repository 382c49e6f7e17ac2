import { randomUUID } from 'node:crypto';
import type { Actor, EventStore, ExpectedRevision, StoredEvent } from '../../../libs/event-store/event-store.port.js';
import { WrongExpectedRevision } from '../../../libs/event-store/event-store.port.js';
import type { Decider } from '../../../libs/domain/shared/decider.js';
import type { DomainEvent } from '../../../libs/domain/events/event.js';
import { upcastEvent } from './upcast-stored.js';

export interface WriteMeta {
  actor: Actor;
  correlationId?: string;
  causationId?: string;
  /** When the command was issued; default now. */
  occurredAt?: string;
  /** The client's `If-Match`: the revision it last saw. A mismatch answers 409. */
  expectedRevision?: number;
  /** Ids for the new events, in order (deterministic ids make re-appends idempotent). */
  eventIds?: readonly string[];
}

export interface WriteOutcome<State> {
  events: DomainEvent[];
  /** Revision of the stream's last event after the write (-1 for an empty stream). */
  revision: number;
  /** Global position of the last event appended, or of the stream's head when nothing was appended. */
  position: number;
  state: State;
}

/** The state of one stream, folded from its events. */
export interface LoadedStream<State> {
  state: State;
  revision: number;
  position: number;
}

/**
 * Load → decide → append, with optimistic concurrency: the append expects the revision the
 * state was folded from, so a concurrent writer makes this one fail with 409 rather than
 * both deciding on stale state. `decide` throws domain errors before anything is appended.
 */
export class StreamWriter {
  /**
   * Folded states by stream. States are immutable, so a cached one is safe to share; a load
   * reads only the events after the cached revision, which keeps a busy student's stream
   * from being re-read and re-folded on every registration.
   */
  private readonly cache = new Map<string, { decider: unknown; loaded: LoadedStream<unknown> }>();

  constructor(
    private readonly store: EventStore,
    private readonly cacheSize = 20_000,
  ) {}

  async load<C, E extends DomainEvent, S, X>(stream: string, decider: Decider<C, E, S, X>): Promise<LoadedStream<S>> {
    const hit = this.cache.get(stream);
    const base = hit && hit.decider === decider ? (hit.loaded as LoadedStream<S>) : undefined;
    const stored = await this.store.readStream(stream, base ? { fromRevision: base.revision + 1 } : undefined);
    let state = base ? base.state : decider.initialState();
    for (const event of stored) state = decider.evolve(state, upcastEvent(event) as E);
    const last = stored.at(-1);
    const loaded: LoadedStream<S> = last
      ? { state, revision: last.revision, position: last.position }
      : (base ?? { state, revision: -1, position: 0 });
    this.remember(stream, decider, loaded);
    return loaded;
  }

  private remember(stream: string, decider: unknown, loaded: LoadedStream<unknown>): void {
    if (loaded.revision < 0) return;
    this.cache.delete(stream); // re-insert: Map order is the LRU order
    this.cache.set(stream, { decider, loaded });
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  async execute<C, E extends DomainEvent, S, X>(
    stream: string,
    decider: Decider<C, E, S, X>,
    command: C,
    context: X,
    meta: WriteMeta,
    loaded?: LoadedStream<S>,
  ): Promise<WriteOutcome<S>> {
    const current = loaded ?? (await this.load(stream, decider));
    if (meta.expectedRevision !== undefined && meta.expectedRevision !== current.revision) {
      throw new WrongExpectedRevision(stream, meta.expectedRevision, current.revision < 0 ? 'no-stream' : current.revision);
    }
    const events = decider.decide(command, current.state, context);
    if (events.length === 0) return { events, revision: current.revision, position: current.position, state: current.state };
    const expected: ExpectedRevision = current.revision < 0 ? 'no-stream' : current.revision;
    const occurredAt = meta.occurredAt ?? new Date().toISOString();
    const result = await this.store.appendToStream(
      stream,
      events.map((event, i) => ({
        id: meta.eventIds?.[i] ?? randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { actor: meta.actor, occurredAt, correlationId: meta.correlationId, causationId: meta.causationId },
      })),
      { expectedRevision: expected },
    );
    const state = events.reduce((s, e) => decider.evolve(s, e), current.state);
    // An id-idempotent re-append returns the original result: then the cache may be behind.
    if (result.nextRevision === current.revision + events.length) {
      this.remember(stream, decider, { state, revision: result.nextRevision, position: result.position });
    } else {
      this.cache.delete(stream);
    }
    return { events, revision: result.nextRevision, position: result.position, state };
  }
}

export type { StoredEvent };
