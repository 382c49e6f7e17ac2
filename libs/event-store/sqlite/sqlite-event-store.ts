import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertAppendable, idempotentResult, revisionMatches, type StoredIdLocation } from '../append-checks.js';
import { canonicalJsonFast, hashCanonical } from '../canonical-hash.js';
import { catchUpSubscription, type CatchUpSubscription } from '../catch-up-subscription.js';
import {
  InvalidImport,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventImporter,
  type EventStore,
  type FoldEvent,
  type NewEvent,
  type PayloadBatchHandler,
  type PayloadEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamCursor,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { hashEvent } from '../hash.js';
import { openSchema } from './schema.js';

export interface SqliteEventStoreOptions {
  /** A file path (its directory is created) or ':memory:'. */
  path: string;
  /** How often live subscriptions look for appends made by other processes. Default 200 ms. */
  pollIntervalMs?: number;
}

/** A row of COLUMNS in raw mode (an array, in column order): no per-row object keyed by column name. */
type EventRow = [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  schemaVersion: number,
  previousHash: string | null,
  hash: string,
  metadata: string,
  data: string,
];

interface LockedAppend {
  result: AppendResult;
  /** False when the call was a re-append answered from history. */
  appended: boolean;
}

/** An append waiting for the next group commit. */
interface QueuedAppend {
  stream: string;
  events: PreparedEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What one append of a group came to inside the shared transaction. */
type GroupOutcome = { ok: true; locked: LockedAppend } | { ok: false; error: unknown };

interface Head {
  revision: number;
  hash: string;
}

/** An event prepared outside the write lock: only revision and the chain are left to fill in. */
interface PreparedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

const COLUMNS = 'position, id, stream, revision, type, schema_version, previous_hash, hash, metadata, data';
const UNIQUE_ID_VIOLATION = 'UNIQUE constraint failed: events.id';
/** Full subscription batches kept parsed (see `recentBatches`). */
const RECENT_BATCHES = 8;

/**
 * Not `instanceof Error`: better-sqlite3 registers its error class once per process, so under a
 * runner with one realm per test file (jest) its errors may come from another realm.
 */
function isUniqueIdViolation(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.includes(UNIQUE_ID_VIOLATION);
}

/** A row of the payload columns in raw mode. */
type PayloadRow = [position: number, stream: string, revision: number, type: string, schemaVersion: number, data: string];

function toPayload(row: PayloadRow): PayloadEvent {
  return { stream: row[1], revision: row[2], position: row[0], type: row[3], schemaVersion: row[4], data: JSON.parse(row[5]) as unknown };
}

function byStreamKey(toPosition: number, after: StreamCursor | undefined, maxCount: number): string {
  return `${toPosition}\u0000${after?.stream ?? ''}\u0000${after?.revision ?? -1}\u0000${maxCount}`;
}

/** Keeps a full window (see `recentBatches`) and hands out a copy of the array; a short one is only returned. */
function keepFull<E>(kept: Map<string, E[]>, key: string, maxCount: number, events: E[]): E[] {
  if (maxCount <= 0 || events.length !== maxCount) return events;
  kept.set(key, events);
  if (kept.size > RECENT_BATCHES) kept.delete(kept.keys().next().value!);
  return events.slice();
}

function toStored(row: EventRow): StoredEvent {
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[9]) as unknown,
    metadata: JSON.parse(row[8]) as StoredEvent['metadata'],
    previousHash: row[6],
    hash: row[7],
  };
}

/**
 * Embedded event store on one SQLite file (better-sqlite3, WAL, synchronous=FULL).
 * Appends are grouped: those made until the next turn of the event loop share one IMMEDIATE
 * transaction, each in its own SAVEPOINT, so one append's conflict or failure rolls back only that
 * append, and one COMMIT (one fsync) covers them all; no caller is answered before it. They
 * serialise with appends of other processes on the same file, and all events of a call commit
 * together or not at all.
 */
