import type { EventStore } from '#event-store/event-store.port.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { openDocumentStore, openEventStore, type StoreSettings } from '#application/stores/open-stores.js';
import { forBulkProjection } from '#application/stores/cache-limits.js';

/** The CLI works on the same stores as the API, chosen by the same variables. */
export function storeSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  return {
    dataDir: env.DATA_DIR?.trim() || './data',
    eventstoreUrl: env.EVENTSTORE_URL?.trim() || null,
    mongodbUrl: env.MONGODB_URL?.trim() || null,
    postgresUrl: env.POSTGRES_URL?.trim() || null,
    keyEncryptionKey: env.KEY_ENCRYPTION_KEY?.trim() || null,
    keyEncryptionKeyFile: env.KEY_ENCRYPTION_KEY_FILE?.trim() || null,
    keyEncryptionKeyPrevious: env.KEY_ENCRYPTION_KEY_PREVIOUS?.trim() || null,
    // A command rebuilds, copies or erases in bulk: the page cache a rebuild wants.
    cacheLimits: forBulkProjection(),
    // A command's output is its answer: the key file is mentioned when this command made it, on stdout.
    notice: (line, created) => {
      if (created) process.stdout.write(`${line}\n`);
    },
  };
}

/** Opens the event store, runs `work`, and closes it whatever happens. */
export async function withEventStore<T>(work: (store: EventStore) => Promise<T>, settings = storeSettings()): Promise<T> {
  const store = await openEventStore(settings);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function withStores<T>(
  work: (events: EventStore, documents: DocumentStore) => Promise<T>,
  settings = storeSettings(),
): Promise<T> {
  return withEventStore(async (events) => {
    const documents = await openDocumentStore(settings);
    try {
      return await work(events, documents);
    } finally {
      await documents.close();
    }
  }, settings);
}
