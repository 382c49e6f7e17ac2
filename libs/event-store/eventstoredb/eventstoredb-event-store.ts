import { EventEmitter } from 'node:events';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamSubscription,
  type JSONType,
  type Position,
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
import { toEsdbMetadata, type EsdbMetadata } from './envelope-metadata.js';
import { decode, type Decoded } from './esdb-decode.js';
import { clientConnectionString, consume } from './esdb-reads.js';
import { fromPortPosition, SharedCommitPosition, toPortPosition } from './global-position.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` or `kurrentdb://localhost:2113?tls=false` */
  connectionString: string;
  /** Fallback poll for live subscriptions if the server push is lost. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Streams whose head and ids are kept in memory for appends. Default 1000. */
  cachedStreams?: number;
  /** Bytes of event data and metadata per append when importing. Default 512 KiB (servers before 25.1 refuse appends over 1 MiB). */
  importAppendBytes?: number;
}

/** What this process knows about a stream, as the server stored it; refreshed from the server before and after every append. */
interface StreamState {
  /** Last revision, -1 for no stream. */
  revision: number;
  hash: string | null;
  /** Event id → revision and hash, for idempotent re-appends and re-imports (ESDB has no lookup by event id). */
  ids: Map<string, { revision: number; hash: string }>;
}

/** A stream someone deleted on the server (this service never deletes one). */
export class StreamDeleted extends Error {
  override readonly name = 'StreamDeleted';
  constructor(readonly stream: string) {
    super(`stream ${stream} was deleted in EventStoreDB; this service never deletes streams, so it was done by hand`);
  }
}

const MAX_RETRIES = 50;
/** Events per page when reading `$all` backwards for the head. */
const HEAD_PAGE = 32;

/**
 * EventStoreDB / KurrentDB adapter (`@eventstore/db-client` v6). NOT run against a server here:
 * none can run on these machines; its contract suite runs when EVENTSTORE_URL names one.
 *
 * - Event ids are ESDB event ids. The port metadata plus schemaVersion, revision, previousHash
 *   and hash travel in ESDB's metadata (envelope-metadata.ts).
 * - Positions: the commit position; strictly increasing, not dense (global-position.ts).
 * - Hash chain: every append is sent with the exact revision the chain was computed on, so a
 *   concurrent writer makes ESDB refuse it; the adapter then re-reads and decides again
 *   (an 'any' or 'stream-exists' append is re-chained and retried, a number fails as it should).
 *   After an append, what the server stored is read back: ESDB answers a repeat of the same
 *   event ids at an earlier expected revision with success without comparing content, so two
 *   instances replaying one request may each be told success while only one's envelopes (and
 *   hashes) are stored. Local envelopes are never trusted after an append.
 * - Every read that stops early cancels its gRPC call (esdb-reads.ts).
 * - Idempotency and id conflicts are checked within the stream. ESDB has no index by event id,
 *   so reuse of an id in another stream is not detected (the contract runs with
 *   `uniqueIdsAcrossStreams: false`).
 * - Reading `$all` on a secure cluster needs a user allowed to (by default: admins); put the
 *   credentials in the connection string.
 */
