import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import type { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { EncryptingEventStore } from '#event-store/crypto/encrypting-event-store.js';
import { DataKeys } from '#event-store/crypto/data-keys.js';
import { fingerprintOf, loadKeyEncryptionKey, parseKek } from '#event-store/crypto/key-encryption-key.js';
import type { KeyStore } from '#event-store/crypto/key-store.port.js';
import { PERSONAL_DATA_POLICY } from './personal-data-policy.js';
import { ensurePostgresDatabase } from './ensure-postgres-database.js';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store.js';
import { DEFAULT_CACHE_LIMITS, type CacheLimits } from './cache-limits.js';

export interface StoreSettings {
  dataDir: string;
  eventstoreUrl: string | null;
  mongodbUrl: string | null;
  postgresUrl?: string | null;
  /** The key-encryption key (api.md, Starting); neither it nor the file: a key file in DATA_DIR. */
  keyEncryptionKey?: string | null;
  keyEncryptionKeyFile?: string | null;
  /** The key before a rotation, while `cli rotate-key` rewraps the stored keys. */
  keyEncryptionKeyPrevious?: string | null;
  /** What the caches may hold (CACHE_*_MIB); default DEFAULT_CACHE_LIMITS. */
  cacheLimits?: CacheLimits;
  /** Where the start-up notices go (where the key-encryption key came from, and whether it was made now); default stderr. */
  notice?: (line: string, created: boolean) => void;
}

/** Every field of StoreSettings but the notice callback: what can be handed to a worker thread. */
const STORE_FIELDS = [
  'dataDir',
  'eventstoreUrl',
  'mongodbUrl',
  'postgresUrl',
  'keyEncryptionKey',
  'keyEncryptionKeyFile',
  'keyEncryptionKeyPrevious',
  'cacheLimits',
] as const satisfies readonly (keyof StoreSettings)[];

/** A field added to StoreSettings must be listed above (or be a callback): this fails to compile otherwise. */
type Unlisted = Exclude<keyof StoreSettings, (typeof STORE_FIELDS)[number] | 'notice'>;
const _everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The store fields of a wider configuration (AppConfig), without callbacks: cloneable to a worker. */
export function storeSettingsOf(source: StoreSettings): Omit<StoreSettings, 'notice'> {
  return Object.fromEntries(STORE_FIELDS.map((field) => [field, source[field]])) as Omit<StoreSettings, 'notice'>;
}

/**
 * The embedded default (SQLite files in DATA_DIR) unless POSTGRES_URL (both kinds) or
 * EVENTSTORE_URL / MONGODB_URL name external stores. The external adapters are loaded lazily so
 * the embedded path never pays for their clients.
 */
export async function openEventStore(settings: StoreSettings): Promise<EncryptingEventStore> {
  const keys = await openDataKeys(settings);
  try {
    return new EncryptingEventStore(await openSealedEventStore(settings), keys, PERSONAL_DATA_POLICY);
  } catch (error) {
    await keys.store.close();
    throw error;
  }
}

/**
 * The students' keys, after checking that the key-encryption key is the one they were wrapped
 * with (a wrong or missing key stops here, before anything is written).
 */
export async function openDataKeys(settings: StoreSettings): Promise<DataKeys> {
  const kek = loadKeyEncryptionKey({ ...settings, dataDir: settings.dataDir });
  const previousKek = settings.keyEncryptionKeyPrevious
    ? { key: parseKek(settings.keyEncryptionKeyPrevious, 'KEY_ENCRYPTION_KEY_PREVIOUS'), source: 'KEY_ENCRYPTION_KEY' as const }
    : null;
  if (kek.source !== 'KEY_ENCRYPTION_KEY' && kek.source !== 'KEY_ENCRYPTION_KEY_FILE') {
    const say = settings.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
    say(
      `Key-encryption key: ${kek.source === 'DATA_DIR' ? 'the' : 'a new'} key file ${kek.path} (set KEY_ENCRYPTION_KEY or ` +
        'KEY_ENCRYPTION_KEY_FILE in production, and keep the key apart from the data).',
      kek.source !== 'DATA_DIR',
    );
  }
  const store = await openKeyStore(settings);
  const keys = new DataKeys({
    store,
    kek,
    cacheBytes: (settings.cacheLimits ?? DEFAULT_CACHE_LIMITS).dataKeysBytes,
    previousKek: previousKek ? { ...previousKek, fingerprint: fingerprintOf(previousKek.key) } : null,
  });
  try {
    await keys.check();
  } catch (error) {
    await store.close();
    throw error;
  }
  return keys;
}

/** Where the keys live: beside the read models on PostgreSQL and MongoDB, else `DATA_DIR/keys.sqlite`. */
export async function openKeyStore(settings: StoreSettings): Promise<KeyStore> {
  if (settings.postgresUrl) {
    await ensurePostgresDatabase(settings.postgresUrl);
    const { PostgresKeyStore } = await import('#event-store/postgres/postgres-key-store.js');
    return new PostgresKeyStore({ connectionString: settings.postgresUrl });
  }
  if (settings.mongodbUrl) {
    const { MongoDbKeyStore } = await import('#read-models/mongodb/mongodb-key-store.js');
    return MongoDbKeyStore.connect({ url: settings.mongodbUrl });
  }
  const { SqliteKeyStore } = await import('#event-store/sqlite/sqlite-key-store.js');
  return new SqliteKeyStore(join(settings.dataDir, 'keys.sqlite'));
}

/** The event store as stored, personal fields sealed: for verification, copying and the encryption's own tests. */
export async function openSealedEventStore(settings: StoreSettings): Promise<EventStore> {
  if (settings.postgresUrl) {
    await ensurePostgresDatabase(settings.postgresUrl);
    const { PostgresEventStore } = await import('#event-store/postgres/postgres-event-store.js');
    return new PostgresEventStore({ connectionString: settings.postgresUrl });
  }
  if (settings.eventstoreUrl) {
    const { EventStoreDbEventStore } = await import('#event-store/eventstoredb/eventstoredb-event-store.js');
    return new EventStoreDbEventStore({ connectionString: settings.eventstoreUrl });
  }
  return new SqliteEventStore({ path: join(settings.dataDir, 'events.sqlite') });
}

export async function openDocumentStore(settings: StoreSettings): Promise<DocumentStore> {
  const limits = settings.cacheLimits ?? DEFAULT_CACHE_LIMITS;
  if (settings.postgresUrl) {
    // The stores open side by side (the API's providers): whichever comes first makes the database.
    await ensurePostgresDatabase(settings.postgresUrl);
    const { PostgresDocumentStore } = await import('#read-models/postgres/postgres-document-store.js');
    return new PostgresDocumentStore({ connectionString: settings.postgresUrl, readCacheBytes: limits.readModelsBytes });
  }
  if (settings.mongodbUrl) {
    const { MongoDbDocumentStore } = await import('#read-models/mongodb/mongodb-document-store.js');
    return MongoDbDocumentStore.connect({ url: settings.mongodbUrl });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return new SqliteDocumentStore({
    path: join(settings.dataDir, 'read-models.sqlite'),
    readCacheBytes: limits.readModelsBytes,
    pageCacheBytes: limits.sqlitePagesBytes,
  });
}

/** Where Idempotency-Key outcomes live: shared by every instance on PostgreSQL, a SQLite file beside the data otherwise. */
export async function openIdempotencyStore(settings: StoreSettings & { idempotencyDatabase: string }): Promise<IdempotencyStore> {
  if (settings.postgresUrl) {
    const { PostgresIdempotencyStore } = await import('../idempotency/postgres-idempotency.store.js');
    return new PostgresIdempotencyStore({ connectionString: settings.postgresUrl });
  }
  return new SqliteIdempotencyStore(settings.idempotencyDatabase);
}

/** True when every store is the embedded one in DATA_DIR. */
export function onEmbeddedStores(settings: StoreSettings): boolean {
  return !settings.postgresUrl && !settings.eventstoreUrl && !settings.mongodbUrl;
}

/** Where the events are, in words for a person: the DATA_DIR, or the server and database (without credentials). */
export function describeStores(settings: StoreSettings): string {
  const server = (url: string, what: string) => {
    try {
      const u = new URL(url);
      return `${what} at ${u.host}${u.pathname.length > 1 ? ` (database ${decodeURIComponent(u.pathname.slice(1))})` : ''}`;
    } catch {
      return what;
    }
  };
  if (settings.postgresUrl) return server(settings.postgresUrl, 'PostgreSQL');
  if (settings.eventstoreUrl) return server(settings.eventstoreUrl, 'EventStoreDB');
  return settings.dataDir;
}
