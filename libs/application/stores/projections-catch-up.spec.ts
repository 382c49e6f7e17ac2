import { describe, expect, it } from '@jest/globals';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { checkpointKey, GENERATIONS_COLLECTION, writeGenerationRecord } from '#read-models/projector/generations.js';
import type { Projection } from '#read-models/projector/projection.js';
import { catchUpWorkerFile, projectionsBehindBy } from './projections-catch-up.js';

const projection = (name: string, version = 1) => ({ name, version, collections: [] }) as unknown as Projection;
const headAt = (position: number) => ({ headPosition: async () => position });

describe('projectionsBehindBy', () => {
  it('is the head for read models never built, and the head less the least checkpoint after', async () => {
    const documents = new SqliteDocumentStore({ path: ':memory:' });
    try {
      const projections = [projection('a'), projection('b')];
      expect(await projectionsBehindBy(headAt(50_000), documents, projections)).toBe(50_000);
      await documents.commit({
        writes: [],
        checkpoints: [
          { projection: checkpointKey('a', 1), position: 49_000 },
          { projection: checkpointKey('b', 1), position: 30_000 },
        ],
      });
      expect(await projectionsBehindBy(headAt(50_000), documents, projections)).toBe(20_000);
      // The serving generation's checkpoint counts, not an older one's.
      await writeGenerationRecord(documents, { projection: 'b', version: 1, generation: 2, collections: [] });
      await documents.commit({ writes: [], checkpoints: [{ projection: checkpointKey('b', 2), position: 49_500 }] });
      expect(await projectionsBehindBy(headAt(50_000), documents, projections)).toBe(1000);
    } finally {
      await documents.close();
    }
  });

  it('is null when a projection is of another version or was mid-rebuild: the leading projector rebuilds it itself', async () => {
    const documents = new SqliteDocumentStore({ path: ':memory:' });
    try {
      await documents.ensureCollection({ name: GENERATIONS_COLLECTION, indexes: [] });
      await writeGenerationRecord(documents, { projection: 'a', version: 1, generation: 1, collections: [] });
      expect(await projectionsBehindBy(headAt(10), documents, [projection('a', 2)])).toBeNull();
      await writeGenerationRecord(documents, {
        projection: 'a',
        version: 2,
        generation: 1,
        collections: [],
        building: { version: 2, generation: 2, collections: [] },
      });
      expect(await projectionsBehindBy(headAt(10), documents, [projection('a', 2)])).toBeNull();
    } finally {
      await documents.close();
    }
  });
});

describe('catchUpWorkerFile', () => {
  it('is none when running from the TypeScript sources (the compiled service has it; test/service/catch-up-worker.e2e.ts)', () => {
    expect(catchUpWorkerFile()).toBeNull();
  });
});
