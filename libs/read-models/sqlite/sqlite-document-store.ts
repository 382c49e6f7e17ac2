import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertCollectionName,
  assertCommit,
  assertFieldPath,
  assertFilter,
  isConditionObject,
  type CollectionSpec,
  type Commit,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type Scalar,
} from '../document-store.port.js';
import { deepFreeze } from '../deep-freeze.js';
import { inCollection, READ_CACHE_BYTES, readCacheKey } from '../read-cache.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { estimateBytes, JSON_HEAP_FACTOR } from '#event-store/cache/estimate-bytes.js';

/** A read-cached query's ids at a write count, and the documents they named when last read (see `find`). */
interface QueryResult {
  readonly writes: number;
  readonly ids: readonly string[];
  docs?: readonly Doc[];
  /** The read cache's eviction count when `docs` were read. */
  evictions?: number;
}

export interface SqliteDocumentStoreOptions {
  /** A file path (its directory is created), or `':memory:'`. */
  path: string;
  /**
   * Default `'NORMAL'`. In WAL mode NORMAL never breaks a transaction apart: after a power cut
   * the last few commits may be gone, but each commit (documents together with their
   * checkpoint) is either wholly there or wholly absent, so the projector simply re-applies
   * from the older checkpoint. Events are the durable truth, so durability of each read-model
   * commit is not worth an fsync per batch; consistency is what matters, and NORMAL keeps it.
   * A process crash (as opposed to the OS losing power) loses nothing even with NORMAL.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another connection's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * WAL pages after which a commit checkpoints the WAL into the database file. Default 16,384
   * (64 MiB at 4 KiB pages), not SQLite's 1,000: each checkpoint ends in an fsync, and a
   * projection rebuild writes the read models' whole size, so with 1,000 it ran about 75
   * checkpoints over the generated year; with 16,384 a rebuild of all projections ran 8–13 %
   * faster (BENCHMARKS.md).
   */
  walAutocheckpointPages?: number;
  /** What the parsed documents of read-cached collections may keep on the heap. Default READ_CACHE_BYTES. */
  readCacheBytes?: number;
  /**
   * SQLite's page cache for this connection, outside the heap. Default BULK_PAGE_CACHE_BYTES,
   * for a rebuild or catch-up that writes across the whole file; a serving connection, with the
   * parsed documents cached in front, does as well with far less (CACHE_SQLITE_PAGES_MIB).
   */
  pageCacheBytes?: number;
}

/** A page cache for projecting in bulk: projection batches touch many pages, and keeping them saves reads. */
export const BULK_PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/** What the remembered query results may take (cache `read-model-queries`): ids only. */
const QUERY_CACHE_BYTES = 8 * 1024 * 1024;

/** Per-collection tables are prefixed so they never clash with the store's own tables. */
const TABLE_PREFIX = 'doc:';

interface TableStatements {
  get: Database.Statement<[string], { doc: string }>;
  /** Binds id, doc, then the value of each field in `fields`. */
  upsert: Database.Statement<unknown[]>;
  /** Declared index fields that have their own column (see `ensureCollection`). */
  fields: readonly string[];
  /** The same, as a set, for compiling filters. */
  fieldSet: ReadonlySet<string>;
  delete: Database.Statement<[string]>;
  /** Query statements by SQL text, built on demand. */
  queries: Map<string, Database.Statement>;
}

