/**
 * The event store port. Every adapter (SQLite, EventStoreDB) implements it and passes
 * the one contract suite in `event-store.contract.ts`.
 *
 * Revisions are per stream and 0-based (the first event of a stream has revision 0), as in
 * EventStoreDB. Positions are global, 1-based and strictly increasing in commit order;
 * position 0 means "before everything".
 */
export type ExpectedRevision = number | 'no-stream' | 'stream-exists' | 'any';

export interface Actor {
  id: string;
  role: string;
  /** The name the actor's token carried when they acted (api.md: history entries name their actors). */
  name?: string;
}

export interface EventMetadata {
  actor: Actor;
  /** Business/real time the thing happened (ISO 8601 UTC instant). */
  occurredAt: string;
  /** When the store recorded it (ISO 8601 UTC instant); set by the store. */
  recordedAt: string;
  correlationId?: string;
  causationId?: string;
}

/** What a caller hands to `appendToStream`. `recordedAt` is stamped by the store. */
export interface NewEvent<T = unknown> {
  /** Unique id (UUID). Re-appending a stored id is idempotent. */
  id: string;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: Omit<EventMetadata, 'recordedAt'>;
}

/** The stored envelope. `hash` chains to the stream's previous event (`previousHash`). */
export interface StoredEvent<T = unknown> {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: EventMetadata;
  previousHash: string | null;
  hash: string;
}

export interface AppendOptions {
  /** Default `'any'`. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as `expectedRevision` next. */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: number;
}

export interface ReadStreamOptions {
  /** Inclusive. Default: 0 forwards, the last revision backwards. */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive. Default 1 (the first event). */
  fromPosition?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Inclusive: the first position delivered. Default 1. A checkpoint c resumes at c + 1. */
  fromPosition?: number;
  /** Largest batch handed to the handler at once. */
  batchSize?: number;
}

/** A batch handler. The next batch is delivered only after this one resolves (back-pressure). */
export type BatchHandler = (events: StoredEvent[]) => void | Promise<void>;

export interface Subscription {
  /** Stops delivery; resolves once the handler is no longer running. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop, rejects if the handler or store failed. */
  readonly done: Promise<void>;
}

/** What folding a stream into its state needs of each event: no id, metadata or hashes. */
export type FoldEvent = Pick<StoredEvent, 'type' | 'schemaVersion' | 'data' | 'revision' | 'position'>;

/** What a subscriber that reads only the payloads gets of each event: no id, metadata or hashes. */
export type PayloadEvent = Pick<StoredEvent, 'position' | 'stream' | 'revision' | 'type' | 'schemaVersion' | 'data'>;

/** Where `readAllByStream` goes on from: after this revision of this stream. */
export interface StreamCursor {
  stream: string;
  revision: number;
}

/** A batch handler of `subscribeToAllPayloads`. */
export type PayloadBatchHandler = (events: PayloadEvent[]) => void | Promise<void>;

/**
 * The port. Every adapter implements all of it and passes the contract suite; what only some
 * adapters can do fast is declared in `capabilities`, not probed for at run time.
 */
export interface EventStore {
  appendToStream(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as an empty list. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** `readStream(stream, { fromRevision })` with only what a fold needs (a command's load reads a student's whole year). */
  readStreamForFold(stream: string, fromRevision: number): Promise<FoldEvent[]>;
  /** Events of all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catch-up subscription to `$all`: history first, then live appends, no gap, no duplicate. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** `subscribeToAll` delivering only payloads: an adapter that can read less than the whole envelope does. */
  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription;
  /** The global position of the last stored event (0 when empty). */
  headPosition(): Promise<number>;
  /** Every stream name, for verification and copying. */
  listStreams(): Promise<string[]>;
  close(): Promise<void>;
  /** What this adapter offers beyond the port. */
  readonly capabilities: EventStoreCapabilities;
}

export interface EventStoreCapabilities {
  /** `$all` read stream by stream (SQLite, over its (stream, revision) index). */
  readonly streamOrderedReads?: StreamOrderedReads;
  /** Storing envelopes stored elsewhere, hashes kept (`cli copy`). */
  readonly importer?: EventImporter;
  /**
   * The store beneath an encrypting one (crypto/encrypting-event-store.ts): events as stored, personal
   * fields sealed, which is what the hashes cover. Verification and copying read it; nothing else should.
   */
  readonly sealed?: EventStore;
}

/**
 * The payloads of the events at positions up to `toPosition`, ordered by stream, then revision,
 * starting after `after` (none: from the first stream), at most `maxCount`; page by passing the
 * last event's stream and revision. Lets a projection whose documents each follow one stream
 * (`partition: 'stream'`) catch up a long history stream by stream: a real `$all` interleaves
 * students, and read in that order every batch rewrites hundreds of documents.
 */
export interface StreamOrderedReads {
  readAllByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<PayloadEvent[]>;
  /** The same with whole envelopes, for a projection that reads metadata (`recordedAt`). */
  readAllEventsByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<StoredEvent[]>;
}

export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current last revision, or `'no-stream'`. */
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/**
 * An append reused some stored event ids but not as the exact same, consecutive events of this
 * stream (partial overlap, ids stored in another stream, or the same id twice in one call).
 * Nothing is appended.
 */
export class EventIdConflict extends Error {
  override readonly name = 'EventIdConflict';
  constructor(
    readonly stream: string,
    readonly ids: string[],
    reason: string,
  ) {
    super(`stream ${stream}: ${reason} (${ids.join(', ')})`);
  }
}

/** A stored envelope offered to `importEvents` failed its checks; nothing of that call is stored. */
export class InvalidImport extends Error {
  override readonly name = 'InvalidImport';
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(`event ${eventId}: ${reason}`);
  }
}

/**
 * The capability used by `copyAllEvents` (and `cli copy`): store envelopes that were already
 * stored elsewhere, keeping id, revision, recordedAt, previousHash and hash (so audit hashes survive a
 * move between adapters). Positions are assigned by the target store.
 *
 * Each event must extend its stream's chain exactly: revision = current last revision + 1,
 * previousHash = current last hash, and `hashEvent(event) === event.hash`. Events whose id is already
 * stored with the same hash are skipped, so an interrupted copy can be re-run.
 */
export interface EventImporter {
  importEvents(events: StoredEvent[]): Promise<{ imported: number; skipped: number }>;
}

/** Dependency-injection token for the configured store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
