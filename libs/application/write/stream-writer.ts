import { randomUUID } from 'node:crypto';
import type { Actor, AppendResult, EventStore, ExpectedRevision, NewEvent, StoredEvent } from '#event-store/event-store.port.js';
import { WrongExpectedRevision } from '#event-store/event-store.port.js';
import type { Decider } from '#domain/shared/decider.js';
import type { DomainEvent } from '#domain/events/event.js';
import { upcastEvent } from './upcast-stored.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { estimateBytes } from '#event-store/cache/estimate-bytes.js';

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
  /**
   * With `eventIds` derived from an Idempotency-Key: when an event with one of them is already
   * in the stream (a first run that appended and then died before its key was completed),
   * answer with that append's revision and position and decide nothing.
   */
  recoverIfStored?: boolean;
}

/** How far back `findStored` looks: past the idempotency retention (24 h), a key is not replayed. */
const RECOVERY_HORIZON_MS = 25 * 60 * 60 * 1000;
const RECOVERY_PAGE = 100;

export interface WriteOutcome<State> {
  events: DomainEvent[];
  /** Revision of the stream's last event after the write (-1 for an empty stream). */
  revision: number;
  /** Global position of the last event appended, or of the stream's head when nothing was appended. */
  position: number;
  state: State;
}

/**
 * The write cache's default limit (CACHE_WRITE_MIB): some ten thousand students' folded years, a
 * few KB each. Under the POST benchmark 32 MiB answered as often as 64 (hit ratio 0.763 and 0.764;
 * BENCHMARKS.md, fourteenth round): the misses are students written for the first time.
 */
export const WRITE_CACHE_BYTES = 32 * 1024 * 1024;

/** An empty state's estimated bytes, before any event is folded into it. */
const STATE_BYTES = 256;

