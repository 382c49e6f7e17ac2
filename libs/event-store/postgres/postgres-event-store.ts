/**
 * The event store on PostgreSQL (node-postgres), for several instances on one database. One table;
 * appends take a transaction-scoped advisory lock, so they commit one after another and each
 * event's global position is the next number, assigned inside the lock: a reader never sees a
 * position before the ones below it are committed (no gaps a reader has read past). Data and
 * metadata are stored as their canonical JSON text, so the hash chain verifies byte for byte, the
 * same as on SQLite. Live subscriptions are woken by LISTEN/NOTIFY, with a poll as a fallback.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { assertAppendable, idempotentResult, importDecision, revisionMatches, type StoredIdLocation } from '../append-checks.js';
import { canonicalJsonFast, hashCanonical } from '../canonical-hash.js';
import { catchUpSubscription, type CatchUpSubscription } from '../catch-up-subscription.js';
import {
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventImporter,
  type EventStore,
  type EventStoreCapabilities,
  type FoldEvent,
  type NewEvent,
  type PayloadBatchHandler,
  type PayloadEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamCursor,
  type StreamOrderedReads,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { payloadOf } from '../lean-events.js';
import { createSchema, quoteIdent, APPEND_LOCK } from './schema.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** The schema holding the events table (created when missing). Default `public`. */
  schema?: string;
  /** How often live subscriptions read when no notification came. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Pool size. Default 10. */
  maxConnections?: number;
}

interface Row {
  position: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  previous_hash: string | null;
  hash: string;
  metadata: string;
  data: string;
}

const COLUMNS = 'position, id, stream, revision, type, schema_version, previous_hash, hash, metadata, data';
const UNIQUE_VIOLATION = '23505';

function toStored(row: Row): StoredEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

export class PostgresEventStore implements EventStore, StreamOrderedReads, EventImporter {
  readonly capabilities: EventStoreCapabilities = { streamOrderedReads: this, importer: this };
  private readonly pool: pg.Pool;
  private readonly table: string;
  private readonly channel: string;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly ready: Promise<void>;
  private listener?: pg.Client;
  private closed?: Promise<void>;