export class EventStoreDbEventStore implements EventStore, EventImporter {
  readonly capabilities: EventStoreCapabilities = { importer: this };
  private readonly client: EventStoreDBClient;
  private readonly pollIntervalMs: number;
  private readonly cachedStreams: number;
  private readonly importAppendBytes: number;
  private readonly states = new Map<string, StreamState>();
  private readonly streamLocks = new Map<string, Promise<unknown>>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private live?: AllStreamSubscription;
  private liveRetry?: NodeJS.Timeout;
  private closed?: Promise<void>;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(clientConnectionString(options.connectionString));
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.cachedStreams = options.cachedStreams ?? 1000;
    this.importAppendBytes = options.importAppendBytes ?? 512 * 1024;
  }

  async appendToStream(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(stream, events);
    const expected = options.expectedRevision ?? 'any';
    const recordedAt = new Date().toISOString();
    const ids = events.map((e) => e.id);

    return this.withStreamLock(stream, async () => {
      for (let attempt = 0; ; attempt++) {
        const state = await this.refresh(stream);
        const again = await this.storedResult(stream, state, ids);
        if (again) return again;
        if (!revisionMatches(expected, state.revision)) {
          throw new WrongExpectedRevision(stream, expected, state.revision < 0 ? 'no-stream' : state.revision);
        }

        let previousHash = state.hash;
        const envelopes: StoredEvent[] = events.map((e, i) => {
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
          await this.write(stream, state.revision, envelopes);
        } catch (error) {
          // Someone else appended since the refresh: re-read, then answer or re-chain.
          if (error instanceof WrongExpectedVersionError && attempt < MAX_RETRIES) continue;
          throw error;
        }
        // What the server holds now, whoever's envelopes those are.
        const stored = await this.storedResult(stream, await this.refresh(stream), ids);
        if (!stored) throw new Error(`EventStoreDB acknowledged an append to ${stream} whose events it does not hold`);
        return stored;
      }
    });
  }

  /** The answer for `ids` if the stream holds them all (an append done, or done before), from stored revisions and positions. */
  private async storedResult(stream: string, state: StreamState, ids: readonly string[]): Promise<AppendResult | undefined> {
    const again = idempotentResult(
      stream,
      ids,
      ids.map((id) => {
        const at = state.ids.get(id);
        return at === undefined ? undefined : { stream, revision: at.revision, position: 0 };
      }),
    );
    return again ? { nextRevision: again.nextRevision, position: await this.positionOf(stream, again.nextRevision) } : undefined;
  }

  /** Appends envelopes that are complete (revision and chain computed) with ESDB's exact revision check. */
  private async write(stream: string, currentRevision: number, events: StoredEvent[]): Promise<void> {
    await this.client.appendToStream(
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
    this.appended.emit('appended');
  }

  /** Brings the cached head and ids of a stream up to date from the server (reads only what is new). */
  private async refresh(stream: string): Promise<StreamState> {
    let state = this.states.get(stream);
    this.states.delete(stream); // re-inserted below: Map order doubles as least-recently-used order
    state ??= { revision: -1, hash: null, ids: new Map() };
    for (const { event } of await this.readStreamDecoded(stream, { fromRevision: state.revision + 1 })) {
      state.ids.set(event.id, { revision: event.revision, hash: event.hash });
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
    const out: Decoded[] = [];
    try {
      await consume(
        this.client.readStream(stream, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
          ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) }),
        }),
        (resolved) => {
          const decoded = resolved.event && decode(resolved.event);
          if (decoded) out.push(decoded);
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      if (error instanceof StreamDeletedError) throw new StreamDeleted(stream);
      throw error;
    }
    return out;
  }

  /** Stream reads may come without log positions; those are then looked up in `$all`. */
  private async withPositions(decoded: Decoded[]): Promise<StoredEvent[]> {
    const missing = new Set(decoded.filter((d) => d.commit === undefined).map((d) => d.event.id));
    const found = missing.size > 0 ? await this.findPositionsBackwards(missing) : new Map<string, number>();
    return decoded.map((d) => ({ ...d.event, position: d.commit === undefined ? found.get(d.event.id)! : toPortPosition(d.commit) }));
  }

  /** Slow path for servers that report no positions on stream reads: scan `$all` from the end. */
  private async findPositionsBackwards(ids: Set<string>): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    await consume(this.client.readAll({ direction: BACKWARDS, fromPosition: END }), (resolved) => {
      const decoded = resolved.event && decode(resolved.event);
      if (decoded && ids.has(decoded.event.id) && decoded.commit !== undefined) found.set(decoded.event.id, toPortPosition(decoded.commit));
      return found.size < ids.size;
    });
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

  /**
   * `fromPosition` is 1 or one past a position this adapter returned (a checkpoint + 1): the read
   * starts at that event (a record boundary, as the server needs) and skips it.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const from = options.fromPosition ?? 1;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return [];
    const start = fromPortPosition(from - 1);
    const fromPosition: Position | typeof START = from <= 1 ? START : start;
    const out: StoredEvent[] = [];
    let lastCommit: bigint | undefined;
    await consume(
      this.client.readAll({
        direction: FORWARDS,
        fromPosition,
        // Ask for what is needed (system and foreign events count too, so a little more); the loop stops at maxCount anyway.
        ...(Number.isFinite(maxCount) ? { maxCount: BigInt(maxCount) + 64n } : {}),
      }),
      (resolved) => {
        const decoded = resolved.event && decode(resolved.event);
        if (!decoded || decoded.commit === undefined) return true;
        if (decoded.commit === lastCommit) throw new SharedCommitPosition(decoded.commit);
        lastCommit = decoded.commit;
        const position = toPortPosition(decoded.commit);
        if (position >= from) out.push({ ...decoded.event, position });
        return out.length < maxCount;
      },
    );
    // Fewer than asked while more may follow (the page was all system events): read on from the last.
    if (Number.isFinite(maxCount) && out.length > 0 && out.length < maxCount && lastCommit !== undefined) {
      const more = await this.readAll({ fromPosition: toPortPosition(lastCommit) + 1, maxCount: maxCount - out.length });
      out.push(...more);
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
   * deliver them, so ordering and positions come from one code path). A live subscription that
   * fails is made again after a pause; meanwhile the poll delivers.
   */
  private onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    this.ensureLive();
    return () => {
      this.appended.off('appended', listener);
      if (this.appended.listenerCount('appended') === 0) {
        clearTimeout(this.liveRetry);
        void this.live?.unsubscribe().catch(() => undefined);
        this.live = undefined;
      }
    };
  }

  private ensureLive(): void {
    if (this.live || this.closed || this.appended.listenerCount('appended') === 0) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.live = live;
    live.on('data', () => this.appended.emit('appended'));
    live.on('error', () => {
      if (this.live !== live) return;
      this.live = undefined;
      clearTimeout(this.liveRetry);
      this.liveRetry = setTimeout(() => this.ensureLive(), this.pollIntervalMs);
      this.liveRetry.unref();
    });
  }

  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription {
    return this.subscribeToAll(options, (events) => handler(events.map(payloadOf)));
  }

  /** The last event of this adapter's in `$all`: pages backwards past system and foreign events, cancelling each read. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let fromPosition: Position | typeof END = END;
    for (;;) {
      let head: number | undefined;
      let read = 0;
      let last: Position | undefined;
      await consume(this.client.readAll({ direction: BACKWARDS, fromPosition, maxCount: BigInt(HEAD_PAGE) }), (resolved) => {
        read += 1;
        last = resolved.event?.position ?? last;
        const decoded = resolved.event && decode(resolved.event);
        if (decoded && decoded.commit !== undefined) head = toPortPosition(decoded.commit);
        return head === undefined;
      });
      if (head !== undefined) return head;
      if (read < HEAD_PAGE || last === undefined || (fromPosition !== END && last.commit === fromPosition.commit)) return 0;
      fromPosition = last;
    }
  }

  /** Scans `$all` (ESDB keeps no list of user streams without projections); for verification and copying. */
  async listStreams(): Promise<string[]> {
    this.assertOpen();
    const streams = new Set<string>();
    await consume(this.client.readAll({ direction: FORWARDS, fromPosition: START }), (resolved) => {
      const decoded = resolved.event && decode(resolved.event);
      if (decoded) streams.add(decoded.event.stream);
    });
    return [...streams].sort();
  }

  async importEvents(events: StoredEvent[]): Promise<{ imported: number; skipped: number }> {
    this.assertOpen();
    let imported = 0;
    let skipped = 0;
    // One ESDB append per run of consecutive events of one stream (appends are per stream), kept under the append size limit.
    for (let start = 0; start < events.length;) {
      const stream = events[start]!.stream;
      let end = start + 1;
      let bytes = sizeOf(events[start]!);
      while (end < events.length && events[end]!.stream === stream && bytes + sizeOf(events[end]!) <= this.importAppendBytes) {
        bytes += sizeOf(events[end]!);
        end++;
      }
      const run = events.slice(start, end);
      start = end;
      await this.withStreamLock(stream, async () => {
        const state = await this.refresh(stream);
        const fresh: StoredEvent[] = [];
        for (const e of run) {
          // Already copied: compared by the hash the stream's refresh read, no server read per event.
          const stored = state.ids.get(e.id);
          if (stored !== undefined) {
            if (stored.hash !== e.hash) throw new InvalidImport(e.id, 'id already stored with another hash');
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
        await this.writeSplitting(stream, state.revision, fresh);
        await this.refresh(stream);
        imported += fresh.length;
      });
    }
    return { imported, skipped };
  }

  /** Writes `events`; a server that finds the append too large gets it in halves. */
  private async writeSplitting(stream: string, revision: number, events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.write(stream, revision, events);
    } catch (error) {
      if (!(error instanceof MaxAppendSizeExceededError)) throw error;
      if (events.length === 1) throw new InvalidImport(events[0]!.id, 'the event alone exceeds the server’s maximum append size');
      const half = Math.ceil(events.length / 2);
      await this.writeSplitting(stream, revision, events.slice(0, half));
      await this.writeSplitting(stream, revision + half, events.slice(half));
    }
  }

  /** Stops subscriptions, then disposes the gRPC client. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      clearTimeout(this.liveRetry);
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

/** An event's size on the wire, roughly: its data and metadata as JSON. */
function sizeOf(e: StoredEvent): number {
  return Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)) + 256;
}

export type { EsdbMetadata };