export class SqliteEventStore implements EventStore, EventImporter {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<CatchUpSubscription>();
  /** Those of `subscriptions` that read whole events. */
  private readonly wholeSubscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private closed?: Promise<void>;
  /**
   * The last few full batches read by subscriptions, parsed: the projector runs one subscription
   * per projection over the same `$all`, and during a catch-up they read the same windows one
   * after another. A full window (`maxCount` rows from `fromPosition`) never changes, since rows
   * are never updated or deleted and positions are dense, so the parse is shared. Each reader
   * gets its own array; the events in it are shared and, like all stored events, not to be mutated.
   */
  private readonly recentBatches = new Map<string, StoredEvent[]>();
  /** The same for `subscribeToAllPayloads`, whose readers also take a full window when one is kept. */
  private readonly recentPayloads = new Map<string, PayloadEvent[]>();
  /**
   * The same for `readAllEventsByStream`: a full page up to a committed position never changes
   * either. Two stream-partitioned projections catching up side by side (one reading payloads, one
   * whole events) read the same pages turn by turn; walking the (stream, revision) index and
   * fetching each row is most of their cost, so it is done once for both.
   */
  private readonly recentByStream = new Map<string, StoredEvent[]>();
  /** The `toPosition` of the last `readAllEventsByStream`: payload reads of that pass read whole too, to share them. */
  private wholeByStreamTo: number | undefined;

  private readonly stmt: {
    head: Database.Statement<[string], Head>;
    insert: Database.Statement<[string, string, number, string, number, string | null, string, string, string]>;
    locate: Database.Statement<[string], StoredIdLocation>;
    hashById: Database.Statement<[string], { hash: string }>;
    streamForwards: Database.Statement<[string, number, number], EventRow>;
    streamBackwards: Database.Statement<[string, number, number], EventRow>;
    streamForFold: Database.Statement<
      [string, number],
      [position: number, revision: number, type: string, schemaVersion: number, data: string]
    >;
    all: Database.Statement<[number, number], EventRow>;
    allPayloads: Database.Statement<[number, number], PayloadRow>;
    byStream: Database.Statement<[string, number, number, number], PayloadRow>;
    eventsByStream: Database.Statement<[string, number, number, number], EventRow>;
    headPosition: Database.Statement<[], { position: number }>;
    streams: Database.Statement<[], { stream: string }>;
  };
  /** One append in its own SAVEPOINT (better-sqlite3 nests a transaction function as a savepoint). */
  private readonly appendSavepoint: (stream: string, events: PreparedEvent[], options: AppendOptions) => LockedAppend;
  /** A group of appends in one IMMEDIATE transaction: one COMMIT, one fsync, for all of them. */
  private readonly groupTx: (group: QueuedAppend[]) => GroupOutcome[];
  /** Appends waiting for the next group commit (flushed on the next turn of the event loop). */
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  private readonly importTx: (events: StoredEvent[]) => { imported: number; skipped: number };

