/** The students' data keys in PostgreSQL: one table beside the events, shared by every instance. */
import pg from 'pg';
import { dataKeyOfRow as toKey, type DataKeyRow as Row, type KeyStore, type StoredDataKey } from '../crypto/key-store.port.js';
import { quoteIdent } from './schema.js';

export class PostgresKeyStore implements KeyStore {
  private readonly pool: pg.Pool;
  private readonly table: string;
  private readonly ready: Promise<void>;

  constructor(options: { connectionString: string; schema?: string }) {
    this.table = `${quoteIdent(options.schema ?? 'public')}.data_keys`;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 4 });
    this.pool.on('error', () => undefined);
    this.ready = this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
          subject text COLLATE "C" PRIMARY KEY, wrapped text, kek text NOT NULL, created_at text NOT NULL, destroyed_at text)`,
      )
      .then(() => undefined)
      .catch(async (error: unknown) => {
        // Two instances creating the table at once: one loses on the catalogue's unique index; the table is there.
        if ((error as { code?: string }).code !== '23505') throw error;
      });
    this.ready.catch(() => undefined);
  }

  private async query(sql: string, values: unknown[]): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query<Row>(sql, values)).rows;
  }

  async get(subjects: readonly string[]): Promise<Map<string, StoredDataKey>> {
    const rows = await this.query(`SELECT * FROM ${this.table} WHERE subject = ANY($1)`, [subjects]);
    return new Map(rows.map((row) => [row.subject, toKey(row)]));
  }

  async create(key: { subject: string; wrapped: string; kek: string; createdAt: string }): Promise<StoredDataKey> {
    await this.query(`INSERT INTO ${this.table} (subject, wrapped, kek, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      key.subject,
      key.wrapped,
      key.kek,
      key.createdAt,
    ]);
    const [row] = await this.query(`SELECT * FROM ${this.table} WHERE subject = $1`, [key.subject]);
    return toKey(row!);
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    const rows = await this.query(
      `UPDATE ${this.table} SET wrapped = NULL, destroyed_at = $2 WHERE subject = $1 AND wrapped IS NOT NULL RETURNING subject`,
      [subject, at],
    );
    return rows.length > 0;
  }

  async wrappedByOther(kek: string, limit: number): Promise<StoredDataKey[]> {
    return (await this.query(`SELECT * FROM ${this.table} WHERE wrapped IS NOT NULL AND kek <> $1 LIMIT $2`, [kek, limit])).map(toKey);
  }

  async rewrap(subject: string, wrapped: string, kek: string): Promise<void> {
    await this.query(`UPDATE ${this.table} SET wrapped = $2, kek = $3 WHERE subject = $1 AND wrapped IS NOT NULL`, [subject, wrapped, kek]);
  }

  async list(after: string | null, limit: number): Promise<StoredDataKey[]> {
    return (await this.query(`SELECT * FROM ${this.table} WHERE subject > $1 ORDER BY subject LIMIT $2`, [after ?? '', limit])).map(toKey);
  }

  async importKeys(keys: readonly StoredDataKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.query(
      `INSERT INTO ${this.table} (subject, wrapped, kek, created_at, destroyed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [
        keys.map((k) => k.subject),
        keys.map((k) => k.wrapped),
        keys.map((k) => k.kek),
        keys.map((k) => k.createdAt),
        keys.map((k) => k.destroyedAt),
      ],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
