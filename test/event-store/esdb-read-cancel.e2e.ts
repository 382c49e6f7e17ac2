/**
 * The EventStoreDB adapter's reads that stop early cancel their gRPC calls: against a STAND-IN
 * gRPC server (esdb-stand-in.ts, not EventStoreDB) that, like the real one, allows 100
 * concurrent streams per connection and keeps a read of `$all` open until the client cancels it.
 * Before the fix, `headPosition` left each call open and the 101st hung. This shows the client
 * library's behaviour with the adapter; the adapter is tested against EventStoreDB only by its
 * contract suite with EVENTSTORE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store.js';
import { startStandIn, type StandIn } from './support/esdb-stand-in.js';

describe('EventStoreDB adapter against a stand-in gRPC server (not EventStoreDB): early-stopping reads are cancelled', () => {
  let standIn: StandIn;
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    standIn = await startStandIn();
    store = new EventStoreDbEventStore({ connectionString: standIn.url });
  });

  afterAll(async () => {
    await store?.close();
    await standIn?.close();
  });

  it('answers headPosition 200 times on one client, leaving no call open', async () => {
    for (let i = 0; i < 200; i++) {
      let timer: NodeJS.Timeout | undefined;
      const head = await Promise.race([
        store.headPosition(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`headPosition call ${i + 1} hung`)), 5000))),
      ]).finally(() => clearTimeout(timer));
      expect(head).toBe(9000);
    }
    expect(standIn.started()).toBe(200);
    for (let i = 0; i < 50 && standIn.open() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(standIn.open()).toBe(0);
  }, 60_000);

  it('accepts a kurrentdb:// URL as the client’s esdb://', async () => {
    const kurrent = new EventStoreDbEventStore({ connectionString: standIn.url.replace('esdb://', 'kurrentdb://') });
    try {
      expect(await kurrent.headPosition()).toBe(9000);
    } finally {
      await kurrent.close();
    }
  });
});