/**
 * The embedded read-model store.
 *
 * One SQLite table per collection (`"doc:<name>"`: id, doc JSON) rather than one shared
 * documents table: dropping a generation of a read model is a `DROP TABLE` instead of deleting
 * millions of rows, and a declared index only costs writes to its own collection.
 *
 * A declared index field gets its own column (`"f:<field>"`, the value `json_extract` would give),
 * filled from the document in JavaScript when it is written, and an index on that column. An
 * expression index on `json_extract(doc, …)` did the same lookups, but SQLite then parsed every
 * written document twice (old and new row) to keep the index: for the 15 KB student documents,
 * that was as costly as the write itself.
 *
 * Every commit runs in one synchronous better-sqlite3 transaction with cached prepared
 * statements; the async port methods only wrap the synchronous work.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly tables = new Map<string, TableStatements>();
  private readonly putCheckpoint: Database.Statement<[string, number]>;
  private readonly readCheckpoint: Database.Statement<[string], { position: number }>;
  private readonly removeCheckpoint: Database.Statement<[string]>;
  private readonly tableExists: Database.Statement<[string], { name: string }>;
  private readonly applyCommit: (commit: Commit) => void;
  /** The collections declared with `readCache`. */
  private readonly readCached = new Set<string>();
  /** Their parsed, frozen documents, by `readCacheKey(collection, id)`, bounded by bytes. */
  private readonly readCache: BoundedCache<string, Doc>;
  /**
   * The ids a query of a read-cached collection found, by collection and query, with the
   * collection's write count they were found at: a list read again before anything was written to
   * its collection skips its SQL (an absence list's 600 ids were a tenth of its request).
   */
  private readonly queryResults = new BoundedCache<string, QueryResult>(
    'read-model-queries',
    QUERY_CACHE_BYTES,
    (entry, key) => 64 + key.length + entry.ids.length * 64,
  );
  /** Writes committed per read-cached collection by this connection. */
  private readonly writesTo = new Map<string, number>();
  private readonly dataVersion: Database.Statement<[], number>;
  /** `PRAGMA data_version` when the caches were last known to match the file. */
  private seenDataVersion: number;

  constructor(options: SqliteDocumentStoreOptions) {
    if (options.path !== ':memory:' && options.path !== '') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    // Children's data: the file (and the -wal/-shm files SQLite makes with its mode) for the owner only.
    if (options.path !== ':memory:' && options.path !== '') chmodSync(options.path, 0o600);
    this.db.pragma('journal_mode = WAL');
    // An erased student's clear text leaves with the generation it was in: freed pages are zeroed, not only unlinked.
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // A negative cache_size is KiB.
    this.db.pragma(`cache_size = -${Math.max(1, Math.round((options.pageCacheBytes ?? BULK_PAGE_CACHE_BYTES) / 1024))}`);
    this.readCache = new BoundedCache<string, Doc>('read-models', options.readCacheBytes ?? READ_CACHE_BYTES, estimateBytes);
    this.db.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages ?? 16_384}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)`);
    this.putCheckpoint = this.db.prepare(
      `INSERT INTO checkpoints (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    );
    this.readCheckpoint = this.db.prepare(`SELECT position FROM checkpoints WHERE projection = ?`);
    this.removeCheckpoint = this.db.prepare(`DELETE FROM checkpoints WHERE projection = ?`);
    this.tableExists = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`);
    // Changes when another connection (another process: a CLI run beside the API) commits to the file.
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.seenDataVersion = this.dataVersion.get()!;

    this.applyCommit = this.db.transaction((commit: Commit) => {
      for (const w of commit.writes) {
        // Forgotten before the write: forgetting is right whether or not the transaction commits.
        if (this.readCached.has(w.collection)) {
          this.readCache.delete(readCacheKey(w.collection, w.id));
          this.writesTo.set(w.collection, (this.writesTo.get(w.collection) ?? 0) + 1);
        }
        const t = this.table(w.collection, true)!;
        // Serialising inside the transaction: a document that cannot be stored rolls back everything.
        if (w.op === 'upsert') t.upsert.run(w.id, JSON.stringify(w.doc), ...t.fields.map((f) => columnValue(w.doc, f)));
        else t.delete.run(w.id);
      }
      for (const c of commit.checkpoints ?? []) this.putCheckpoint.run(c.projection, c.position);
    });
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    assertCollectionName(spec.name);
    for (const field of spec.indexes) assertFieldPath(field);
    const table = quote(TABLE_PREFIX + spec.name);
    this.db.transaction(() => {
      this.table(spec.name, true);
      const columns = this.columnsOf(spec.name);
      for (const field of spec.indexes) {
        const column = fieldColumn(field);
        if (!columns.has(column)) {
          this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${quote(column)}`);
          // Documents written before the field was declared (or by an older version of this adapter).
          this.db.exec(`UPDATE ${table} SET ${quote(column)} = ${jsonExpr(field)}`);
        }
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`cx:${spec.name}:${field}`)} ON ${table} (${quote(column)})`);
        // The expression index earlier versions made: no query uses it now, and it costs every write.
        this.db.exec(`DROP INDEX IF EXISTS ${quote(`ix:${spec.name}:${field}`)}`);
      }
    })();
    // Statements prepared before know fewer columns.
    this.tables.delete(spec.name);
    if (spec.readCache) this.readCached.add(spec.name);
  }

  async listCollections(): Promise<string[]> {
    const rows = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    return rows
      .map((r) => r.name)
      .filter((n) => n.startsWith(TABLE_PREFIX))
      .map((n) => n.slice(TABLE_PREFIX.length))
      .sort();
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined> {
    return this.getSync<T>(collection, id);
  }

  /** Synchronous read, for callers on the same thread that want to skip a microtask. */
  getSync<T extends Doc = Doc>(collection: string, id: string): T | undefined {
    assertCollectionName(collection);
    const row = this.table(collection, false)?.get.get(id);
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    assertCollectionName(collection);
    const found = new Map<string, T>();
    const t = this.table(collection, false);
    if (!t) return found;
    for (const id of ids) {
      const row = t.get.get(id);
      if (row) found.set(id, JSON.parse(row.doc) as T);
    }
    return found;
  }

  async find<T extends Doc = Doc>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    assertCollectionName(collection);
    assertFilter(filter, options);
    const t = this.table(collection, false);
    if (!t) return [];
    const { where, params } = compileFilter(filter, t.fieldSet);
    const order = [
      ...(options.sort ?? []).map((s) => `${valueExpr(s.field, t.fieldSet)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`),
      'id ASC',
    ].join(', ');
    // With a read cache only the ids are read (from the index, no document text), then the documents
    // not yet parsed. Only `find` serves from it: `get`/`getMany` (the projector's reads, which may
    // change what they get before writing it back) always parse afresh.
    const cached = this.readCacheCurrent(collection);
    const sql = `SELECT ${cached ? 'id' : 'doc'} FROM ${quote(TABLE_PREFIX + collection)} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const bound = [...params, options.limit ?? -1, options.skip ?? 0];
    if (!cached) return (this.query(t, sql).all(...bound) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
    const result = this.queryResult(t, collection, sql, bound);
    // The same documents as last time while nothing was evicted since: 600 cache lookups and keys
    // were a tenth of a repeated absence list (BENCHMARKS.md, thirteenth round). A copy of the
    // array, so that a caller sorting it changes nothing for the next.
    if (result.docs && result.evictions === this.readCache.evictionCount) {
      this.readCache.countHits(result.docs.length);
      return result.docs.slice() as T[];
    }
    const evictions = this.readCache.evictionCount;
    const docs = this.cachedDocs(t, collection, result.ids);
    const found = result.ids.map((id) => docs.get(id)).filter((d): d is Doc => d !== undefined);
    // Kept only when reading them evicted nothing: every kept document is then in the read cache,
    // and the memo holds no document outside the cache's bound.
    if (this.readCache.evictionCount === evictions) {
      result.docs = found;
      result.evictions = evictions;
    }
    return found.slice() as T[];
  }

  /** What `sql` finds, from `queryResults` while nothing was written to `collection` since. */
  private queryResult(t: TableStatements, collection: string, sql: string, bound: unknown[]): QueryResult {
    const key = readCacheKey(collection, `${sql}\u0000${JSON.stringify(bound)}`);
    const writes = this.writesTo.get(collection) ?? 0;
    const known = this.queryResults.getIf(key, (entry) => entry.writes === writes);
    if (known) return known;
    const ids = (this.query(t, sql).all(...bound) as { id: string }[]).map((r) => r.id);
    const result: QueryResult = { writes, ids };
    this.queryResults.set(key, result);
    return result;
  }

  /** Whether `collection` is read-cached; the caches are emptied first if another connection changed the file. */
  private readCacheCurrent(collection: string): boolean {
    if (!this.readCached.has(collection)) return false;
    const version = this.dataVersion.get()!;
    if (version !== this.seenDataVersion) {
      this.seenDataVersion = version;
      this.readCache.clear();
      this.queryResults.clear();
    }
    return true;
  }

  /** `ids` from the cache, the others read, parsed, frozen and remembered. */
  private cachedDocs(t: TableStatements, collection: string, ids: readonly string[]): Map<string, Doc> {
    const found = new Map<string, Doc>();
    for (const id of ids) {
      const key = readCacheKey(collection, id);
      let doc = this.readCache.get(key);
      if (doc === undefined) {
        const row = t.get.get(id);
        if (!row) continue;
        doc = deepFreeze(JSON.parse(row.doc) as Doc);
        this.readCache.set(key, doc, row.doc.length * JSON_HEAP_FACTOR);
      }
      found.set(id, doc);
    }
    return found;
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    assertCollectionName(collection);
    assertFilter(filter);
    const t = this.table(collection, false);
    if (!t) return 0;
    const { where, params } = compileFilter(filter, t.fieldSet);
    const row = this.query(t, `SELECT count(*) AS n FROM ${quote(TABLE_PREFIX + collection)} ${where}`).get(...params) as { n: number };
    return row.n;
  }

  async upsert(collection: string, id: string, doc: Doc): Promise<void> {
    await this.commit({ writes: [{ op: 'upsert', collection, id, doc }] });
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.commit({ writes: [{ op: 'delete', collection, id }] });
  }

  async deleteCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    this.tables.delete(collection);
    this.readCached.delete(collection);
    this.writesTo.set(collection, (this.writesTo.get(collection) ?? 0) + 1);
    this.readCache.deleteWhere(inCollection(collection));
    // Indexes go with the table.
    this.db.exec(`DROP TABLE IF EXISTS ${quote(TABLE_PREFIX + collection)}`);
  }

  async commit(commit: Commit): Promise<void> {
    assertCommit(commit);
    try {
      this.applyCommit(commit);
    } catch (error) {
      // A table created inside the rolled-back transaction no longer exists: forget its statements.
      this.tables.clear();
      throw error;
    }
  }

  async getCheckpoint(projection: string): Promise<number> {
    return this.readCheckpoint.get(projection)?.position ?? 0;
  }

  async getCheckpoints(projections: readonly string[]): Promise<Map<string, number>> {
    return new Map(projections.map((p) => [p, this.readCheckpoint.get(p)?.position ?? 0]));
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    this.removeCheckpoint.run(projection);
  }

  /** The connection's page cache as SQLite has it (an operator's check of CACHE_SQLITE_PAGES_MIB). */
  pageCacheBytes(): number {
    return -(this.db.pragma('cache_size', { simple: true }) as number) * 1024;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * The prepared statements of a collection's table; creates the table when `create`, otherwise
   * undefined if it does not exist (another connection may have created it since, so look).
   */
  private table(collection: string, create: boolean): TableStatements | undefined {
    const cached = this.tables.get(collection);
    if (cached) return cached;
    const name = TABLE_PREFIX + collection;
    if (create) {
      // A rowid table, not WITHOUT ROWID: documents can be large, and WITHOUT ROWID suits small rows only.
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(name)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
    } else if (!this.tableExists.get(name)) {
      return undefined;
    }
    const fields = [...this.columnsOf(collection)]
      .filter((c) => c.startsWith(FIELD_COLUMN_PREFIX))
      .map((c) => c.slice(FIELD_COLUMN_PREFIX.length));
    const columns = ['id', 'doc', ...fields.map(fieldColumn)].map(quote);
    const t: TableStatements = {
      get: this.db.prepare(`SELECT doc FROM ${quote(name)} WHERE id = ?`),
      upsert: this.db.prepare(
        `INSERT INTO ${quote(name)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns
           .slice(1)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
      ),
      fields,
      fieldSet: new Set(fields),
      delete: this.db.prepare(`DELETE FROM ${quote(name)} WHERE id = ?`),
      queries: new Map(),
    };
    this.tables.set(collection, t);
    return t;
  }

  private columnsOf(collection: string): Set<string> {
    const rows = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(TABLE_PREFIX + collection) as { name: string }[];
    return new Set(rows.map((r) => r.name));
  }

  private query(t: TableStatements, sql: string): Database.Statement {
    let stmt = t.queries.get(sql);
    if (!stmt) {
      // Filters have few shapes per collection; the bound keeps a pathological caller from growing it forever.
      if (t.queries.size > 200) t.queries.clear();
      stmt = this.db.prepare(sql);
      t.queries.set(sql, stmt);
    }
    return stmt;
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Field paths are validated to `[A-Za-z0-9_.]`, so inlining them is safe. */
function jsonExpr(field: string): string {
  return `json_extract(doc, '$.${field}')`;
}

const FIELD_COLUMN_PREFIX = 'f:';

/** The column that holds a declared index field's value. */
function fieldColumn(field: string): string {
  return FIELD_COLUMN_PREFIX + field;
}

/** The field's value in SQL: its column when it has one (indexed), else extracted from the document. */
function valueExpr(field: string, columns: ReadonlySet<string>): string {
  return columns.has(field) ? quote(fieldColumn(field)) : jsonExpr(field);
}

/**
 * What `json_extract(doc, '$.<field>')` gives for the document, computed from the object: NULL
 * for a missing field or null, 1/0 for booleans, the JSON text of an object or array.
 */
function columnValue(doc: Doc, field: string): string | number | null {
  let value: unknown = doc;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

function jsonType(field: string): string {
  return `json_type(doc, '$.${field}')`;
}

/**
 * SQLite compares values of different types (numbers sort before text) and reads JSON booleans
 * as 1/0, while MongoDB only matches values of the same type. The `json_type` guards make both
 * adapters answer alike; the plain comparison on the indexed expression keeps the index usable.
 */
function compileFilter(filter: Filter, columns: ReadonlySet<string>): { where: string; params: unknown[] } {
  const value = (field: string) => valueExpr(field, columns);
  const terms: string[] = [];
  const params: unknown[] = [];
  const eq = (field: string, v: Scalar): string => {
    if (v === null) return `${value(field)} IS NULL`;
    if (typeof v === 'boolean') {
      params.push(v ? 1 : 0);
      return `(${value(field)} = ? AND ${jsonType(field)} = '${v ? 'true' : 'false'}')`;
    }
    params.push(v);
    if (typeof v === 'number') return `(${value(field)} = ? AND ${jsonType(field)} IN ('integer', 'real'))`;
    // A text parameter equals only a TEXT value (no affinity on either side): a JSON string, or
    // the JSON text of an array or object, which starts with '[' or '{'. Only then is the
    // json_type guard needed; skipping it otherwise spares parsing every matching document
    // (json_type reads the whole doc; the indexed json_extract does not).
    return v.startsWith('[') || v.startsWith('{') ? `(${value(field)} = ? AND ${jsonType(field)} = 'text')` : `${value(field)} = ?`;
  };
  const range = (field: string, op: string, v: string | number): string => {
    params.push(v);
    // The extra bound (`< ''` for numbers, `>= ''` for text) keeps the index scan within one type.
    return typeof v === 'number'
      ? `(${value(field)} ${op} ? AND ${value(field)} < '' AND ${jsonType(field)} IN ('integer', 'real'))`
      : `(${value(field)} ${op} ? AND ${value(field)} >= '')`;
  };
  const anyOf = (field: string, values: readonly Scalar[]): string => {
    // Plain text values (most lists are ids) go in one JSON parameter: one statement text for any
    // number of them, and no expression tree past SQLite's depth limit of 1,000 (an OR per value).
    const plain: string[] = [];
    const alternatives: string[] = [];
    for (const v of values) {
      if (typeof v === 'string' && !v.startsWith('[') && !v.startsWith('{')) plain.push(v);
      else alternatives.push(eq(field, v));
    }
    if (plain.length > 0) {
      params.push(JSON.stringify(plain));
      // Last, as its parameter follows those of the alternatives before it.
      alternatives.push(`${value(field)} IN (SELECT value FROM json_each(?))`);
    }
    return alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`;
  };
  for (const [field, cond] of Object.entries(filter)) {
    if (!isConditionObject(cond)) {
      terms.push(eq(field, cond));
      continue;
    }
    if (cond.eq !== undefined) terms.push(eq(field, cond.eq));
    if (cond.in !== undefined) terms.push(anyOf(field, cond.in));
    if (cond.gt !== undefined) terms.push(range(field, '>', cond.gt));
    if (cond.gte !== undefined) terms.push(range(field, '>=', cond.gte));
    if (cond.lt !== undefined) terms.push(range(field, '<', cond.lt));
    if (cond.lte !== undefined) terms.push(range(field, '<=', cond.lte));
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/** The SQL expression a declared index is built on; the adapter's spec uses it to check query plans. */
export const sqliteIndexExpression = (field: string): string => quote(fieldColumn(field));
