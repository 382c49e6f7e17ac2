import { afterAll, describe, it } from '@jest/globals';
import { dropSchemas, freshName, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL } from '#testing/postgres.js';
import { eventStoreContract } from '../event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** The contract against a real PostgreSQL server (libs/testing/postgres.ts); each test gets a schema of its own, dropped at the end. */
const schemas: string[] = [];

if (await postgresReachable()) {
  afterAll(() => dropSchemas(schemas));
  eventStoreContract('PostgresEventStore', async () => {
    const schema = freshName('es');
    schemas.push(schema);
    return new PostgresEventStore({ connectionString: TEST_POSTGRES_URL, schema, pollIntervalMs: 100, maxConnections: 4 });
  });
} else {
  sayPostgresSkipped('PostgresEventStore contract');
  describe.skip('PostgresEventStore — EventStore contract (skipped: no PostgreSQL reachable)', () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
