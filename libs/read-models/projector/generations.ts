import type { DocumentStore } from '../document-store.port.js';
import type { Projection } from './projection.js';

/**
 * Generations: each build of a projection writes into its own physical collections,
 * `<collection>_g<generation>`, and has its own checkpoint, `<projection>#<generation>`. A
 * record per projection in `_projections` names the generation that serves reads; a rebuild
 * builds generation n+1 beside it and switches by rewriting that one record (one document
 * write, so the switch is atomic in every store).
 */
export const GENERATIONS_COLLECTION = '_projections';

export interface GenerationRecord {
  [field: string]: unknown;
  projection: string;
  /** The projection version this generation was built with. */
  version: number;
  generation: number;
  /** Physical collection names, so that an old generation can be dropped even after the code changed. */
  collections: string[];
  /** A rebuild in progress (or interrupted by a crash: cleaned up at the next start). */
  building?: { version: number; generation: number; collections: string[] };
}

export function physicalCollection(collection: string, generation: number): string {
  return `${collection}_g${generation}`;
}

export function checkpointKey(projection: string, generation: number): string {
  return `${projection}#${generation}`;
}

export function physicalCollections(projection: Projection, generation: number): string[] {
  return projection.collections.map((c) => physicalCollection(c.name, generation));
}

export async function readGenerationRecord(store: DocumentStore, projection: string): Promise<GenerationRecord | undefined> {
  return store.get<GenerationRecord>(GENERATIONS_COLLECTION, projection);
}

export async function writeGenerationRecord(store: DocumentStore, record: GenerationRecord): Promise<void> {
  await store.commit({ writes: [{ op: 'upsert', collection: GENERATIONS_COLLECTION, id: record.projection, doc: record }] });
}

/** Declares a generation's collections (idempotent): their indexes, and read caches where asked. */
export async function ensureGeneration(store: DocumentStore, projection: Projection, generation: number): Promise<void> {
  for (const c of projection.collections) {
    await store.ensureCollection({
      name: physicalCollection(c.name, generation),
      indexes: c.indexes,
      ...(c.readCache ? { readCache: true } : {}),
    });
  }
}

/** Drops a generation's collections and checkpoint (a retired or abandoned build). */
export async function dropGeneration(
  store: DocumentStore,
  projection: string,
  generation: number,
  collections: readonly string[],
): Promise<void> {
  for (const c of collections) await store.deleteCollection(c);
  await store.deleteCheckpoint(checkpointKey(projection, generation));
}
