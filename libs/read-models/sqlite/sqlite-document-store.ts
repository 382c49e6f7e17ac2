import { mkdirSync } from 'node:fs';
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
}

/** Per-collection tables are prefixed so they never clash with the store's own tables. */
const TABLE_PREFIX = 'doc:';

interface TableStatements {
  get: Database.Statement<[string], { doc: string }>;
  upsert: Database.Statement<[string, string]>;
  delete: Database.Statement<[string]>;
  /** Query statements by SQL text, built on demand. */
  queries: Map<string, Database.Statement>;
}

/**
 * The embedded read-model store.
 *
 * One SQLite table per collection (`"doc:<name>"`: id, doc JSON) rather than one shared
 * documents table: dropping a generation of a read model is a `DROP TABLE` instead of deleting
 * millions of rows, and a declared index (an expression index on `json_extract(doc, '$.field')`)
 * only costs writes to its own collection.
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

  constructor(options: SqliteDocumentStoreOptions) {
    if (options.path !== ':memory:' && options.path !== '') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Projection batches touch many pages; a larger page cache keeps hot documents in memory.
    this.db.pragma('cache_size = -65536');
    this.db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)`);
    this.putCheckpoint = this.db.prepare(
      `INSERT INTO checkpoints (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    );
    this.readCheckpoint = this.db.prepare(`SELECT position FROM checkpoints WHERE projection = ?`);
    this.removeCheckpoint = this.db.prepare(`DELETE FROM checkpoints WHERE projection = ?`);
    this.tableExists = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`);

    this.applyCommit = this.db.transaction((commit: Commit) => {
      for (const w of commit.writes) {
        const t = this.table(w.collection, true)!;
        // Serialising inside the transaction: a document that cannot be stored rolls back everything.
        if (w.op === 'upsert') t.upsert.run(w.id, JSON.stringify(w.doc));
        else t.delete.run(w.id);
      }
      for (const c of commit.checkpoints ?? []) this.putCheckpoint.run(c.projection, c.position);
    });
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    assertCollectionName(spec.name);
    for (const field of spec.indexes) assertFieldPath(field);
    this.db.transaction(() => {
      this.table(spec.name, true);
      for (const field of spec.indexes) {
        this.db.exec(
          `CREATE INDEX IF NOT EXISTS ${quote(`ix:${spec.name}:${field}`)} ON ${quote(TABLE_PREFIX + spec.name)} (${jsonExpr(field)})`,
        );
      }
    })();
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
    const { where, params } = compileFilter(filter);
    const order = [
      ...(options.sort ?? []).map((s) => `${jsonExpr(s.field)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`),
      'id ASC',
    ].join(', ');
    const sql = `SELECT doc FROM ${quote(TABLE_PREFIX + collection)} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const rows = this.query(t, sql).all(...params, options.limit ?? -1, options.skip ?? 0) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    assertCollectionName(collection);
    assertFilter(filter);
    const t = this.table(collection, false);
    if (!t) return 0;
    const { where, params } = compileFilter(filter);
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

  async deleteCheckpoint(projection: string): Promise<void> {
    this.removeCheckpoint.run(projection);
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
    const t: TableStatements = {
      get: this.db.prepare(`SELECT doc FROM ${quote(name)} WHERE id = ?`),
      upsert: this.db.prepare(
        `INSERT INTO ${quote(name)} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
      ),
      delete: this.db.prepare(`DELETE FROM ${quote(name)} WHERE id = ?`),
      queries: new Map(),
    };
    this.tables.set(collection, t);
    return t;
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

/** Field paths are validated to `[A-Za-z0-9_.]`, so inlining them is safe; inlined, the text matches the index expression. */
function jsonExpr(field: string): string {
  return `json_extract(doc, '$.${field}')`;
}

function jsonType(field: string): string {
  return `json_type(doc, '$.${field}')`;
}

/**
 * SQLite compares values of different types (numbers sort before text) and reads JSON booleans
 * as 1/0, while MongoDB only matches values of the same type. The `json_type` guards make both
 * adapters answer alike; the plain comparison on the indexed expression keeps the index usable.
 */
function compileFilter(filter: Filter): { where: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const eq = (field: string, v: Scalar): string => {
    if (v === null) return `${jsonExpr(field)} IS NULL`;
    if (typeof v === 'boolean') {
      params.push(v ? 1 : 0);
      return `(${jsonExpr(field)} = ? AND ${jsonType(field)} = '${v ? 'true' : 'false'}')`;
    }
    params.push(v);
    if (typeof v === 'number') return `(${jsonExpr(field)} = ? AND ${jsonType(field)} IN ('integer', 'real'))`;
    // A text parameter equals only a TEXT value (no affinity on either side): a JSON string, or
    // the JSON text of an array or object, which starts with '[' or '{'. Only then is the
    // json_type guard needed; skipping it otherwise spares parsing every matching document
    // (json_type reads the whole doc; the indexed json_extract does not).
    return v.startsWith('[') || v.startsWith('{') ? `(${jsonExpr(field)} = ? AND ${jsonType(field)} = 'text')` : `${jsonExpr(field)} = ?`;
  };
  const range = (field: string, op: string, v: string | number): string => {
    params.push(v);
    // The extra bound (`< ''` for numbers, `>= ''` for text) keeps the index scan within one type.
    return typeof v === 'number'
      ? `(${jsonExpr(field)} ${op} ? AND ${jsonExpr(field)} < '' AND ${jsonType(field)} IN ('integer', 'real'))`
      : `(${jsonExpr(field)} ${op} ? AND ${jsonExpr(field)} >= '')`;
  };
  for (const [field, cond] of Object.entries(filter)) {
    if (!isConditionObject(cond)) {
      terms.push(eq(field, cond));
      continue;
    }
    if (cond.eq !== undefined) terms.push(eq(field, cond.eq));
    if (cond.in !== undefined) terms.push(cond.in.length === 0 ? '0' : `(${cond.in.map((v) => eq(field, v)).join(' OR ')})`);
    if (cond.gt !== undefined) terms.push(range(field, '>', cond.gt));
    if (cond.gte !== undefined) terms.push(range(field, '>=', cond.gte));
    if (cond.lt !== undefined) terms.push(range(field, '<', cond.lt));
    if (cond.lte !== undefined) terms.push(range(field, '<=', cond.lte));
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/** The SQL expression a declared index is built on; the adapter's spec uses it to check query plans. */
export const sqliteIndexExpression = jsonExpr;
