import type pg from 'pg';

/** The advisory lock every append and import holds for its transaction: appends commit in position order. */
export const APPEND_LOCK = 7_366_501;

/** A schema or table name, quoted for SQL (names come from configuration, never from a request). */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * The events table: one row per event. `stream` sorts in byte order (COLLATE "C"), as SQLite's
 * does, so reading stream by stream pages the same on both; data and metadata are the canonical
 * JSON text that was hashed.
 */
export async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  const client = await pool.connect();
  try {
    // Two instances starting at once must not race on CREATE … IF NOT EXISTS.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK + 1]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.events (
        position bigint PRIMARY KEY,
        id text NOT NULL UNIQUE,
        stream text COLLATE "C" NOT NULL,
        revision integer NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        previous_hash text,
        hash text NOT NULL,
        metadata text NOT NULL,
        data text NOT NULL,
        UNIQUE (stream, revision)
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
