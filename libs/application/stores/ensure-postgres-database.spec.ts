import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ensurePostgresDatabase } from './ensure-postgres-database.js';

const BASE_URL = process.env['POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const name = `ensure_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const url = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

((await reachable()) ? describe : describe.skip)('ensurePostgresDatabase (against the local PostgreSQL)', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: BASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('creates a database that does not exist, and leaves one that does', async () => {
    await ensurePostgresDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe(name);
    await client.end();
    await expect(ensurePostgresDatabase(url)).resolves.toBeUndefined();
  });

  it('refuses a database name it would have to quote, and says which', async () => {
    const bad = new URL(BASE_URL);
    bad.pathname = '/no-such;db';
    await expect(ensurePostgresDatabase(bad.toString())).rejects.toThrow('which does not exist');
  });
});
