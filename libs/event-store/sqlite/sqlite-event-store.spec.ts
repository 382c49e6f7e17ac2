import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../event-store.contract.js';
import type { NewEvent } from '../event-store.port.js';
import { hashEvent } from '../hash.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('SqliteEventStore(:memory:)', async () => new SqliteEventStore({ path: ':memory:' }));
eventStoreContract(
  'SqliteEventStore(file)',
  async () => new SqliteEventStore({ path: join(dir, 'nested', `${randomUUID()}.db`), pollIntervalMs: 50 }),
);

function newEvents(n: number): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type: 'FraværRegistrert',
    schemaVersion: 1,
    data: { i },
    metadata: { actor: { id: 'a', role: 'teacher' }, occurredAt: '2026-01-15T08:30:00.000Z' },
  }));
}

describe('SqliteEventStore specifics', () => {
  it('group commit: concurrent appends share one transaction, and one conflict or stored id fails only itself', async () => {
    const store = new SqliteEventStore({ path: join(dir, `${randomUUID()}.db`) });
    await store.appendToStream('g', newEvents(1));
    const stored = (await store.readStream('g'))[0]!;
    const again = newEvents(1);
    const results = await Promise.allSettled([
      store.appendToStream('a', newEvents(2)),
      store.appendToStream('g', newEvents(1), { expectedRevision: 5 }), // wrong revision
      store.appendToStream('a', newEvents(1), { expectedRevision: 1 }), // sees the first append of the group
      store.appendToStream('b', again),
      store.appendToStream('b', again), // a re-append inside the same group: answered as the first
      store.appendToStream('c', [{ ...newEvents(1)[0]!, id: stored.id }]), // an id stored elsewhere
      store.appendToStream('g', newEvents(1), { expectedRevision: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevision' });
    expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual({ nextRevision: 2, position: 4 });
    expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual((results[4] as PromiseFulfilledResult<unknown>).value);
    expect((results[6] as PromiseFulfilledResult<unknown>).value).toEqual({ nextRevision: 1, position: 6 });
    expect((await store.readAll()).map((e) => `${e.stream}@${e.revision}#${e.position}`)).toEqual([
      'g@0#1',
      'a@0#2',
      'a@1#3',
      'a@2#4',
      'b@0#5',
      'g@1#6',
    ]);
    await store.close();
  });

  it('group commit: appends accepted before close are committed', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const store = new SqliteEventStore({ path });
    const pending = store.appendToStream('a', newEvents(2));
    await store.close();
    expect(await pending).toEqual({ nextRevision: 1, position: 2 });
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.headPosition()).toBe(2);
    await reopened.close();
  });

  it('gives dense positions from 1 and reports the head', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    expect(await store.headPosition()).toBe(0);
    expect(await store.appendToStream('a', newEvents(3))).toEqual({ nextRevision: 2, position: 3 });
    expect(await store.appendToStream('b', newEvents(2))).toEqual({ nextRevision: 1, position: 5 });
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(await store.headPosition()).toBe(5);
    await store.close();
  });

  it('opens the file in WAL mode with synchronous=FULL and keeps events across reopen', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const first = new SqliteEventStore({ path });
    await first.appendToStream('elev-1', newEvents(4));
    await first.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const second = new SqliteEventStore({ path });
    const appended = await second.appendToStream('elev-1', newEvents(1), { expectedRevision: 3 });
    expect(appended).toEqual({ nextRevision: 4, position: 5 });
    const read = await second.readStream('elev-1');
    expect(read[4]!.previousHash).toBe(read[3]!.hash);
    await second.close();
  });

  it('lets reads proceed while another connection holds the write lock', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const store = new SqliteEventStore({ path });
    await store.appendToStream('s', newEvents(2));
    const writer = new Database(path);
    writer.exec('BEGIN IMMEDIATE');
    writer
      .prepare(
        "INSERT INTO events (id, stream, revision, type, schema_version, previous_hash, hash, metadata, data) VALUES ('x', 's', 2, 't', 1, NULL, 'h', '{}', '{}')",
      )
      .run();
    const started = Date.now();
    expect(await store.readAll()).toHaveLength(2); // the uncommitted row is invisible, and nothing waits
    expect(Date.now() - started).toBeLessThan(1000);
    writer.exec('ROLLBACK');
    writer.close();
    await store.close();
  });

  it('shows tampering with a stored row as a hash mismatch', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const store = new SqliteEventStore({ path });
    await store.appendToStream('elev-2', newEvents(3));
    const raw = new Database(path);
    raw.prepare('UPDATE events SET data = \'{"i":99}\' WHERE revision = 1').run();
    raw.close();
    const read = await store.readStream('elev-2');
    expect(read.map((e) => hashEvent(e) === e.hash)).toEqual([true, false, true]);
    await store.close();
  });

  it('wakes a subscription for appends made through another connection to the same file', async () => {
    const path = join(dir, `${randomUUID()}.db`);
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const writer = new SqliteEventStore({ path });
    const seen: number[] = [];
    const sub = reader.subscribeToAll({}, (batch) => {
      seen.push(...batch.map((e) => e.position));
    });
    await writer.appendToStream('s', newEvents(3));
    await writer.appendToStream('t', newEvents(2));
    const deadline = Date.now() + 5000;
    while (seen.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    await reader.close(); // also stops the subscription
    await expect(sub.done).resolves.toBeUndefined();
    await writer.close();
  });

  it('rejects calls after close', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.close();
    await expect(store.appendToStream('s', newEvents(1))).rejects.toThrow('closed');
    await expect(store.readAll()).rejects.toThrow('closed');
  });
});
