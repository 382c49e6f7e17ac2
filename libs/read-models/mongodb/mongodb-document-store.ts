import { MongoClient, MongoServerError, type AnyBulkWriteOperation, type Db, type Filter as MongoFilter, type Sort } from 'mongodb';
import {
  assertCollectionName,
  assertCommit,
  assertFieldPath,
  assertFilter,
  isConditionObject,
  type CollectionSpec,
  type Commit,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
} from '../document-store.port.js';

export interface MongoDbDocumentStoreOptions {
  /** A replica-set (or sharded) connection string: commits use multi-document transactions. */
  url: string;
  /** Default: the database named in the URL, else the driver's default (`test`). */
  dbName?: string;
}

/** How a document sits in MongoDB: its id in `_id`, its fields beside it. */
interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

interface CheckpointDoc {
  _id: string;
  position: number;
}

/** Collection of checkpoints, written in the same transaction as the documents they cover. */
const CHECKPOINTS = 'checkpoints';
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;

/**
 * The read-model store on MongoDB: one Mongo collection per read-model collection, `_id` = id,
 * declared indexes created with `createIndex`, commits (documents and checkpoints) in one
 * transaction via `session.withTransaction` (needs a replica set, as MongoDB transactions do).
 */
export class MongoDbDocumentStore implements DocumentStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async connect(options: MongoDbDocumentStoreOptions): Promise<MongoDbDocumentStore> {
    // ignoreUndefined: drop `undefined` members as JSON does, so both adapters store the same thing.
    // Majority reads: commits are majority-acknowledged, so a follower must not answer X-Min-Position
    // (or resume a checkpoint) from a write a primary failover may still undo.
    const client = new MongoClient(options.url, { ignoreUndefined: true, readConcernLevel: 'majority', w: 'majority' });
    await client.connect();
    try {
      await assertReplicaSet(client);
    } catch (error) {
      await client.close();
      throw error;
    }
    return new MongoDbDocumentStore(client, client.db(options.dbName));
  }

  /** The database in use (tests drop it when done). */
  get databaseName(): string {
    return this.db.databaseName;
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    assertCollectionName(spec.name);
    for (const field of spec.indexes) assertFieldPath(field);
    try {
      await this.db.createCollection(spec.name);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
    // createIndex is a no-op for an index that already exists with the same key.
    for (const field of spec.indexes) await this.db.collection(spec.name).createIndex({ [field]: 1 });
  }

  async listCollections(): Promise<string[]> {
    const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return infos
      .map((i) => i.name)
      .filter((n) => n !== CHECKPOINTS && !n.startsWith('system.'))
      .sort();
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined> {
    assertCollectionName(collection);
    const raw = await this.db.collection<StoredDoc>(collection).findOne({ _id: id });
    return raw ? (withoutId(raw) as T) : undefined;
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    assertCollectionName(collection);
    const found = new Map<string, T>();
    if (ids.length === 0) return found;
    const rows = await this.db
      .collection<StoredDoc>(collection)
      .find({ _id: { $in: [...ids] } })
      .toArray();
    for (const raw of rows) found.set(raw._id, withoutId(raw) as T);
    return found;
  }

  async find<T extends Doc = Doc>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    assertCollectionName(collection);
    assertFilter(filter, options);
    // MongoDB reads limit 0 as "no limit"; the port means "nothing".
    if (options.limit === 0) return [];
    const sort: Sort = [...(options.sort ?? []).map((s): [string, 1 | -1] => [s.field, s.direction === 'desc' ? -1 : 1]), ['_id', 1]];
    let cursor = this.db.collection<StoredDoc>(collection).find(toMongoFilter(filter)).sort(sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map((raw) => withoutId(raw) as T);
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    assertCollectionName(collection);
    assertFilter(filter);
    return this.db.collection<StoredDoc>(collection).countDocuments(toMongoFilter(filter));
  }

  // One document is written atomically without a transaction (a transaction per single write costs several round trips).
  async upsert(collection: string, id: string, doc: Doc): Promise<void> {
    assertCommit({ writes: [{ op: 'upsert', collection, id, doc }] });
    await this.db.collection<StoredDoc>(collection).replaceOne({ _id: id }, { ...doc, _id: id }, { upsert: true });
  }

  async delete(collection: string, id: string): Promise<void> {
    assertCommit({ writes: [{ op: 'delete', collection, id }] });
    await this.db.collection<StoredDoc>(collection).deleteOne({ _id: id });
  }

  async deleteCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    try {
      await this.db.collection(collection).drop();
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
    }
  }

  async commit(commit: Commit): Promise<void> {
    assertCommit(commit);
    const checkpoints = commit.checkpoints ?? [];
    if (commit.writes.length === 0 && checkpoints.length === 0) return;
    // One ordered bulk write per collection keeps each document's writes in commit order.
    const byCollection = new Map<string, AnyBulkWriteOperation<StoredDoc>[]>();
    for (const w of commit.writes) {
      let ops = byCollection.get(w.collection);
      if (!ops) byCollection.set(w.collection, (ops = []));
      ops.push(
        w.op === 'upsert'
          ? { replaceOne: { filter: { _id: w.id }, replacement: { ...w.doc, _id: w.id }, upsert: true } }
          : { deleteOne: { filter: { _id: w.id } } },
      );
    }
    const session = this.client.startSession();
    try {
      await session.withTransaction(
        async () => {
          for (const [collection, ops] of byCollection) {
            await this.db.collection<StoredDoc>(collection).bulkWrite(ops, { session, ordered: true });
          }
          if (checkpoints.length > 0) {
            await this.db.collection<CheckpointDoc>(CHECKPOINTS).bulkWrite(
              checkpoints.map((c) => ({
                updateOne: { filter: { _id: c.projection }, update: { $set: { position: c.position } }, upsert: true },
              })),
              { session, ordered: true },
            );
          }
        },
        // Majority: a commit acknowledged to the projector must survive a primary failover.
        { writeConcern: { w: 'majority' }, readConcern: { level: 'snapshot' } },
      );
    } finally {
      await session.endSession();
    }
  }

  async getCheckpoint(projection: string): Promise<number> {
    const row = await this.db.collection<CheckpointDoc>(CHECKPOINTS).findOne({ _id: projection });
    return row?.position ?? 0;
  }

  async getCheckpoints(projections: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .collection<CheckpointDoc>(CHECKPOINTS)
      .find({ _id: { $in: [...projections] } })
      .toArray();
    const found = new Map(rows.map((r) => [r._id, r.position]));
    return new Map(projections.map((p) => [p, found.get(p) ?? 0]));
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    await this.db.collection<CheckpointDoc>(CHECKPOINTS).deleteOne({ _id: projection });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Commits are transactions, which MongoDB runs only on a replica set or a sharded cluster: a
 * standalone mongod would accept the connection and fail at the first commit, so say so at start.
 */
async function assertReplicaSet(client: MongoClient): Promise<void> {
  const hello = await client.db('admin').command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    throw new Error(
      'MONGODB_URL names a standalone mongod; the read models need a replica set (transactions). ' +
        'Start mongod with --replSet rs0 and run rs.initiate() once (a single-node replica set is enough).',
    );
  }
}

function withoutId(raw: StoredDoc): Doc {
  const { _id: _ignored, ...doc } = raw;
  return doc;
}

/**
 * The port's filter in MongoDB terms. MongoDB already matches by type (a number bound never
 * matches a string) and treats `null` as null-or-missing, which is what the port specifies.
 */
function toMongoFilter(filter: Filter): MongoFilter<StoredDoc> {
  const clauses: Record<string, unknown>[] = [];
  for (const [field, cond] of Object.entries(filter)) {
    if (!isConditionObject(cond)) {
      clauses.push({ [field]: cond });
      continue;
    }
    if (cond.eq !== undefined) clauses.push({ [field]: cond.eq });
    if (cond.in !== undefined) clauses.push({ [field]: { $in: [...cond.in] } });
    const range: Record<string, string | number> = {};
    if (cond.gt !== undefined) range.$gt = cond.gt;
    if (cond.gte !== undefined) range.$gte = cond.gte;
    if (cond.lt !== undefined) range.$lt = cond.lt;
    if (cond.lte !== undefined) range.$lte = cond.lte;
    if (Object.keys(range).length > 0) clauses.push({ [field]: range });
  }
  if (clauses.length === 0) return {};
  return (clauses.length === 1 ? clauses[0] : { $and: clauses }) as MongoFilter<StoredDoc>;
}
