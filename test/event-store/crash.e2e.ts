import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { buildSqliteAdapter, type BuiltAdapter } from './build-adapter.js';
import { startChild } from './child-process.js';
import { crashRandom } from '../support/crash-seed.js';

interface Ack {
  stream: string;
  ids: string[];
  nextRevision: number;
  position: number;
}

interface BatchData {
  batch: string;
  index: number;
  size: number;
}

/**
 * SIGKILLs a process in the middle of appending, several times on one file. What was acknowledged
 * must be there, and no multi-event append may be half there. (A kill, not a power cut: the OS
 * still flushes the page cache; synchronous=FULL is what covers the latter.)
 */
describe('SqliteEventStore survives being killed mid-append', () => {
  let built: BuiltAdapter;
  let dir: string;

  beforeAll(() => {
    built = buildSqliteAdapter();
    dir = mkdtempSync(join(tmpdir(), 'event-store-crash-'));
  });
  afterAll(() => {
    built.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, whole batches only, and verifiable chains', async () => {
    const path = join(dir, 'crash.db');
    const acks: Ack[] = [];
    const random = crashRandom('event-store crash');
    for (let round = 0; round < 5; round++) {
      const child = startChild('./append-child.mjs', [built.modulePath, path, `round-${round}`]);
      await child.waitForLines((lines) => lines.length >= 5);
      await new Promise((resolve) => setTimeout(resolve, 50 + random.next() * 300));
      child.process.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      acks.push(...child.lines.map((line) => JSON.parse(line) as Ack));

      // Reopening after every kill: recovery of the WAL must leave a usable, consistent store.
      const store = new SqliteEventStore({ path });
      await verify(store, acks);
      await store.close();
    }
    expect(acks.length).toBeGreaterThan(25);
  });
});

async function verify(store: SqliteEventStore, acks: Ack[]): Promise<void> {
  const all = await store.readAll();
  expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
  expect(await store.headPosition()).toBe(all.length);

  const byId = new Map(all.map((e) => [e.id, e]));
  for (const ack of acks) {
    const stored = ack.ids.map((id) => byId.get(id));
    expect(stored.every((e) => e !== undefined)).toBe(true);
    expect(stored[stored.length - 1]!.position).toBe(ack.position);
    expect(stored[stored.length - 1]!.revision).toBe(ack.nextRevision);
    expect(stored.every((e) => e!.stream === ack.stream)).toBe(true);
  }

  const batches = new Map<string, StoredEvent[]>();
  for (const e of all) {
    const { batch } = e.data as BatchData;
    batches.set(batch, [...(batches.get(batch) ?? []), e]);
  }
  for (const events of batches.values()) {
    const { size } = events[0]!.data as BatchData;
    expect(events.map((e) => (e.data as BatchData).index)).toEqual(Array.from({ length: size }, (_, i) => i));
    expect(events.map((e) => e.position - events[0]!.position)).toEqual(events.map((_, i) => i));
  }

  for (const stream of await store.listStreams()) {
    const events = await store.readStream(stream);
    events.forEach((e, i) => {
      expect(e.revision).toBe(i);
      expect(e.previousHash).toBe(i === 0 ? null : events[i - 1]!.hash);
      expect(hashEvent(e)).toBe(e.hash);
    });
  }
}