/** A folded state and what it is estimated to keep on the heap. */
type CachedState = { decider: unknown; loaded: LoadedStream<unknown>; bytes: number };

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
   * from being re-read and re-folded on every registration. Bounded by bytes: a state's size is
   * estimated as the sum of the events folded into it (a student's state keeps what its
   * registrations carried), counted as they are read rather than by walking the state.
   */
  private readonly cache: BoundedCache<string, CachedState>;
  /** The write in progress per stream (see `execute`). */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    cacheBytes = WRITE_CACHE_BYTES,
  ) {
    this.cache = new BoundedCache<string, CachedState>('write-states', cacheBytes, (entry) => entry.bytes);
  }

  async load<C, E extends DomainEvent, S, X>(stream: string, decider: Decider<C, E, S, X>): Promise<LoadedStream<S>> {
    const hit = this.cache.get(stream);
    const base = hit && hit.decider === decider ? (hit.loaded as LoadedStream<S>) : undefined;
    let bytes = base ? hit!.bytes : STATE_BYTES;
    const fromRevision = base ? base.revision + 1 : 0;
    const stored = await this.store.readStreamForFold(stream, fromRevision);
    const start = base ? base.state : decider.initialState();
    const events = stored.map((event) => upcastEvent(event) as E);
    const state = decider.evolveAll ? decider.evolveAll(start, events) : events.reduce((s, e) => decider.evolve(s, e), start);
    for (const event of stored) bytes += estimateBytes(event.data);
    const last = stored.at(-1);
    const loaded: LoadedStream<S> = last
      ? { state, revision: last.revision, position: last.position }
      : (base ?? { state, revision: -1, position: 0 });
    this.remember(stream, decider, loaded, bytes);
    return loaded;
  }

  /** Drops every folded state: after an erasure, none may keep a name or free text the store now reads as erased. */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Whether a load of `stream` would start from a folded state in the cache (and read only what follows it). */
  holds(stream: string): boolean {
    return this.cache.has(stream);
  }

  private remember(stream: string, decider: unknown, loaded: LoadedStream<unknown>, bytes: number): void {
    if (loaded.revision < 0) return;
    this.cache.set(stream, { decider, loaded, bytes }, bytes);
  }

  async execute<C, E extends DomainEvent, S, X>(
    stream: string,
    decider: Decider<C, E, S, X>,
    command: C,
    context: X,
    meta: WriteMeta,
    loaded?: LoadedStream<S>,
  ): Promise<WriteOutcome<S>> {
    // Writes to one stream in this process run one after another (the store commits appends in
    // groups on the next turn of the event loop, so a second writer could otherwise load the state
    // before the first one's append is committed). A writer that waited loads the stream afresh.
    const prior = this.writing.get(stream);
    const run = (async () => {
      if (prior) await prior.catch(() => undefined);
      return this.executeOnce(stream, decider, command, context, meta, prior ? undefined : this.fresh(stream, loaded));
    })();
    this.writing.set(stream, run);
    try {
      return await run;
    } finally {
      if (this.writing.get(stream) === run) this.writing.delete(stream);
    }
  }

  /** `loaded`, unless a write of this writer has moved the stream on since it was loaded. */
  private fresh<S>(stream: string, loaded: LoadedStream<S> | undefined): LoadedStream<S> | undefined {
    const cached = this.cache.peek(stream)?.loaded;
    return loaded && cached && cached.revision > loaded.revision ? undefined : loaded;
  }

  private async executeOnce<C, E extends DomainEvent, S, X>(
    stream: string,
    decider: Decider<C, E, S, X>,
    command: C,
    context: X,
    meta: WriteMeta,
    loaded?: LoadedStream<S>,
  ): Promise<WriteOutcome<S>> {
    if (meta.recoverIfStored && meta.eventIds && meta.eventIds.length > 0) {
      // Before If-Match and decide: the first run's append moved the revision and changed the state.
      const stored = await this.findStored(stream, meta.eventIds);
      if (stored) {
        const state = (loaded ?? (await this.load(stream, decider))).state;
        return { events: [], revision: stored.revision, position: stored.position, state };
      }
    }
    const current = loaded ?? (await this.load(stream, decider));
    if (meta.expectedRevision !== undefined && meta.expectedRevision !== current.revision) {
      throw new WrongExpectedRevision(stream, meta.expectedRevision, current.revision < 0 ? 'no-stream' : current.revision);
    }
    const events = decider.decide(command, current.state, context);
    if (events.length === 0) return { events, revision: current.revision, position: current.position, state: current.state };
    const occurredAt = meta.occurredAt ?? new Date().toISOString();
    const metadata = { actor: meta.actor, occurredAt, correlationId: meta.correlationId, causationId: meta.causationId };
    const newEvents = events.map((event, i) => ({
      id: meta.eventIds?.[i] ?? randomUUID(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    }));
    const state = events.reduce((s, e) => decider.evolve(s, e), current.state);
    const result = await this.appendDecided(stream, decider, newEvents, { revision: current.revision, state });
    return { events, revision: result.nextRevision, position: result.position, state };
  }

  /**
   * Appends events already decided against the state folded at `after.revision`, expecting that
   * revision, and remembers `after.state` (the state after them) as the stream's. Every write of the
   * API, the CLI and the demo reaches the store here; `execute` and `DecidedStream.flush` call it.
   */
  async appendDecided<S>(
    stream: string,
    decider: unknown,
    events: NewEvent[],
    after: { revision: number; state: S },
  ): Promise<AppendResult> {
    const expected: ExpectedRevision = after.revision < 0 ? 'no-stream' : after.revision;
    const result = await this.store.appendToStream(stream, events, { expectedRevision: expected });
    // An id-idempotent re-append returns the original result: then the cache may be behind.
    if (result.nextRevision === after.revision + events.length) {
      // The folded state grows by what the new events carry; a state not in the cache is measured whole.
      const before = this.cache.peek(stream);
      let bytes = before && before.loaded.revision === after.revision ? before.bytes : estimateBytes(after.state);
      for (const event of events) bytes += estimateBytes(event.data);
      this.remember(stream, decider, { state: after.state, revision: result.nextRevision, position: result.position }, bytes);
    } else {
      this.cache.delete(stream);
    }
    return result;
  }

  /**
   * The last stored event of `stream` whose id is one of `ids`, looking back from the head over
   * the events recorded in the last 25 hours (pages of 100); null when there is none.
   */
  async findStored(stream: string, ids: readonly string[]): Promise<{ revision: number; position: number } | null> {
    const wanted = new Set(ids);
    const horizon = Date.now() - RECOVERY_HORIZON_MS;
    let fromRevision: number | undefined;
    for (;;) {
      const page = await this.store.readStream(stream, {
        direction: 'backwards',
        maxCount: RECOVERY_PAGE,
        ...(fromRevision === undefined ? {} : { fromRevision }),
      });
      for (const event of page) {
        if (wanted.has(event.id)) return { revision: event.revision, position: event.position };
        if (Date.parse(event.metadata.recordedAt) < horizon) return null;
      }
      const oldest = page.at(-1);
      if (page.length < RECOVERY_PAGE || !oldest || oldest.revision === 0) return null;
      fromRevision = oldest.revision - 1;
    }
  }
}

export type { StoredEvent };