  constructor(private readonly options: PostgresEventStoreOptions) {
    const schema = options.schema ?? 'public';
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.table = `${quoteIdent(schema)}.events`;
    this.channel = `events_${schema}`
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 60);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.ready = this.start(schema);
  }

  private async start(schema: string): Promise<void> {
    await createSchema(this.pool, schema);
    const listener = new pg.Client({ connectionString: this.options.connectionString });
    listener.on('error', () => undefined);
    await listener.connect();
    listener.on('notification', () => this.appended.emit('appended'));
    await listener.query(`LISTEN ${quoteIdent(this.channel)}`);
    this.listener = listener;
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    this.assertOpen();
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  /** Runs `work` in a transaction holding the append lock. */
  private async locked<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    await this.ready;
    const client = await this.pool.connect();
    try {
      // Round trips inside the lock are the appends' serial cost: statements are sent together where they can be.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
      const result = await work(client);
      await client.query(`NOTIFY ${quoteIdent(this.channel)}; COMMIT`);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async locate(client: pg.Pool | pg.PoolClient, ids: readonly string[]): Promise<(StoredIdLocation | undefined)[]> {
    const rows = (
      await client.query<{ id: string; stream: string; revision: number; position: string }>(
        `SELECT id, stream, revision, position FROM ${this.table} WHERE id = ANY($1::text[])`,
        [ids],
      )
    ).rows;
    const byId = new Map(rows.map((r) => [r.id, { stream: r.stream, revision: r.revision, position: Number(r.position) }]));
    return ids.map((id) => byId.get(id));
  }

  async appendToStream(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    assertAppendable(stream, events);
    const recordedAt = new Date().toISOString();
    const prepared = events.map((e) => ({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataJson: canonicalJsonFast(e.data),
      metadataJson: canonicalJsonFast({ ...e.metadata, recordedAt }),
    }));
    const ids = events.map((e) => e.id);
    try {
      return await this.locked(async (client) => {
        const expected = options.expectedRevision ?? 'any';
        // The stream's head and the log's last position in one statement.
        const found = (
          await client.query<{ revision: number | null; hash: string | null; last: string }>(
            `SELECT h.revision, h.hash, (SELECT coalesce(max(position), 0) FROM ${this.table}) AS last
             FROM (SELECT 1) AS one LEFT JOIN LATERAL (
               SELECT revision, hash FROM ${this.table} WHERE stream = $1 ORDER BY revision DESC LIMIT 1
             ) AS h ON true`,
            [stream],
          )
        ).rows[0]!;
        const head = found.revision === null ? undefined : { revision: found.revision, hash: found.hash! };
        const current = head ? head.revision : -1;
        if (!revisionMatches(expected, current)) {
          const again = idempotentResult(stream, ids, await this.locate(client, ids));
          if (again) return again;
          throw new WrongExpectedRevision(stream, expected, head ? head.revision : 'no-stream');
        }
        const last = Number(found.last);
        let previousHash = head ? head.hash : null;
        let revision = current;
        let position = last;
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (const e of prepared) {
          revision += 1;
          position += 1;
          const hash = hashCanonical({ ...e, stream, revision, previousHash });
          const at = values.length;
          tuples.push(`(${Array.from({ length: 10 }, (_, i) => `$${at + i + 1}`).join(', ')})`);
          values.push(position, e.id, stream, revision, e.type, e.schemaVersion, previousHash, hash, e.metadataJson, e.dataJson);
          previousHash = hash;
        }
        await client.query(`INSERT INTO ${this.table} (${COLUMNS}) VALUES ${tuples.join(', ')}`, values);
        return { nextRevision: revision, position };
      });
    } catch (error) {
      // A stored id: either a re-append (answer as the first time) or a conflict.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const again = idempotentResult(stream, ids, await this.locate(this.pool, ids));
      if (again) return again;
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? null;
    const rows =
      options.direction === 'backwards'
        ? await this.query<Row>(
            `SELECT ${COLUMNS} FROM ${this.table} WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
            [stream, options.fromRevision ?? 2147483647, limit],
          )
        : await this.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`, [
            stream,
            options.fromRevision ?? 0,
            limit,
          ]);
    return rows.map(toStored);
  }

  async readStreamForFold(stream: string, fromRevision: number): Promise<FoldEvent[]> {
    const rows = await this.query<Pick<Row, 'position' | 'revision' | 'type' | 'schema_version' | 'data'>>(
      `SELECT position, revision, type, schema_version, data FROM ${this.table} WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
      [stream, fromRevision],
    );
    return rows.map((r) => ({
      position: Number(r.position),
      revision: r.revision,
      type: r.type,
      schemaVersion: r.schema_version,
      data: JSON.parse(r.data) as unknown,
    }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE position >= $1 ORDER BY position LIMIT $2`, [
      options.fromPosition ?? 1,
      options.maxCount ?? null,
    ]);
    return rows.map(toStored);
  }

  async readAllEventsByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<StoredEvent[]> {
    // '' sorts before every stream name (byte order: the column's collation is "C"), -1 before every revision.
    const rows = await this.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE (stream, revision) > ($1, $2) AND position <= $3 ORDER BY stream, revision LIMIT $4`,
      // Revisions are integers; a cursor past the last (MAX_SAFE_INTEGER) is clamped so the index still serves.
      [after?.stream ?? '', Math.min(after?.revision ?? -1, 2147483647), toPosition, maxCount],
    );
    return rows.map(toStored);
  }

  async readAllByStream(toPosition: number, after: StreamCursor | undefined, maxCount: number): Promise<PayloadEvent[]> {
    return (await this.readAllEventsByStream(toPosition, after, maxCount)).map(payloadOf);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.subscribe((from, max) => this.readAll({ fromPosition: from, maxCount: max }), options, handler);
  }

  subscribeToAllPayloads(options: SubscribeOptions, handler: PayloadBatchHandler): Subscription {
    return this.subscribe(
      async (from, max) => (await this.readAll({ fromPosition: from, maxCount: max })).map(payloadOf),
      options,
      handler,
    );
  }

  private subscribe<E extends PayloadEvent>(
    read: (from: number, max: number) => Promise<E[]>,
    options: SubscribeOptions,
    handler: (events: E[]) => void | Promise<void>,
  ): Subscription {
    this.assertOpen();
    const onAppended = (listener: () => void): (() => void) => {
      this.appended.on('appended', listener);
      return () => this.appended.off('appended', listener);
    };
    const subscription = catchUpSubscription({ read, onAppended, pollIntervalMs: this.pollIntervalMs }, options, handler);
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async headPosition(): Promise<number> {
    return Number((await this.query<{ p: string }>(`SELECT coalesce(max(position), 0) AS p FROM ${this.table}`))[0]!.p);
  }

  async listStreams(): Promise<string[]> {
    return (await this.query<{ stream: string }>(`SELECT DISTINCT stream FROM ${this.table} ORDER BY stream`)).map((r) => r.stream);
  }

  /** A batch in one transaction: one read for the ids already stored, one for the streams' heads, multi-row inserts. */
  async importEvents(events: StoredEvent[]): Promise<{ imported: number; skipped: number }> {
    if (events.length === 0) return { imported: 0, skipped: 0 };
    return this.locked(async (client) => {
      const existing = new Map(
        (
          await client.query<{ id: string; hash: string }>(`SELECT id, hash FROM ${this.table} WHERE id = ANY($1::text[])`, [
            events.map((e) => e.id),
          ])
        ).rows.map((r) => [r.id, r.hash]),
      );
      const heads = new Map<string, { revision: number; hash: string } | null>(
        (
          await client.query<{ stream: string; revision: number; hash: string }>(
            `SELECT DISTINCT ON (stream) stream, revision, hash FROM ${this.table} WHERE stream = ANY($1::text[]) ORDER BY stream, revision DESC`,
            [[...new Set(events.map((e) => e.stream))]],
          )
        ).rows.map((r) => [r.stream, { revision: r.revision, hash: r.hash }]),
      );
      let position = Number((await client.query<{ p: string }>(`SELECT coalesce(max(position), 0) AS p FROM ${this.table}`)).rows[0]!.p);
      let skipped = 0;
      const rows: unknown[][] = [];
      for (const e of events) {
        if (importDecision(e, existing.get(e.id), heads.get(e.stream) ?? null) === 'skip') {
          skipped += 1;
          continue;
        }
        position += 1;
        rows.push([
          position,
          e.id,
          e.stream,
          e.revision,
          e.type,
          e.schemaVersion,
          e.previousHash,
          e.hash,
          canonicalJsonFast(e.metadata),
          canonicalJsonFast(e.data),
        ]);
        heads.set(e.stream, { revision: e.revision, hash: e.hash });
        existing.set(e.id, e.hash);
      }
      for (let at = 0; at < rows.length; at += 500) {
        const chunk = rows.slice(at, at + 500);
        const tuples = chunk.map((_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO ${this.table} (${COLUMNS}) VALUES ${tuples.join(', ')}`, chunk.flat());
      }
      return { imported: rows.length, skipped };
    });
  }

  /** Stops subscriptions (waiting for running handlers), then closes the connections. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      await this.ready.catch(() => undefined);
      await this.listener?.end().catch(() => undefined);
      await this.pool.end();
    })();
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}
