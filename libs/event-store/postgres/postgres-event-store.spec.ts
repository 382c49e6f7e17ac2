import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import pg from 'pg';
import { eventStoreContract } from '../event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * The contract against a real PostgreSQL server: POSTGRES_URL (CI creates a fresh database and
 * sets it), else the local server these machines run (postgres://postgres@127.0.0.1:5432/test).
 * Each test gets a schema of its own, dropped at the end.
 */
const url = process.env['POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const available = await reachable();
const schemas: string[] = [];

if (available) {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  beforeAll(() => undefined);
  eventStoreContract('PostgresEventStore', async () => {
    const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    schemas.push(schema);
    return new PostgresEventStore({ connectionString: url, schema, pollIntervalMs: 100, maxConnections: 4 });
  });
} else {
  process.stdout.write(`PostgresEventStore contract SKIPPED: no PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')}\n`);
  describe.skip('PostgresEventStore — EventStore contract (skipped: no PostgreSQL reachable)', () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
