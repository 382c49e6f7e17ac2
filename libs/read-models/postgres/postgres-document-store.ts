/**
 * The read-model store on PostgreSQL (node-postgres), for several instances on one database.
 *
 * As on SQLite, one table per collection (`"doc:<name>"`: id, the document's JSON text, and a
 * jsonb column per declared index field), so dropping a generation is a DROP TABLE. The document
 * is kept as the text that was written (numbers and key order exactly as given); the index columns
 * are what filters and sorts read. A registry table names each collection's table, so instances
 * that did not create a collection find it. DDL runs under an advisory lock: two instances
 * declaring one collection at once must not race on CREATE … IF NOT EXISTS.
 *
 * A commit is one transaction; the last write to an id wins, so writes are reduced to each id's
 * last and sent as one multi-row statement per collection. With a fence set (the leader's
 * advisory lock, see postgres-leader-lock.ts), a commit first checks that this instance still
 * holds the lock: a leader that lost it, and so may have a successor, writes nothing more.
 */
import pg from 'pg';
import {
  assertCollectionName,
  assertCommit,
  assertFieldPath,
  assertFilter,
  type CollectionSpec,
  type Commit,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
} from '../document-store.port.js';
import { deepFreeze } from '../deep-freeze.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { estimateBytes, JSON_HEAP_FACTOR } from '#event-store/cache/estimate-bytes.js';
import { inCollection, READ_CACHE_BYTES, readCacheKey } from '../read-cache.js';
import { columnValue, compileFilter, compileSort, fieldColumn, indexStatements, quote, shortIdentifier } from './postgres-filter.js';

export interface PostgresDocumentStoreOptions {
  connectionString: string;
  /** The schema holding the read models (created when missing). Default `public`. */
  schema?: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
  /** What the parsed documents of read-cached collections may keep on the heap. Default READ_CACHE_BYTES. */
  readCacheBytes?: number;
}

/** What a fenced commit checks: the advisory lock `lockKey` is held by the session `backendPid()`. */
export interface LeaderFence {
  lockKey: number;
  backendPid: () => number | undefined;
}

export class LostLeadership extends Error {
  override readonly name = 'LostLeadership';
}

interface LastWrite {
  collection: string;
  id: string;
  /** The document's JSON text; null for a delete. */
  json: string | null;
  doc: Doc | null;
}

interface Table {
  name: string;
  qualified: string;
  fields: ReadonlySet<string>;
}

const DDL_LOCK = 7_366_511;
/** A row's version: the transaction that wrote it and where it lies; both change with every write. */
const ROW_VERSION = "(xmin::text || ':' || ctid::text)";

const UNDEFINED_TABLE = '42P01';
/** Rows per INSERT statement: well below PostgreSQL's 65,535 parameters for any number of index fields. */
const ROWS_PER_STATEMENT = 500;

export class PostgresDocumentStore implements DocumentStore {
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly tables = new Map<string, Table>();
  private readonly ready: Promise<void>;
  private fence: LeaderFence | null = null;
  /** The collections declared with `readCache`. */
  private readonly readCached = new Set<string>();
  /** Their parsed, frozen documents with the row version they were read at, by `readCacheKey(collection, id)`, bounded by bytes. */
  private readonly readCache: BoundedCache<string, { version: string; doc: Doc }>;

