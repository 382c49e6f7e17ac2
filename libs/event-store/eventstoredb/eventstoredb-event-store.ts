import { EventEmitter } from 'node:events';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamSubscription,
  type JSONType,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import { assertAppendable, idempotentResult, revisionMatches } from '../append-checks.js';
import { catchUpSubscription, type CatchUpSubscription } from '../catch-up-subscription.js';
import {
  InvalidImport,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventImporter,
  type EventStore,
  type EventStoreCapabilities,
  type FoldEvent,
  type PayloadBatchHandler,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { hashEvent } from '../hash.js';
import { foldEventOf, payloadOf } from '../lean-events.js';
import { fromEsdbMetadata, toEsdbMetadata, type EsdbMetadata } from './envelope-metadata.js';
import { EVENTS_PER_COMMIT, fromPortPosition, toPortPosition } from './global-position.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  connectionString: string;
  /** Fallback poll for live subscriptions if the server push is lost. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Streams whose head and ids are kept in memory for appends. Default 1000. */
  cachedStreams?: number;
}

/** What this process knows about a stream; refreshed from the server before every append. */
interface StreamState {
  /** Last revision, -1 for no stream. */
  revision: number;
  hash: string | null;
  /** Event id → revision, for idempotent re-appends (ESDB has no lookup by event id). */
  ids: Map<string, number>;
}

/** One event written by this adapter (system and foreign events are not part of the port's view). */
interface Decoded {
  event: StoredEvent;
  /** Undefined when the server did not report a log position for the read (older servers, stream reads). */
  commit: bigint | undefined;
  indexInAppend: number;
}

const MAX_RETRIES = 50;
/** Servers that know no position for a stream read report the max unsigned 64-bit value. */
const NO_POSITION = 2n ** 63n;

/**
 * EventStoreDB adapter (`@eventstore/db-client` v6).
 *
 * - Event ids are ESDB event ids. The port metadata plus schemaVersion, revision, previousHash,
 *   hash and indexInAppend travel in ESDB's metadata (envelope-metadata.ts).
 * - Positions: strictly increasing, not dense; see global-position.ts.
 * - Hash chain: every append is sent with the exact revision the chain was computed on, so a
 *   concurrent writer makes ESDB refuse it; the adapter then re-reads and decides again
 *   (an 'any' or 'stream-exists' append is re-chained and retried, a number fails as it should).
 * - Idempotency and id conflicts are checked within the stream. ESDB has no index by event id,
 *   so reuse of an id in another stream is not detected (the contract runs with
 *   `uniqueIdsAcrossStreams: false`).
 * - At most 4096 events per append (position encoding).
 */
