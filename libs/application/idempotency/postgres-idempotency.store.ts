/**
 * Idempotency-Key outcomes in PostgreSQL, one table shared by every instance: a key replayed
 * through another instance is answered from the first outcome, and a key whose first request is
 * still running elsewhere gets 409 rather than running twice.
 *
 * A pending row names its owner: the instance's own session (backend pid and start time of a
 * connection it keeps open). An instance that dies loses that session at once (the server sees
 * the socket close), so a retry through another instance takes the row over as an orphan
 * (`begin` answers `orphan: true`) instead of waiting: the retry runs with the same derived ids
 * and finds what the first run stored, if anything.
 */
import pg from 'pg';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore, replayOf, type Begin, type StoredResponse } from './idempotency.store.js';

const EXPIRY_INTERVAL_MS = 60 * 1000;

interface Row {
  request_hash: string;
  created_at: string;
  state: 'pending' | 'done';
  status: number | null;
  body: string | null;
  headers: string | null;
  owner: string | null;
}

export interface PostgresIdempotencyOptions {
  connectionString: string;
  schema?: string;
  now?: () => number;
}

export class PostgresIdempotencyStore extends IdempotencyStore {
  private readonly pool: pg.Pool;
  private readonly table: string;
  private readonly now: () => number;
  private readonly ready: Promise<string>;
  private presence?: pg.Client;
  private lastExpiry = 0;

  constructor(options: PostgresIdempotencyOptions) {
    super();
    const schema = options.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
    this.table = `"${schema}".idempotency`;
    this.now = options.now ?? Date.now;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 4 });
    this.pool.on('error', () => undefined);
    this.ready = this.start(options.connectionString, schema);
    this.ready.catch(() => undefined);
  }

  private async start(connectionString: string, schema: string): Promise<string> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7366521)');
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          actor text NOT NULL, key text NOT NULL, request_hash text NOT NULL,
          state text NOT NULL CHECK (state IN ('pending', 'done')),
          status integer, body text, headers text, owner text,
          created_at bigint NOT NULL,
          PRIMARY KEY (actor, key)
        )`);
      await client.query(`CREATE INDEX IF NOT EXISTS idempotency_created_at ON ${this.table} (created_at)`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    // The session that says this instance lives: it ends when the process does.
    this.presence = new pg.Client({ connectionString });
    this.presence.on('error', () => undefined);
    await this.presence.connect();
    const me = (
      await this.presence.query<{ owner: string }>(
        `SELECT pg_backend_pid() || '@' || backend_start AS owner FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      )
    ).rows[0]!.owner;
    return me;
  }

  async begin(actor: string, key: string, requestHash: string): Promise<Begin> {
    const owner = await this.ready;
    const now = this.now();
    if (now - this.lastExpiry >= EXPIRY_INTERVAL_MS) {
      this.lastExpiry = now;
      await this.pool.query(`DELETE FROM ${this.table} WHERE created_at < $1`, [now - IDEMPOTENCY_RETENTION_MS]);
    }
    for (;;) {
      const inserted = await this.pool.query(
        `INSERT INTO ${this.table} (actor, key, request_hash, state, owner, created_at) VALUES ($1, $2, $3, 'pending', $4, $5)
         ON CONFLICT (actor, key) DO NOTHING`,
        [actor, key, requestHash, owner, now],
      );
      if (inserted.rowCount === 1) return { kind: 'new', orphan: false };
      const row = (
        await this.pool.query<Row>(
          `SELECT request_hash, created_at, state, status, body, headers, owner FROM ${this.table} WHERE actor = $1 AND key = $2`,
          [actor, key],
        )
      ).rows[0];
      if (row === undefined) continue;
      // A row past retention that the periodic sweep has not reached yet counts as gone.
      if (Number(row.created_at) < now - IDEMPOTENCY_RETENTION_MS) {
        await this.pool.query(`DELETE FROM ${this.table} WHERE actor = $1 AND key = $2 AND created_at = $3`, [actor, key, row.created_at]);
        continue;
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'done') {
        return replayOf(row);
      }
      // Pending: taken over only if its owner's session is gone (that instance died mid-request).
      const taken = await this.pool.query(
        `UPDATE ${this.table} SET owner = $3, created_at = $4
         WHERE actor = $1 AND key = $2 AND state = 'pending' AND owner IS NOT DISTINCT FROM $5
           AND NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid || '@' || backend_start = $5)`,
        [actor, key, owner, now, row.owner],
      );
      return taken.rowCount === 1 ? { kind: 'new', orphan: true } : { kind: 'pending' };
    }
  }

  async complete(actor: string, key: string, response: StoredResponse): Promise<void> {
    const body = response.body === undefined ? null : JSON.stringify(response.body);
    await this.pool.query(
      `UPDATE ${this.table} SET state = 'done', status = $1, body = $2, headers = $3, owner = NULL WHERE actor = $4 AND key = $5`,
      [response.status, body, JSON.stringify(response.headers), actor, key],
    );
  }

  async abandon(actor: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE actor = $1 AND key = $2 AND state = 'pending'`, [actor, key]);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.presence?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
