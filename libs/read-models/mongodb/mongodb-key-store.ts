/**
 * The students' data keys in MongoDB (the EventStoreDB + MongoDB deployment): a `dataKeys`
 * collection, apart from the events, with majority reads and writes. Not run here: no MongoDB
 * server can run on this machine; the contract (key-store.contract.ts) runs it with MONGODB_URL.
 */
import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import type { KeyStore, StoredDataKey } from '#event-store/crypto/key-store.port.js';

type Doc = { _id: string; wrapped: string | null; kek: string; createdAt: string; destroyedAt: string | null };

const toKey = (doc: Doc): StoredDataKey => ({
  subject: doc._id,
  wrapped: doc.wrapped,
  kek: doc.kek,
  createdAt: doc.createdAt,
  destroyedAt: doc.destroyedAt,
});

export class MongoDbKeyStore implements KeyStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<Doc>,
  ) {}

  static async connect(options: { url: string; database?: string }): Promise<MongoDbKeyStore> {
    const client = new MongoClient(options.url, { readConcernLevel: 'majority', w: 'majority' });
    await client.connect();
    return new MongoDbKeyStore(client, client.db(options.database).collection<Doc>('dataKeys'));
  }

  async get(subjects: readonly string[]): Promise<Map<string, StoredDataKey>> {
    const docs = await this.keys.find({ _id: { $in: [...subjects] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, toKey(doc)]));
  }

  async create(key: { subject: string; wrapped: string; kek: string; createdAt: string }): Promise<StoredDataKey> {
    try {
      await this.keys.insertOne({ _id: key.subject, wrapped: key.wrapped, kek: key.kek, createdAt: key.createdAt, destroyedAt: null });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
    return toKey((await this.keys.findOne({ _id: key.subject }))!);
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    const result = await this.keys.updateOne({ _id: subject, wrapped: { $ne: null } }, { $set: { wrapped: null, destroyedAt: at } });
    return result.modifiedCount > 0;
  }

  async wrappedByOther(kek: string, limit: number): Promise<StoredDataKey[]> {
    return (
      await this.keys
        .find({ wrapped: { $ne: null }, kek: { $ne: kek } })
        .limit(limit)
        .toArray()
    ).map(toKey);
  }

  async rewrap(subject: string, wrapped: string, kek: string): Promise<void> {
    await this.keys.updateOne({ _id: subject, wrapped: { $ne: null } }, { $set: { wrapped, kek } });
  }

  async list(after: string | null, limit: number): Promise<StoredDataKey[]> {
    return (
      await this.keys
        .find({ _id: { $gt: after ?? '' } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray()
    ).map(toKey);
  }

  async importKeys(keys: readonly StoredDataKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.keys.bulkWrite(
      keys.map((k) => ({
        updateOne: {
          filter: { _id: k.subject },
          update: { $setOnInsert: { wrapped: k.wrapped, kek: k.kek, createdAt: k.createdAt, destroyedAt: k.destroyedAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