  constructor(options: PostgresDocumentStoreOptions) {
    this.schema = quote(options.schema ?? 'public');
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    this.readCache = new BoundedCache('read-models', options.readCacheBytes ?? READ_CACHE_BYTES, (entry) => estimateBytes(entry.doc));
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.ready = this.ddl(async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.checkpoints (projection text PRIMARY KEY, position bigint NOT NULL)`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.schema}.collections (name text COLLATE "C" PRIMARY KEY, tbl text NOT NULL, fields text[] NOT NULL)`,
      );
    });
    this.ready.catch(() => undefined);
  }

  /** Commits from here on check that `fence` holds; null lifts the check. */
  setFence(fence: LeaderFence | null): void {
    this.fence = fence;
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    assertCollectionName(spec.name);
    for (const field of spec.indexes) assertFieldPath(field);
    await this.ready;
    await this.ddl(async (client) => {
      const table = await this.createTable(client, spec.name);
      for (const field of spec.indexes) {
        if (!table.fields.has(field)) {
          const column = quote(fieldColumn(field));
          await client.query(`ALTER TABLE ${table.qualified} ADD COLUMN IF NOT EXISTS ${column} jsonb`);
          // Documents written before the field was declared.
          await client.query(`UPDATE ${table.qualified} SET ${column} = nullif(doc::jsonb #> '{${field.split('.').join(',')}}', 'null')`);
          await client.query(`UPDATE ${this.schema}.collections SET fields = array_append(fields, $2) WHERE name = $1`, [spec.name, field]);
        }
        for (const statement of indexStatements(table.qualified, field)) await client.query(statement);
      }
    });
    this.tables.delete(spec.name);
    if (spec.readCache) this.readCached.add(spec.name);
  }

  async listCollections(): Promise<string[]> {
    await this.ready;
    return (await this.pool.query<{ name: string }>(`SELECT name FROM ${this.schema}.collections ORDER BY name`)).rows.map((r) => r.name);
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined> {
    return (await this.getMany<T>(collection, [id])).get(id);
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    assertCollectionName(collection);
    const rows = await this.read<{ id: string; doc: string }>(collection, (t) => ({
      text: `SELECT id, doc FROM ${t.qualified} WHERE id = ANY($1::text[])`,
      values: [ids],
    }));
    return new Map(rows.map((r) => [r.id, JSON.parse(r.doc) as T]));
  }

  async find<T extends Doc = Doc>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    assertCollectionName(collection);
    assertFilter(filter, options);
    if (this.readCached.has(collection)) return (await this.findCached(collection, filter, options)) as T[];
    const rows = await this.read<{ doc: string }>(collection, (t) => {
      const values: unknown[] = [];
      const where = compileFilter(filter, t.fields, values);
      values.push(options.limit ?? null, options.skip ?? 0);
      const order = compileSort(options.sort ?? [], t.fields);
      return {
        text: `SELECT doc FROM ${t.qualified} ${where} ORDER BY ${order} LIMIT $${values.length - 1} OFFSET $${values.length}`,
        values,
      };
    });
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  /**
   * `find` on a read-cached collection: the matching ids with their row versions first (no
   * document text), then only the documents not already parsed at that version. The row version
   * (`xmin` with `ctid`) changes with every write, whichever instance made it, so a cached
   * document is served only while it is the stored one.
   */
  private async findCached(collection: string, filter: Filter, options: FindOptions): Promise<Doc[]> {
    const rows = await this.read<{ id: string; v: string }>(collection, (t) => {
      const values: unknown[] = [];
      const where = compileFilter(filter, t.fields, values);
      values.push(options.limit ?? null, options.skip ?? 0);
      const order = compileSort(options.sort ?? [], t.fields);
      return {
        text: `SELECT id, ${ROW_VERSION} AS v FROM ${t.qualified} ${where} ORDER BY ${order} LIMIT $${values.length - 1} OFFSET $${values.length}`,
        values,
      };
    });
    const found = new Map<string, Doc>();
    const missing: string[] = [];
    for (const r of rows) {
      const hit = this.readCache.getIf(readCacheKey(collection, r.id), (entry) => entry.version === r.v);
      if (hit) found.set(r.id, hit.doc);
      else missing.push(r.id);
    }
    if (missing.length > 0) {
      const fresh = await this.read<{ id: string; doc: string; v: string }>(collection, (t) => ({
        text: `SELECT id, doc, ${ROW_VERSION} AS v FROM ${t.qualified} WHERE id = ANY($1::text[])`,
        values: [missing],
      }));
      for (const r of fresh) {
        const doc = deepFreeze(JSON.parse(r.doc) as Doc);
        this.readCache.set(readCacheKey(collection, r.id), { version: r.v, doc }, r.doc.length * JSON_HEAP_FACTOR);
        found.set(r.id, doc);
      }
    }
    return rows.flatMap((r) => {
      const doc = found.get(r.id);
      return doc ? [doc] : [];
    });
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    assertCollectionName(collection);
    assertFilter(filter);
    const rows = await this.read<{ n: string }>(collection, (t) => {
      const values: unknown[] = [];
      return { text: `SELECT count(*) AS n FROM ${t.qualified} ${compileFilter(filter, t.fields, values)}`, values };
    });
    return rows.length === 0 ? 0 : Number(rows[0]!.n);
  }

  async upsert(collection: string, id: string, doc: Doc): Promise<void> {
    await this.commit({ writes: [{ op: 'upsert', collection, id, doc }] });
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.commit({ writes: [{ op: 'delete', collection, id }] });
  }

  async deleteCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    await this.ready;
    this.readCached.delete(collection);
    this.readCache.deleteWhere(inCollection(collection));
    await this.ddl(async (client) => {
      const row = (await client.query<{ tbl: string }>(`SELECT tbl FROM ${this.schema}.collections WHERE name = $1`, [collection])).rows[0];
      if (row) await client.query(`DROP TABLE IF EXISTS ${this.schema}.${quote(row.tbl)}`);
      await client.query(`DELETE FROM ${this.schema}.collections WHERE name = $1`, [collection]);
    });
    this.tables.delete(collection);
  }

  async commit(commit: Commit): Promise<void> {
    assertCommit(commit);
    // Each id's last write; serialised before the transaction, so a document that cannot be stored stores nothing.
    const last = new Map<string, LastWrite>();
    for (const w of commit.writes) {
      const key = `${w.collection}\u0000${w.id}`;
      last.delete(key);
      last.set(key, {
        collection: w.collection,
        id: w.id,
        json: w.op === 'upsert' ? JSON.stringify(w.doc) : null,
        doc: w.op === 'upsert' ? w.doc : null,
      });
    }
    const byCollection = new Map<string, LastWrite[]>();
    for (const w of last.values()) byCollection.set(w.collection, [...(byCollection.get(w.collection) ?? []), w]);
    await this.ready;
    await this.transaction(async (client) => {
      await this.checkFence(client);
      for (const [collection, writes] of byCollection) {
        const table =
          this.tables.get(collection) ?? (await this.lookup(client, collection)) ?? (await this.createInTransaction(client, collection));
        const deletes = writes.filter((w) => w.json === null).map((w) => w.id);
        if (deletes.length > 0) await client.query(`DELETE FROM ${table.qualified} WHERE id = ANY($1::text[])`, [deletes]);
        const upserts = writes.filter((w) => w.json !== null);
        for (let at = 0; at < upserts.length; at += ROWS_PER_STATEMENT)
          await this.insert(client, table, upserts.slice(at, at + ROWS_PER_STATEMENT));
      }
      for (const c of commit.checkpoints ?? []) {
        await client.query(
          `INSERT INTO ${this.schema}.checkpoints (projection, position) VALUES ($1, $2)
           ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
          [c.projection, c.position],
        );
      }
    });
  }

  async getCheckpoint(projection: string): Promise<number> {
    return (await this.getCheckpoints([projection])).get(projection)!;
  }

  async getCheckpoints(projections: readonly string[]): Promise<Map<string, number>> {
    await this.ready;
    const rows = (
      await this.pool.query<{ projection: string; position: string }>(
        `SELECT projection, position FROM ${this.schema}.checkpoints WHERE projection = ANY($1::text[])`,
        [projections],
      )
    ).rows;
    const found = new Map(rows.map((r) => [r.projection, Number(r.position)]));
    return new Map(projections.map((p) => [p, found.get(p) ?? 0]));
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    await this.ready;
    await this.pool.query(`DELETE FROM ${this.schema}.checkpoints WHERE projection = $1`, [projection]);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private async insert(client: pg.PoolClient, table: Table, rows: LastWrite[]): Promise<void> {
    const fields = [...table.fields];
    const columns = ['id', 'doc', ...fields.map(fieldColumn)].map(quote);
    const values: unknown[] = [];
    const tuples = rows.map((r) => {
      const at = values.length;
      values.push(r.id, r.json, ...fields.map((f) => columnValue(r.doc!, f)));
      return `(${columns.map((_, i) => `$${at + i + 1}${i >= 2 ? '::jsonb' : ''}`).join(', ')})`;
    });
    const updates = columns.slice(1).map((c) => `${c} = excluded.${c}`);
    await client.query(
      `INSERT INTO ${table.qualified} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
      values,
    );
  }

  private async checkFence(client: pg.PoolClient): Promise<void> {
    if (!this.fence) return;
    const pid = this.fence.backendPid();
    const held =
      pid !== undefined &&
      (
        await client.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND pid = $2 AND granted`,
          [this.fence.lockKey, pid],
        )
      ).rowCount === 1;
    if (!held) throw new LostLeadership('this instance no longer holds the projector lock; another instance leads');
  }

  /** Runs a read on the collection's table; an unknown collection reads as no rows. */
  private async read<R extends pg.QueryResultRow>(
    collection: string,
    query: (t: Table) => { text: string; values: unknown[] },
  ): Promise<R[]> {
    await this.ready;
    for (let attempt = 0; ; attempt += 1) {
      const table = this.tables.get(collection) ?? (await this.lookup(this.pool, collection));
      if (!table) return [];
      try {
        return (await this.pool.query<R>(query(table))).rows;
      } catch (error) {
        // Another instance dropped the table (a rebuild retired a generation): look again once.
        if ((error as { code?: string }).code !== UNDEFINED_TABLE || attempt > 0) throw error;
        this.tables.delete(collection);
      }
    }
  }

  private async lookup(client: pg.Pool | pg.PoolClient, collection: string): Promise<Table | undefined> {
    const row = (
      await client.query<{ tbl: string; fields: string[] }>(`SELECT tbl, fields FROM ${this.schema}.collections WHERE name = $1`, [
        collection,
      ])
    ).rows[0];
    if (!row) return undefined;
    const table = { name: row.tbl, qualified: `${this.schema}.${quote(row.tbl)}`, fields: new Set(row.fields) };
    this.tables.set(collection, table);
    return table;
  }

  /** Creates the collection's table (or finds it) within the caller's transaction. */
  private async createInTransaction(client: pg.PoolClient, collection: string): Promise<Table> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK]);
    return this.createTable(client, collection);
  }

  private async createTable(client: pg.PoolClient, collection: string): Promise<Table> {
    const existing = await this.lookup(client, collection);
    if (existing) return existing;
    const name = shortIdentifier('doc:', collection);
    await client.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.${quote(name)} (id text COLLATE "C" PRIMARY KEY, doc text NOT NULL)`);
    await client.query(`INSERT INTO ${this.schema}.collections (name, tbl, fields) VALUES ($1, $2, '{}')`, [collection, name]);
    const table = { name, qualified: `${this.schema}.${quote(name)}`, fields: new Set<string>() };
    this.tables.set(collection, table);
    return table;
  }

  /** DDL one instance at a time: two declaring one collection at once must not race on CREATE … IF NOT EXISTS. */
  private ddl<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK]);
      return work(client);
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A table created inside the rolled-back transaction no longer exists.
      this.tables.clear();
      throw error;
    } finally {
      client.release();
    }
  }
}
