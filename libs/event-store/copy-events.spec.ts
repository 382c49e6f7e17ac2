import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyAllEvents, CopyMismatch, verifyCopy, type CopyProgress } from './copy-events.js';
import { InvalidImport, type NewEvent, type StoredEvent } from './event-store.port.js';
import { hashEvent } from './hash.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

const events = (n: number, tekst = 'fravær'): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type: 'FraværRegistrert',
    schemaVersion: 2,
    data: { i, tekst: `${tekst} æøå ÆØÅ 📚` },
    metadata: {
      actor: { id: 'lærer-1', role: 'teacher' },
      occurredAt: '2026-02-02T07:45:00.000Z',
      correlationId: `corr-${i}`,
    },
  }));

/** The envelope without the store-specific position. */
const portable = ({ position: _position, ...rest }: StoredEvent) => rest;

describe('copyAllEvents (SQLite → SQLite)', () => {
  let dir: string;
  let source: SqliteEventStore;
  let target: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copy-events-'));
    source = new SqliteEventStore({ path: join(dir, 'source.db') });
    target = new SqliteEventStore({ path: join(dir, 'target.db') });
    for (let i = 0; i < 12; i++) await source.appendToStream(`elev-${i % 4}`, events(1 + (i % 3)));
  });

  afterEach(async () => {
    await source.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every event in global order with ids, recordedAt and hashes kept', async () => {
    await target.appendToStream('already-there', events(3)); // so the target's positions differ
    const seen: CopyProgress[] = [];
    const result = await copyAllEvents(source, target, (p) => seen.push(p), { batchSize: 5 });

    const original = await source.readAll();
    expect(result).toEqual({ copied: original.length, skipped: 0, position: original.length, headPosition: original.length });
    expect(seen.map((p) => p.copied)).toEqual([5, 10, 15, 20, 24]);

    const copied = (await target.readAll({ fromPosition: 4 })).map(portable);
    expect(copied).toEqual(original.map(portable));
    expect((await target.readAll({ fromPosition: 4 }))[0]!.position).toBe(4);
    for (const stream of await source.listStreams()) {
      expect((await target.readStream(stream)).map((e) => e.hash)).toEqual((await source.readStream(stream)).map((e) => e.hash));
    }
  });

  it('lets the target continue the copied chains and skips everything on a re-run', async () => {
    await copyAllEvents(source, target);
    const next = await target.appendToStream('elev-0', events(1), { expectedRevision: (await source.readStream('elev-0')).length - 1 });
    const [last, beforeLast] = await target.readStream('elev-0', { direction: 'backwards', maxCount: 2 });
    expect(last!.revision).toBe(next.nextRevision);
    expect(last!.previousHash).toBe(beforeLast!.hash);
    expect(hashEvent(last!)).toBe(last!.hash);

    const again = await copyAllEvents(source, target);
    expect(again).toMatchObject({ copied: 0, skipped: 24 });
  });

  it('refuses a tampered source event and stores nothing of that batch', async () => {
    const raw = new Database(join(dir, 'source.db'));
    raw.prepare('UPDATE events SET data = \'{"i":0,"tekst":"endret"}\' WHERE position = 7').run();
    raw.close();
    await expect(copyAllEvents(source, target, undefined, { batchSize: 5 })).rejects.toBeInstanceOf(InvalidImport);
    expect(await target.headPosition()).toBe(5); // the first batch only
  });
});

describe('verifyCopy (SQLite → SQLite)', () => {
  let dir: string;
  let source: SqliteEventStore;
  let target: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-copy-'));
    source = new SqliteEventStore({ path: join(dir, 'source.db') });
    target = new SqliteEventStore({ path: join(dir, 'target.db') });
    for (let i = 0; i < 12; i++) await source.appendToStream(`elev-${i % 4}`, events(1 + (i % 3)));
  });

  afterEach(async () => {
    await source.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('confirms a whole copy, counting what the target held before', async () => {
    await target.appendToStream('already-there', events(2));
    await copyAllEvents(source, target, undefined, { batchSize: 5 });
    const head = await source.headPosition();
    expect(await verifyCopy(source, target, { batchSize: 4 })).toEqual({ events: head, targetOnly: 2 });
  });

  it('names the first event a partial copy lacks', async () => {
    const first = await source.readAll({ maxCount: 10 });
    await target.importEvents(first);
    const missing = (await source.readAll({ fromPosition: 11, maxCount: 1 }))[0]!;
    await expect(verifyCopy(source, target)).rejects.toThrow(
      new CopyMismatch(
        `event ${missing.id} (${missing.stream} revision ${missing.revision}) is not in the target after the events before it`,
      ),
    );
  });
});
