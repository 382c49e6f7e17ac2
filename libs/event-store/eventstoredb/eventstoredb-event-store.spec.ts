import { describe, it } from '@jest/globals';
import { eventStoreContract } from '../event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

// Runs against a real server only, e.g.
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npx jest libs/event-store/eventstoredb
const url = process.env['EVENTSTORE_URL'];

if (url) {
  eventStoreContract('EventStoreDbEventStore', async () => new EventStoreDbEventStore({ connectionString: url, pollIntervalMs: 200 }), {
    uniqueIdsAcrossStreams: false,
  });
} else {
  process.stdout.write('EventStoreDbEventStore contract SKIPPED: EVENTSTORE_URL is unset (needs a running EventStoreDB)\n');
  describe.skip('EventStoreDbEventStore — EventStore contract (skipped: EVENTSTORE_URL is unset)', () => {
    it('needs a running EventStoreDB', () => undefined);
  });
}
