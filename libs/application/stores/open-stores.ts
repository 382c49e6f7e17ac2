import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import type { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { ensurePostgresDatabase } from './ensure-postgres-database.js';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store.js';

export interface StoreSettings {
  dataDir: string;
  eventstoreUrl: string | null;
  mongodbUrl: string | null;
  postgresUrl?: string | null;
}

/**
 * The embedded default (SQLite files in DATA_DIR) unless POSTGRES_URL (both kinds) or
 * EVENTSTORE_URL / MONGODB_URL name external stores. The external adapters are loaded lazily so
 * the embedded path never pays for their clients.
 */
export async function openEventStore(settings: StoreSettings): Promise<EventStore> {
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
  if (settings.postgresUrl) {
    const { PostgresDocumentStore } = await import('#read-models/postgres/postgres-document-store.js');
    return new PostgresDocumentStore({ connectionString: settings.postgresUrl });
  }
  if (settings.mongodbUrl) {
    const { MongoDbDocumentStore } = await import('#read-models/mongodb/mongodb-document-store.js');
    return MongoDbDocumentStore.connect({ url: settings.mongodbUrl });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return new SqliteDocumentStore({ path: join(settings.dataDir, 'read-models.sqlite') });
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