  constructor(options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = new Database(options.path);
    openSchema(this.db);
    const db = this.db;
    this.stmt = {
      head: db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      insert: db.prepare(
        'INSERT INTO events (id, stream, revision, type, schema_version, previous_hash, hash, metadata, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      locate: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      hashById: db.prepare('SELECT hash FROM events WHERE id = ?'),
      // Raw mode (rows as arrays): reading $all is most of a projection rebuild's cost.
      streamForwards: db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
        )
        .raw(true),
      streamBackwards: db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      streamForFold: db
        .prepare<[string, number], [number, number, string, number, string]>(
          'SELECT position, revision, type, schema_version, data FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
        )
        .raw(true),
      all: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true),
      allPayloads: db
        .prepare<[number, number], PayloadRow>(
          'SELECT position, stream, revision, type, schema_version, data FROM events WHERE position >= ? ORDER BY position LIMIT ?',
        )
        .raw(true),
      // Walks the (stream, revision) index; the row value keeps the range on it.
      byStream: db
        .prepare<[string, number, number, number], PayloadRow>(
          'SELECT position, stream, revision, type, schema_version, data FROM events WHERE (stream, revision) > (?, ?) AND position <= ? ORDER BY stream, revision LIMIT ?',
        )
        .raw(true),
      eventsByStream: db
        .prepare<[string, number, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE (stream, revision) > (?, ?) AND position <= ? ORDER BY stream, revision LIMIT ?`,
        )
        .raw(true),
      headPosition: db.prepare('SELECT coalesce(max(position), 0) AS position FROM events'),
      streams: db.prepare('SELECT DISTINCT stream FROM events ORDER BY stream'),
    };
    this.appendSavepoint = db.transaction((stream: string, events: PreparedEvent[], opts: AppendOptions) =>
      this.appendLocked(stream, events, opts),
    );
    this.groupTx = db.transaction((group: QueuedAppend[]) => {
      const outcomes: GroupOutcome[] = [];
      for (const a of group) {
        try {
          outcomes.push({ ok: true, locked: this.appendSavepoint(a.stream, a.events, a.options) });
        } catch (error) {
          // Rolled back to its savepoint; the others are unaffected. Should SQLite have rolled back
          // the whole transaction (e.g. disk full), nothing of the group is stored: fail them all.
          if (!db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    }).immediate;
    this.importTx = db.transaction((events: StoredEvent[]) => this.importLocked(events)).immediate;
  }

  async appendToStream(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(stream, events);
    // Everything that does not depend on the stream head is done before taking the write lock.
    const recordedAt = new Date().toISOString();
    const prepared = events.map((e): PreparedEvent => ({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataJson: canonicalJsonFast(e.data),
      metadataJson: canonicalJsonFast({ ...e.metadata, recordedAt }),
    }));
    // Group commit: every append queued until the next turn of the event loop shares one
    // transaction (a SAVEPOINT each) and one fsync. Each caller is answered after that COMMIT.
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events: prepared, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits the queued appends in one transaction, then answers each caller in order. */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: GroupOutcome[];
    try {
      outcomes = this.groupTx(group);
    } catch (error) {
      // BEGIN or COMMIT failed (or the transaction was lost): nothing of the group is stored.
      for (const a of group) a.reject(error);
      return;
    }
    let appended = false;
    group.forEach((a, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        appended ||= outcome.locked.appended;
        a.resolve(outcome.locked.result);
        return;
      }
      const { error } = outcome;
      // A stored id: its savepoint rolled back; either a re-append (answer as before) or a conflict.
      if (!isUniqueIdViolation(error)) return a.reject(error);
      try {
        const again = this.idempotent(a.stream, a.events);
        if (again) a.resolve(again);
        else a.reject(error);
      } catch (lookupError) {
        a.reject(lookupError);
      }
    });
    if (appended) this.appended.emit('appended');
  }

  /** Runs inside the IMMEDIATE transaction: the head read here cannot change before commit. */
  private appendLocked(stream: string, events: PreparedEvent[], options: AppendOptions): LockedAppend {
    const expected = options.expectedRevision ?? 'any';
    const head = this.stmt.head.get(stream);
    const current = head ? head.revision : -1;
    if (!revisionMatches(expected, current)) {
      const again = this.idempotent(stream, events);
      if (again) return { result: again, appended: false };
      throw new WrongExpectedRevision(stream, expected, head ? head.revision : 'no-stream');
    }
    let previousHash = head ? head.hash : null;
    let revision = current;
    let position = 0;
    for (const e of events) {
      revision += 1;
      const hash = hashCanonical({ ...e, stream, revision, previousHash });
      position = Number(
        this.stmt.insert.run(e.id, stream, revision, e.type, e.schemaVersion, previousHash, hash, e.metadataJson, e.dataJson)
          .lastInsertRowid,
      );
      previousHash = hash;
    }
    return { result: { nextRevision: revision, position }, appended: true };
  }

  private idempotent(stream: string, events: readonly { id: string }[]): AppendResult | null {
    const ids = events.map((e) => e.id);
    return idempotentResult(
      stream,
      ids,
      ids.map((id) => this.stmt.locate.get(id)),
    );
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? -1; // SQLite: a negative LIMIT means none
    const rows =
      options.direction === 'backwards'
        ? this.stmt.streamBackwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.stmt.streamForwards.all(stream, options.fromRevision ?? 0, limit);
    return rows.map(toStored);
  }

  /** Five columns instead of ten, one JSON parse instead of two: a cold command load reads a student's whole stream. */
  async readStreamForFold(stream: string, fromRevision: number): Promise<FoldEvent[]> {
    this.assertOpen();
    return this.stmt.streamForFold
      .all(stream, fromRevision)
      .map(([position, revision, type, schemaVersion, data]) => ({
        position,
        revision,
        type,
        schemaVersion,
        data: JSON.parse(data) as unknown,
      }));
  }

  async readAllByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<PayloadEvent[]> {
    this.assertOpen();
    const cached = this.recentByStream.get(byStreamKey(toPosition, after, maxCount));
    if (cached) return cached.slice();
    if (this.wholeByStreamTo === toPosition) return this.readAllEventsByStream(toPosition, after, maxCount);
    // '' sorts before every stream name (names are non-empty), and -1 before every revision.
    return this.stmt.byStream.all(after?.stream ?? '', after?.revision ?? -1, toPosition, maxCount).map(toPayload);
  }

  async readAllEventsByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<StoredEvent[]> {
    this.assertOpen();
    this.wholeByStreamTo = toPosition;
    const key = byStreamKey(toPosition, after, maxCount);
    const cached = this.recentByStream.get(key);
    if (cached) return cached.slice();
    return keepFull(
      this.recentByStream,
      key,
      maxCount,
      this.stmt.eventsByStream.all(after?.stream ?? '', after?.revision ?? -1, toPosition, maxCount).map(toStored),
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readAllSync(options.fromPosition ?? 1, options.maxCount ?? -1);
  }

  private readAllSync(fromPosition: number, maxCount: number): StoredEvent[] {
    return this.stmt.all.all(fromPosition, maxCount).map(toStored);
  }

  private readAllShared(fromPosition: number, maxCount: number): StoredEvent[] {
    const key = `${fromPosition}:${maxCount}`;
    const cached = this.recentBatches.get(key);
    if (cached) return cached.slice();
    return keepFull(this.recentBatches, key, maxCount, this.readAllSync(fromPosition, maxCount));
  }

  private readPayloadsShared(fromPosition: number, maxCount: number): PayloadEvent[] {
    const key = `${fromPosition}:${maxCount}`;
    const cached = this.recentBatches.get(key) ?? this.recentPayloads.get(key);
    if (cached) return cached.slice();
    // A subscription to whole events that will read this window while it is still kept: read it
    // whole once for both. The projector's runners take one batch per turn of the event loop, so
    // in a catch-up of all projections they read the same windows, and a lean read of its own
    // would be a second read of $all; a projection rebuilt alone reads lean.
    for (const s of this.wholeSubscriptions) {
      const behind = fromPosition - s.nextPosition;
      if (behind >= 0 && behind < RECENT_BATCHES * maxCount) return this.readAllShared(fromPosition, maxCount);
    }
    return keepFull(this.recentPayloads, key, maxCount, this.stmt.allPayloads.all(fromPosition, maxCount).map(toPayload));
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.subscribe((from, max) => this.readAllShared(from, max), options, handler, this.wholeSubscriptions);
  }

  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription {
    return this.subscribe((from, max) => this.readPayloadsShared(from, max), options, handler);
  }

  /** `alsoIn`: another set that holds the subscription while it runs (`wholeSubscriptions`). */
  private subscribe<E extends PayloadEvent>(
    read: (from: number, max: number) => E[],
    options: SubscribeOptions,
    handler: (events: E[]) => void | Promise<void>,
    alsoIn?: Set<CatchUpSubscription>,
  ): CatchUpSubscription {
    this.assertOpen();
    const subscription = catchUpSubscription(
      {
        read,
        onAppended: (listener) => {
          this.appended.on('appended', listener);
          return () => this.appended.off('appended', listener);
        },
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      handler,
    );
    this.subscriptions.add(subscription);
    alsoIn?.add(subscription);
    void subscription.done
      .catch(() => undefined)
      .finally(() => {
        this.subscriptions.delete(subscription);
        alsoIn?.delete(subscription);
      });
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.stmt.headPosition.get()!.position;
  }

  async listStreams(): Promise<string[]> {
    this.assertOpen();
    return this.stmt.streams.all().map((r) => r.stream);
  }

  async importEvents(events: StoredEvent[]): Promise<{ imported: number; skipped: number }> {
    this.assertOpen();
    if (events.length === 0) return { imported: 0, skipped: 0 };
    const result = this.importTx(events);
    if (result.imported > 0) this.appended.emit('appended');
    return result;
  }

  private importLocked(events: StoredEvent[]): { imported: number; skipped: number } {
    let imported = 0;
    let skipped = 0;
    for (const e of events) {
      const existing = this.stmt.hashById.get(e.id);
      if (existing) {
        if (existing.hash !== e.hash) throw new InvalidImport(e.id, 'id already stored with another hash');
        skipped += 1;
        continue;
      }
      if (hashEvent(e) !== e.hash) throw new InvalidImport(e.id, 'hash does not match the envelope');
      const head = this.stmt.head.get(e.stream);
      if (e.revision !== (head ? head.revision + 1 : 0) || e.previousHash !== (head ? head.hash : null)) {
        throw new InvalidImport(e.id, `does not extend stream ${e.stream} (revision ${e.revision})`);
      }
      this.stmt.insert.run(
        e.id,
        e.stream,
        e.revision,
        e.type,
        e.schemaVersion,
        e.previousHash,
        e.hash,
        canonicalJsonFast(e.metadata),
        canonicalJsonFast(e.data),
      );
      imported += 1;
    }
    return { imported, skipped };
  }

  /** Stops subscriptions (waiting for running handlers), then closes the database. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.flush(); // appends accepted before close are committed (or refused) first
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      this.flush();
      this.db.close();
    })();
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}
