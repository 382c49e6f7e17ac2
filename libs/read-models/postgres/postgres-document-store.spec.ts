import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { dropSchemas, freshName, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL } from '#testing/postgres.js';
import { documentStoreContract } from '../document-store.contract.js';
import { LostLeadership, PostgresDocumentStore } from './postgres-document-store.js';

/** The contract against a real PostgreSQL server (libs/testing/postgres.ts); each store gets a schema of its own, dropped at the end. */
const url = TEST_POSTGRES_URL;
const schemas: string[] = [];
const open = (): PostgresDocumentStore => {
  const schema = freshName('rm');
  schemas.push(schema);
  return new PostgresDocumentStore({ connectionString: url, schema, maxConnections: 4 });
};

if (await postgresReachable()) {
  afterAll(() => dropSchemas(schemas));

  documentStoreContract('PostgreSQL', open);

  describe('PostgresDocumentStore', () => {
    it('lets a second instance on the same schema read what the first wrote, and see a collection it dropped as empty', async () => {
      const first = open();
      const second = new PostgresDocumentStore({ connectionString: url, schema: schemas.at(-1)!, maxConnections: 2 });
      try {
        await first.ensureCollection({ name: 'rows', indexes: ['schoolId'] });
        await first.commit({
          writes: [{ op: 'upsert', collection: 'rows', id: 'a', doc: { schoolId: 's' } }],
          checkpoints: [{ projection: 'p', position: 3 }],
        });
        expect(await second.find('rows', { schoolId: 's' })).toEqual([{ schoolId: 's' }]);
        expect(await second.getCheckpoint('p')).toBe(3);
        await first.deleteCollection('rows');
        expect(await second.find('rows', { schoolId: 's' })).toEqual([]);
      } finally {
        await second.close();
        await first.close();
      }
    });

    it('serves a read-cached collection from parsed documents only while they are the stored rows, whoever writes', async () => {
      const reader = open();
      const writer = new PostgresDocumentStore({ connectionString: url, schema: schemas.at(-1)!, maxConnections: 2 });
      try {
        await reader.ensureCollection({ name: 'lean', indexes: ['schoolId'], readCache: true });
        await writer.commit({
          writes: [
            { op: 'upsert', collection: 'lean', id: 'a', doc: { schoolId: 's', n: 1 } },
            { op: 'upsert', collection: 'lean', id: 'b', doc: { schoolId: 's', n: 1 } },
          ],
        });
        const first = await reader.find('lean', { schoolId: 's' });
        const again = await reader.find('lean', { schoolId: 's' });
        // The same frozen objects: nothing was read or parsed again.
        expect(again[0]).toBe(first[0]);
        expect(Object.isFrozen(again[0])).toBe(true);
        // Another instance changes one: that one is new, the other still the same object.
        await writer.upsert('lean', 'b', { schoolId: 's', n: 2 });
        const after = await reader.find('lean', { schoolId: 's' });
        expect(after).toEqual([
          { schoolId: 's', n: 1 },
          { schoolId: 's', n: 2 },
        ]);
        expect(after[0]).toBe(first[0]);
        await writer.delete('lean', 'a');
        expect(await reader.find('lean', { schoolId: 's' })).toEqual([{ schoolId: 's', n: 2 }]);
      } finally {
        await writer.close();
        await reader.close();
      }
    });

    it('keeps a collection name longer than PostgreSQL identifiers apart from one sharing its first 63 bytes', async () => {
      const store = open();
      try {
        const base = 'x'.repeat(70);
        await store.upsert(`${base}-a`, '1', { v: 'a' });
        await store.upsert(`${base}-b`, '1', { v: 'b' });
        expect(await store.get(`${base}-a`, '1')).toEqual({ v: 'a' });
        expect(await store.get(`${base}-b`, '1')).toEqual({ v: 'b' });
      } finally {
        await store.close();
      }
    });

    it('refuses a fenced commit once the advisory lock is not held by the named session, and writes nothing', async () => {
      const store = open();
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        const lockKey = 424_242;
        await holder.query('SELECT pg_advisory_lock($1)', [lockKey]);
        const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        store.setFence({ lockKey, backendPid: () => pid });
        await store.commit({
          writes: [{ op: 'upsert', collection: 'c', id: 'x', doc: { v: 1 } }],
          checkpoints: [{ projection: 'p', position: 1 }],
        });
        await holder.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        await expect(
          store.commit({
            writes: [{ op: 'upsert', collection: 'c', id: 'x', doc: { v: 2 } }],
            checkpoints: [{ projection: 'p', position: 2 }],
          }),
        ).rejects.toBeInstanceOf(LostLeadership);
        expect(await store.get('c', 'x')).toEqual({ v: 1 });
        expect(await store.getCheckpoint('p')).toBe(1);
      } finally {
        await holder.end();
        await store.close();
      }
    });
  });
} else {
  sayPostgresSkipped('PostgresDocumentStore contract');
  describe.skip('PostgresDocumentStore — DocumentStore contract (skipped: no PostgreSQL reachable)', () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
