/**
 * Read models: the document-store port and its SQLite adapter, and the projector runtime that
 * concrete projections run on.
 *
 * The MongoDB adapter is not re-exported here, so that importing the read models never loads
 * the MongoDB driver: import `./mongodb/mongodb-document-store.js` where MONGODB_URL is set.
 * Test helpers live in `./testing/` (in-process fresh rebuild, dumps, a toy projection).
 */
export {
  DOCUMENT_STORE,
  InvalidDocumentStoreInput,
  RESERVED_COLLECTIONS,
  type Checkpoint,
  type CollectionSpec,
  type Commit,
  type Condition,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type Scalar,
  type SortKey,
  type Write,
} from './document-store.port.js';
export { SqliteDocumentStore, type SqliteDocumentStoreOptions } from './sqlite/sqlite-document-store.js';
export {
  DocumentNotLoaded,
  type DocKey,
  type Projection,
  type ProjectionCollection,
  type ProjectionContext,
} from './projector/projection.js';
export {
  Projector,
  type ProjectionStatus,
  type ProjectorOptions,
  type RebuildProgress,
  type RebuildResult,
} from './projector/projector.js';
export { ProjectionReader } from './projector/projection-reader.js';
export { LAG_GAUGE_NAME, registerLagGauge } from './projector/lag-gauge.js';
export { GENERATIONS_COLLECTION, checkpointKey, physicalCollection, type GenerationRecord } from './projector/generations.js';
