import type { Doc, DocumentStore } from '#read-models/document-store.port.js';
import { physicalCollection } from '#read-models/projector/generations.js';
import type { Projection } from '#read-models/projector/projection.js';
import type { ProjectionReader } from '#read-models/projector/projection-reader.js';

export type ReadModelDump = Record<string, Doc[]>;

/** Every document of every collection of a projection, ordered by id: for comparing two builds. */
export async function dumpReadModel(projection: Projection, reader: ProjectionReader): Promise<ReadModelDump> {
  const dump: ReadModelDump = {};
  for (const c of projection.collections) dump[c.name] = await reader.find(c.name);
  return dump;
}

/** The same, read straight from a store at a given generation (no projector needed). */
export async function dumpGeneration(projection: Projection, store: DocumentStore, generation: number): Promise<ReadModelDump> {
  const dump: ReadModelDump = {};
  for (const c of projection.collections) dump[c.name] = await store.find(physicalCollection(c.name, generation));
  return dump;
}
