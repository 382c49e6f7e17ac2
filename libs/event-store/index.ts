// Public API of the event store. The contract suite (event-store.contract.ts) is test code and is
// imported by adapter specs directly, so jest never ends up in production imports.
export * from './event-store.port.js';
export { canonicalJson, hashEvent, type HashedEnvelope } from './hash.js';
export { copyAllEvents, type CopyProgress } from './copy-events.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
// Types only: the class pulls in the gRPC client, so callers import it lazily from
// './eventstoredb/eventstoredb-event-store.js' when EVENTSTORE_URL is set (see apps/api/store).
export type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store.js';
