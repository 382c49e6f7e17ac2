/**
 * The key-store contract against every adapter that can run: SQLite always, PostgreSQL on the
 * machine's server (skipped, and says so, when none answers), MongoDB only with MONGODB_URL (no
 * server can run here).
 */
import { afterAll, describe } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreContract } from './key-store.contract.js';
import { SqliteKeyStore } from '../sqlite/sqlite-key-store.js';
import { PostgresKeyStore } from '../postgres/postgres-key-store.js';
import { dropSchemas, freshName, postgresAdmin, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL } from '#testing/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'key-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
keyStoreContract('SQLite', async () => new SqliteKeyStore(join(dir, 'keys.sqlite')));

const schema = freshName('keys');
const postgres = await postgresReachable();
if (postgres) {
  await postgresAdmin(`CREATE SCHEMA ${schema}`);
  afterAll(() => dropSchemas([schema]));
  keyStoreContract('PostgreSQL', async () => new PostgresKeyStore({ connectionString: TEST_POSTGRES_URL, schema }));
} else {
  sayPostgresSkipped('the PostgreSQL key store contract');
  describe.skip('key store contract: PostgreSQL', () => undefined);
}

const mongodbUrl = process.env.MONGODB_URL;
if (mongodbUrl) {
  const { MongoDbKeyStore } = await import('#read-models/mongodb/mongodb-key-store.js');
  keyStoreContract('MongoDB', () => MongoDbKeyStore.connect({ url: mongodbUrl, database: freshName('keys') }));
} else {
  process.stdout.write('key store contract: MongoDB SKIPPED: MONGODB_URL is unset (no MongoDB server can run on this machine)\n');
  describe.skip('key store contract: MongoDB (set MONGODB_URL to run it; no MongoDB server can run on this machine)', () => undefined);
}
