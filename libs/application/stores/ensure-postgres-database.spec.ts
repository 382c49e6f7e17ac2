import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freshName, postgresAdmin, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL, withDatabase } from '#testing/postgres.js';
import { ensurePostgresDatabase } from './ensure-postgres-database.js';

const available = await postgresReachable();
if (!available) sayPostgresSkipped('ensurePostgresDatabase');
const name = freshName('ensure');
const url = withDatabase(TEST_POSTGRES_URL, name);

(available ? describe : describe.skip)('ensurePostgresDatabase (against the local PostgreSQL)', () => {
  afterAll(() => postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('creates a database that does not exist, and leaves one that does', async () => {
    await ensurePostgresDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe(name);
    await client.end();
    await expect(ensurePostgresDatabase(url)).resolves.toBeUndefined();
  });

  it('refuses a database name it would have to quote, and says which', async () => {
    await expect(ensurePostgresDatabase(withDatabase(TEST_POSTGRES_URL, 'no-such;db'))).rejects.toThrow('which does not exist');
  });
});
