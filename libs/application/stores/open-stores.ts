import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '#event-store/event-store.port.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';

export interface StoreSettings {
  dataDir: string;
  eventstoreUrl: string | null;
  mongodbUrl: string | null;
}

/**
 * The embedded default (SQLite files in DATA_DIR) unless EVENTSTORE_URL / MONGODB_URL name
 * external stores. The external adapters are loaded lazily so the embedded path never
 * pays for their clients.
 */
export async function openEventStore(settings: StoreSettings): Promise<EventStore> {
  if (settings.eventstoreUrl) {
    const { EventStoreDbEventStore } = await import('#event-store/eventstoredb/eventstoredb-event-store.js');
    return new EventStoreDbEventStore({ connectionString: settings.eventstoreUrl });
  }
  return new SqliteEventStore({ path: join(settings.dataDir, 'events.sqlite') });
}

export async function openDocumentStore(settings: StoreSettings): Promise<DocumentStore> {
  if (settings.mongodbUrl) {
    const { MongoDbDocumentStore } = await import('#read-models/mongodb/mongodb-document-store.js');
    return MongoDbDocumentStore.connect({ url: settings.mongodbUrl });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return new SqliteDocumentStore({ path: join(settings.dataDir, 'read-models.sqlite') });
}
