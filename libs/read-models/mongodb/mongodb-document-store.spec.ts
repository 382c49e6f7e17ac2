import { afterAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { documentStoreContract } from '../document-store.contract.js';
import { Projector } from '../projector/projector.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection } from '#testing/read-models/event-counts.projection.js';
import { appendSpread } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { MongoDbDocumentStore } from './mongodb-document-store.js';

/**
 * Runs against a real MongoDB replica set named by MONGODB_URL (transactions need one), e.g.
 * `MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0`. Each store gets its own database,
 * dropped afterwards. Without MONGODB_URL the suite is registered as skipped and says so.
 */
const url = process.env.MONGODB_URL;
let databases = 0;
const opened: string[] = [];

const open = async (): Promise<MongoDbDocumentStore> => {
  const store = await MongoDbDocumentStore.connect({ url: url!, dbName: `read_models_test_${process.pid}_${++databases}` });
  opened.push(store.databaseName);
  return store;
};

if (!url) {
  process.stdout.write('MongoDbDocumentStore spec skipped: MONGODB_URL is unset (needs a MongoDB replica set)\n');
  describe.skip('MongoDbDocumentStore (skipped: MONGODB_URL is unset)', () => {
    documentStoreContract('MongoDB', open);
  });
} else {
  afterAll(async () => {
    const client = new MongoClient(url);
    await client.connect();
    for (const name of opened) await client.db(name).dropDatabase();
    await client.close();
  });

  documentStoreContract('MongoDB', open);

  describe('Projector over MongoDbDocumentStore', () => {
    it('projects, rebuilds blue/green, and equals a fresh build', async () => {
      const events = new SqliteEventStore({ path: ':memory:' });
      const docs = await open();
      const projector = new Projector({
        eventStore: events,
        documentStore: docs,
        projections: [eventCountsProjection()],
        batchSize: 200,
        retireDelayMs: 0,
      });
      try {
        await appendSpread(events, 1500);
        await projector.start();
        expect(await projector.waitForPosition(1500, 10_000)).toBe(true);
        expect((await projector.rebuild('event-counts')).generation).toBe(2);
        expect(await docs.listCollections()).not.toContain('stream-counts_g1');
        const head = await appendSpread(events, 50);
        expect(await projector.waitForPosition(head, 10_000)).toBe(true);
        expect(await dumpReadModel(eventCountsProjection(), projector.reader('event-counts'))).toEqual(
          await freshRebuild(eventCountsProjection(), events),
        );
      } finally {
        await projector.stop();
        await docs.close();
        await events.close();
      }
    });
  });
}
