/**
 * Idempotency-Key outcomes on the embedded store: a small SQLite database (AppConfig
 * .idempotencyDatabase, by default `<DATA_DIR>/idempotency.sqlite`; ':memory:' in tests),
 * WAL mode, one row per (caller, key). Rows are kept at least 24 h and expired lazily by
 * later writes.
 *
 * A row is 'pending' while its first request runs. Pending rows left by a process that
 * died mid-request are removed at start (keeping the key blocked forever would be worse for
 * the client than letting its retry run) and remembered (`begin` answers `orphan`): the retry runs with
 * the same derived ids (request-ids.ts) and, if the first run did append, finds its events
 * and answers as that run would have, appending nothing.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore, replayOf, type Begin, type StoredResponse } from './idempotency.store.js';

/** Expiry runs at most this often: a cheap indexed DELETE, but not on every request. */
const EXPIRY_INTERVAL_MS = 60 * 1000;

interface Row {
  request_hash: string;
  created_at: number;
  state: 'pending' | 'done';
  status: number | null;
  body: string | null;
  headers: string | null;
}

/** Provided by factory (see app.module.ts): the clock is a constructor argument for tests. */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly db: Database.Database;
  private lastExpiry = 0;
  /** (actor, key) of the pending rows found at start, i.e. left by a process that died mid-request. */
  private readonly orphans = new Set<string>();
  private readonly statements;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Stored answers hold personal data: the file (and its -wal/-shm) for the owner only.
    if (path !== ':memory:') chmodSync(path, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS idempotency (
        actor TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
        status INTEGER,
        body TEXT,
        headers TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (actor, key)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS idempotency_created_at ON idempotency (created_at);
    `);
    // Keys a dead process left pending: their retries may find the first run's events stored.
    for (const row of this.db
      .prepare<[], { actor: string; key: string }>("SELECT actor, key FROM idempotency WHERE state = 'pending'")
      .all()) {
      this.orphans.add(JSON.stringify([row.actor, row.key]));
    }
    this.db.exec("DELETE FROM idempotency WHERE state = 'pending'");
    this.statements = {
      find: this.db.prepare<[string, string], Row>(
        'SELECT request_hash, created_at, state, status, body, headers FROM idempotency WHERE actor = ? AND key = ?',
      ),
      insert: this.db.prepare("INSERT INTO idempotency (actor, key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)"),
      complete: this.db.prepare("UPDATE idempotency SET state = 'done', status = ?, body = ?, headers = ? WHERE actor = ? AND key = ?"),
      abandon: this.db.prepare("DELETE FROM idempotency WHERE actor = ? AND key = ? AND state = 'pending'"),
      expire: this.db.prepare('DELETE FROM idempotency WHERE created_at < ?'),
      remove: this.db.prepare('DELETE FROM idempotency WHERE actor = ? AND key = ?'),
    };
  }

  async begin(actor: string, key: string, requestHash: string): Promise<Begin> {
    return this.db.transaction((): Begin => {
      const now = this.now();
      if (now - this.lastExpiry >= EXPIRY_INTERVAL_MS) {
        this.statements.expire.run(now - IDEMPOTENCY_RETENTION_MS);
        this.lastExpiry = now;
      }
      let row = this.statements.find.get(actor, key);
      // A row past retention that the periodic sweep has not reached yet counts as gone.
      if (row !== undefined && row.created_at < now - IDEMPOTENCY_RETENTION_MS) {
        this.statements.remove.run(actor, key);
        row = undefined;
      }
      if (row === undefined) {
        this.statements.insert.run(actor, key, requestHash, now);
        return { kind: 'new', orphan: this.orphans.delete(JSON.stringify([actor, key])) };
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'pending') return { kind: 'pending' };
      return replayOf(row);
    })();
  }

  async complete(actor: string, key: string, response: StoredResponse): Promise<void> {
    const body = response.body === undefined ? null : JSON.stringify(response.body);
    this.statements.complete.run(response.status, body, JSON.stringify(response.headers), actor, key);
  }

  async abandon(actor: string, key: string): Promise<void> {
    this.statements.abandon.run(actor, key);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
