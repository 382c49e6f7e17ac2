import type { EventStore } from '#event-store/event-store.port.js';
import { Projector } from '#read-models/projector/projector.js';
import type { Projection } from '#read-models/projector/projection.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { dumpReadModel, type ReadModelDump } from './dump-read-model.js';

/**
 * The reference result: the projection built from position 1 in one go, in `$all`'s order (never
 * stream by stream), into a fresh in-memory store, with batches as large as the whole history.
 */
export async function freshRebuild(projection: Projection, eventStore: EventStore): Promise<ReadModelDump> {
  const store = new SqliteDocumentStore({ path: ':memory:' });
  const projector = new Projector({
    eventStore,
    documentStore: store,
    projections: [projection],
    batchSize: 100_000,
    streamPassFromEvents: 0,
  });
  try {
    await projector.start();
    const head = await eventStore.headPosition();
    if (!(await projector.waitForPosition(head, 30_000))) throw new Error('fresh rebuild did not reach the head');
    return await dumpReadModel(projection, projector.reader(projection.name));
  } finally {
    await projector.stop();
    await store.close();
  }
}