export class EventStoreDbEventStore implements EventStore, EventImporter {
  readonly capabilities: EventStoreCapabilities = { importer: this };
  private readonly client: EventStoreDBClient;
  private readonly pollIntervalMs: number;
  private readonly cachedStreams: number;
  private readonly states = new Map<string, StreamState>();
  private readonly streamLocks = new Map<string, Promise<unknown>>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private live?: AllStreamSubscription;
  private closed?: Promise<void>;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.cachedStreams = options.cachedStreams ?? 1000;
  }

  async appendToStream(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(stream, events);
    if (events.length > EVENTS_PER_COMMIT) throw new RangeError(`at most ${EVENTS_PER_COMMIT} events per append`);
    const expected = options.expectedRevision ?? 'any';
    const recordedAt = new Date().toISOString();
    const ids = events.map((e) => e.id);

    return this.withStreamLock(stream, async () => {
      for (let attempt = 0; ; attempt++) {
        const state = await this.refresh(stream);
        const again = idempotentResult(
          stream,
          ids,
          ids.map((id) => {
            const revision = state.ids.get(id);
            return revision === undefined ? undefined : { stream, revision, position: 0 };
          }),
        );
        if (again) return { nextRevision: again.nextRevision, position: await this.positionOf(stream, again.nextRevision) };
        if (!revisionMatches(expected, state.revision)) {
          throw new WrongExpectedRevision(stream, expected, state.revision < 0 ? 'no-stream' : state.revision);
        }

        let previousHash = state.hash;
        const stored: StoredEvent[] = events.map((e, i) => {
          const envelope = {
            id: e.id,
            stream,
            revision: state.revision + 1 + i,
            type: e.type,
            schemaVersion: e.schemaVersion,
            data: e.data,
            metadata: { ...e.metadata, recordedAt },
            previousHash,
          };
          const hash = hashEvent(envelope);
          previousHash = hash;
          return { ...envelope, position: 0, hash };
        });
        try {
          const position = await this.write(stream, state.revision, stored);
          return { nextRevision: state.revision + events.length, position };
        } catch (error) {
          // Someone else appended since the refresh: re-read, then answer or re-chain.
          if (error instanceof WrongExpectedVersionError && attempt < MAX_RETRIES) continue;
          throw error;
        }
      }
    });
  }

  /** Appends envelopes that are complete (revision and chain computed) with ESDB's exact revision check. */
  private async write(stream: string, currentRevision: number, events: StoredEvent[]): Promise<number> {
    const result = await this.client.appendToStream(
      stream,
      events.map((e, indexInAppend) =>
        jsonEvent({
          id: e.id,
          type: e.type,
          // Any JSON value is fine on the wire; the client's type only names the usual ones.
          data: e.data as JSONType,
          metadata: toEsdbMetadata(e.metadata, {
            schemaVersion: e.schemaVersion,
            indexInAppend,
            revision: e.revision,
            previousHash: e.previousHash,
            hash: e.hash,
          }) as unknown as JSONType,
        }),
      ),
      { expectedRevision: currentRevision < 0 ? NO_STREAM : BigInt(currentRevision) },
    );
    const state = this.states.get(stream);
    if (state) {
      for (const e of events) state.ids.set(e.id, e.revision);
      state.revision = events[events.length - 1]!.revision;
      state.hash = events[events.length - 1]!.hash;
    }
    this.appended.emit('appended');
    if (!result.position) return this.positionOf(stream, events[events.length - 1]!.revision);
    return toPortPosition(result.position.commit, events.length - 1);
  }

  /** Brings the cached head and ids of a stream up to date (reads only what is new). */
  private async refresh(stream: string): Promise<StreamState> {
    let state = this.states.get(stream);
    this.states.delete(stream); // re-inserted below: Map order doubles as least-recently-used order
    state ??= { revision: -1, hash: null, ids: new Map() };
    for (const { event } of await this.readStreamDecoded(stream, { fromRevision: state.revision + 1 })) {
      state.ids.set(event.id, event.revision);
      state.revision = event.revision;
      state.hash = event.hash;
    }
    this.states.set(stream, state);
    if (this.states.size > this.cachedStreams) this.states.delete(this.states.keys().next().value!);
    return state;
  }

  private async withStreamLock<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const previous = this.streamLocks.get(stream) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.streamLocks.set(stream, current);
    try {
      return await current;
    } finally {
      if (this.streamLocks.get(stream) === current) this.streamLocks.delete(stream);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.withPositions(await this.readStreamDecoded(stream, options));
  }

  private async readStreamDecoded(stream: string, options: ReadStreamOptions): Promise<Decoded[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) }),
    });
    const out: Decoded[] = [];
    try {
      for await (const resolved of read) {
        const decoded = resolved.event && decode(resolved.event);
        if (decoded) out.push(decoded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** Stream reads may come without log positions; those are then looked up in `$all`. */
  private async withPositions(decoded: Decoded[]): Promise<StoredEvent[]> {
    const missing = new Set(decoded.filter((d) => d.commit === undefined).map((d) => d.event.id));
    const found = missing.size > 0 ? await this.findPositionsBackwards(missing) : new Map<string, number>();
    return decoded.map((d) => ({
      ...d.event,
      position: d.commit === undefined ? found.get(d.event.id)! : toPortPosition(d.commit, d.indexInAppend),
    }));
  }

  /** Slow path for servers that report no positions on stream reads: scan `$all` from the end. */
  private async findPositionsBackwards(ids: Set<string>): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    for await (const resolved of read) {
      const decoded = resolved.event && decode(resolved.event);
      if (decoded && ids.has(decoded.event.id) && decoded.commit !== undefined) {
        found.set(decoded.event.id, toPortPosition(decoded.commit, decoded.indexInAppend));
        if (found.size === ids.size) break;
      }
    }
    if (found.size < ids.size) throw new Error(`events not found in $all: ${[...ids].filter((id) => !found.has(id)).join(', ')}`);
    return found;
  }

  private async positionOf(stream: string, revision: number): Promise<number> {
    const [event] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${stream} has no revision ${revision}`);
    return event.position;
  }

  /** The server reads whole envelopes; the fold gets what it needs of them. */
  async readStreamForFold(stream: string, fromRevision: number): Promise<FoldEvent[]> {
    return (await this.readStream(stream, { fromRevision })).map(foldEventOf);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const from = options.fromPosition ?? 1;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return [];
    const { commit } = fromPortPosition(from);
    // Start at the commit's first event: a valid ESDB position; earlier events of it are skipped.
    const fromPosition: Position | typeof START = commit === 0n ? START : { commit, prepare: commit };
    const out: StoredEvent[] = [];
    const read = this.client.readAll({ direction: FORWARDS, fromPosition });
    for await (const resolved of read) {
      const decoded = resolved.event && decode(resolved.event);
      if (!decoded || decoded.commit === undefined) continue;
      const position = toPortPosition(decoded.commit, decoded.indexInAppend);
      if (position < from) continue;
      out.push({ ...decoded.event, position });
      if (out.length >= maxCount) break;
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const subscription = catchUpSubscription(
      {
        read: (from, max) => this.readAll({ fromPosition: from, maxCount: max }),
        onAppended: (listener) => this.onAppended(listener),
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      handler,
    );
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /**
   * Wake-ups for subscriptions: this process's appends directly, other writers' through one live
   * ESDB subscription from the end of `$all` (its events are only a signal; the catch-up reads
   * deliver them, so ordering and positions come from one code path).
   */
  private onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    if (!this.live) {
      this.live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
      this.live.on('data', () => this.appended.emit('appended'));
      // Losing the push only slows delivery to the poll interval; subscriptions keep working.
      this.live.on('error', () => (this.live = undefined));
    }
    return () => {
      this.appended.off('appended', listener);
      if (this.appended.listenerCount('appended') === 0 && this.live) {
        void this.live.unsubscribe().catch(() => undefined);
        this.live = undefined;
      }
    };
  }

  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription {
    return this.subscribeToAll(options, (events) => handler(events.map(payloadOf)));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    for await (const resolved of read) {
      const decoded = resolved.event && decode(resolved.event);
      if (decoded && decoded.commit !== undefined) return toPortPosition(decoded.commit, decoded.indexInAppend);
    }
    return 0;
  }

  /** Scans `$all` (ESDB keeps no list of user streams without projections); for verification and copying. */
  async listStreams(): Promise<string[]> {
    this.assertOpen();
    const streams = new Set<string>();
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: START })) {
      const decoded = resolved.event && decode(resolved.event);
      if (decoded) streams.add(decoded.event.stream);
    }
    return [...streams].sort();
  }

  async importEvents(events: StoredEvent[]): Promise<{ imported: number; skipped: number }> {
    this.assertOpen();
    let imported = 0;
    let skipped = 0;
    // One ESDB append per run of consecutive events of one stream (ESDB appends are per stream).
    for (let start = 0; start < events.length;) {
      const stream = events[start]!.stream;
      let end = start + 1;
      while (end < events.length && events[end]!.stream === stream && end - start < EVENTS_PER_COMMIT) end++;
      const run = events.slice(start, end);
      start = end;
      await this.withStreamLock(stream, async () => {
        const state = await this.refresh(stream);
        const fresh: StoredEvent[] = [];
        for (const e of run) {
          const storedAt = state.ids.get(e.id);
          if (storedAt !== undefined) {
            const [existing] = await this.readStream(stream, { fromRevision: storedAt, maxCount: 1 });
            if (existing?.hash !== e.hash) throw new InvalidImport(e.id, 'id already stored with another hash');
            skipped += 1;
            continue;
          }
          if (hashEvent(e) !== e.hash) throw new InvalidImport(e.id, 'hash does not match the envelope');
          const last = fresh[fresh.length - 1];
          const revision = last ? last.revision : state.revision;
          const hash = last ? last.hash : state.hash;
          if (e.revision !== revision + 1 || e.previousHash !== hash) {
            throw new InvalidImport(e.id, `does not extend stream ${stream} (revision ${e.revision})`);
          }
          fresh.push(e);
        }
        if (fresh.length > 0) await this.write(stream, state.revision, fresh);
        imported += fresh.length;
      });
    }
    return { imported, skipped };
  }

  /** Stops subscriptions, then disposes the gRPC client. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      await this.live?.unsubscribe().catch(() => undefined);
      await this.client.dispose();
    })();
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function decode(recorded: RecordedEvent): Decoded | undefined {
  if (recorded.streamId.startsWith('$') || !recorded.isJson) return undefined;
  const parsed = fromEsdbMetadata(recorded.metadata);
  if (!parsed) return undefined;
  const { envelope, metadata } = parsed;
  const commit = recorded.position && recorded.position.commit < NO_POSITION ? recorded.position.commit : undefined;
  return {
    commit,
    indexInAppend: envelope.indexInAppend,
    event: {
      id: recorded.id,
      stream: recorded.streamId,
      revision: Number(recorded.revision),
      position: 0,
      type: recorded.type,
      schemaVersion: envelope.schemaVersion,
      data: recorded.data,
      metadata,
      previousHash: envelope.previousHash,
      hash: envelope.hash,
    },
  };
}

export type { EsdbMetadata };
