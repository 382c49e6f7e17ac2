/**
 * The students' data keys on the embedded store: `DATA_DIR/keys.sqlite`, apart from the events
 * (api.md: only the events live in events.sqlite), readable by the service's user only.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataKeyOfRow as toKey, type DataKeyRow as Row, type KeyStore, type StoredDataKey } from '../crypto/key-store.port.js';

export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') chmodSync(path, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      subject TEXT PRIMARY KEY,
      wrapped TEXT,
      kek TEXT NOT NULL,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    ) WITHOUT ROWID`);
  }

  async get(subjects: readonly string[]): Promise<Map<string, StoredDataKey>> {
    const out = new Map<string, StoredDataKey>();
    for (let i = 0; i < subjects.length; i += 500) {
      const part = subjects.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM data_keys WHERE subject IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const row of rows) out.set(row.subject, toKey(row));
    }
    return out;
  }

  async create(key: { subject: string; wrapped: string; kek: string; createdAt: string }): Promise<StoredDataKey> {
    this.db
      .prepare('INSERT OR IGNORE INTO data_keys (subject, wrapped, kek, created_at) VALUES (?, ?, ?, ?)')
      .run(key.subject, key.wrapped, key.kek, key.createdAt);
    return toKey(this.db.prepare('SELECT * FROM data_keys WHERE subject = ?').get(key.subject) as Row);
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE data_keys SET wrapped = NULL, destroyed_at = ? WHERE subject = ? AND wrapped IS NOT NULL')
      .run(at, subject);
    // The pages that held the wrapped key are overwritten, not only unlinked (secure_delete), and checkpointed out of the WAL.
    if (result.changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result.changes > 0;
  }

  async wrappedByOther(kek: string, limit: number): Promise<StoredDataKey[]> {
    const rows = this.db.prepare('SELECT * FROM data_keys WHERE wrapped IS NOT NULL AND kek <> ? LIMIT ?').all(kek, limit) as Row[];
    return rows.map(toKey);
  }

  async rewrap(subject: string, wrapped: string, kek: string): Promise<void> {
    this.db.prepare('UPDATE data_keys SET wrapped = ?, kek = ? WHERE subject = ? AND wrapped IS NOT NULL').run(wrapped, kek, subject);
  }

  async list(after: string | null, limit: number): Promise<StoredDataKey[]> {
    const rows = this.db.prepare('SELECT * FROM data_keys WHERE subject > ? ORDER BY subject LIMIT ?').all(after ?? '', limit) as Row[];
    return rows.map(toKey);
  }

  async importKeys(keys: readonly StoredDataKey[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO data_keys (subject, wrapped, kek, created_at, destroyed_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const k of keys) insert.run(k.subject, k.wrapped, k.kek, k.createdAt, k.destroyedAt);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
