import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveCaches } from '#event-store/cache/bounded-cache.js';
import { documentStoreContract } from '../document-store.contract.js';
import { BULK_PAGE_CACHE_BYTES, SqliteDocumentStore, sqliteIndexExpression } from './sqlite-document-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-document-store-'));
let files = 0;
const tempPath = (): string => join(dir, `store-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

documentStoreContract('SQLite :memory:', () => new SqliteDocumentStore({ path: ':memory:' }));
documentStoreContract('SQLite temp file', () => new SqliteDocumentStore({ path: tempPath() }));

describe('SqliteDocumentStore', () => {
  it('keeps documents, indexes and checkpoints across reopening the file', async () => {
    const path = tempPath();
    const first = new SqliteDocumentStore({ path });
    await first.ensureCollection({ name: 'rows', indexes: ['schoolId'] });
    await first.commit({
      writes: [{ op: 'upsert', collection: 'rows', id: 'r1', doc: { schoolId: 'sk1' } }],
      checkpoints: [{ projection: 'p', position: 3 }],
    });
    await first.close();

    const second = new SqliteDocumentStore({ path });
    expect(await second.find('rows', { schoolId: 'sk1' })).toEqual([{ schoolId: 'sk1' }]);
    expect(await second.getCheckpoint('p')).toBe(3);
    await second.close();
  });

  it('runs in WAL mode and sees what another connection wrote', async () => {
    const path = tempPath();
    const writer = new SqliteDocumentStore({ path });
    const reader = new SqliteDocumentStore({ path });
    // The reader looks up the table even though it did not create it.
    expect(await reader.get('later', 'x')).toBeUndefined();
    await writer.upsert('later', 'x', { v: 1 });
    expect(await reader.get('later', 'x')).toEqual({ v: 1 });
    await writer.close();
    await reader.close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps the page cache it is given, and the bulk size when given none', async () => {
    const serving = new SqliteDocumentStore({ path: tempPath(), pageCacheBytes: 8 * 1024 * 1024 });
    const bulk = new SqliteDocumentStore({ path: tempPath() });
    expect(serving.pageCacheBytes()).toBe(8 * 1024 * 1024);
    expect(bulk.pageCacheBytes()).toBe(BULK_PAGE_CACHE_BYTES);
    await serving.close();
    await bulk.close();
  });

  it('answers indexed queries from the declared index, not a table scan', async () => {
    const path = tempPath();
    const store = new SqliteDocumentStore({ path });
    await store.ensureCollection({ name: 'rows', indexes: ['schoolId', 'student.grade'] });
    await store.close();
    const raw = new Database(path);
    const plan = (where: string): string =>
      (raw.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "doc:rows" WHERE ${where}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan(`${sqliteIndexExpression('schoolId')} = 'sk1'`)).toMatch(/USING INDEX "?cx:rows:schoolId/);
    expect(plan(`${sqliteIndexExpression('student.grade')} >= 7 AND ${sqliteIndexExpression('student.grade')} < ''`)).toMatch(
      /USING INDEX "?cx:rows:student.grade/,
    );
    raw.close();
  });

  it('moves a collection indexed by an older version onto index columns, keeping its documents findable', async () => {
    const path = tempPath();
    // The layout earlier versions made: an expression index, no column.
    const old = new Database(path);
    old.exec(`CREATE TABLE "doc:rows" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
    old.exec(`CREATE INDEX "ix:rows:schoolId" ON "doc:rows" (json_extract(doc, '$.schoolId'))`);
    old.prepare(`INSERT INTO "doc:rows" (id, doc) VALUES (?, ?)`).run('r1', JSON.stringify({ schoolId: 'sk1', n: 1 }));
    old.prepare(`INSERT INTO "doc:rows" (id, doc) VALUES (?, ?)`).run('r2', JSON.stringify({ schoolId: 'sk2', n: 2 }));
    old.close();

    const store = new SqliteDocumentStore({ path });
    await store.ensureCollection({ name: 'rows', indexes: ['schoolId', 'n'] });
    await store.upsert('rows', 'r3', { schoolId: 'sk1', n: 3 });
    expect(await store.find('rows', { schoolId: 'sk1' })).toEqual([
      { schoolId: 'sk1', n: 1 },
      { schoolId: 'sk1', n: 3 },
    ]);
    expect(await store.find('rows', { n: { gte: 2 } }, { sort: [{ field: 'n', direction: 'desc' }] })).toEqual([
      { schoolId: 'sk1', n: 3 },
      { schoolId: 'sk2', n: 2 },
    ]);
    await store.close();
    const raw = new Database(path);
    const indexes = (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'doc:rows'`).all() as { name: string }[]
    ).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['cx:rows:schoolId', 'cx:rows:n']));
    expect(indexes).not.toContain('ix:rows:schoolId');
    raw.close();
  });

  it("shares frozen parsed documents of a read-cached collection, and sees another connection's writes", async () => {
    const path = tempPath();
    const store = new SqliteDocumentStore({ path });
    await store.ensureCollection({ name: 'lean', indexes: ['schoolId'], readCache: true });
    await store.upsert('lean', 's1', { schoolId: 'a', days: { d: 1 } });
    const [first] = await store.find<{ schoolId: string; days: { d: number } }>('lean', { schoolId: 'a' });
    expect((await store.find('lean', { schoolId: 'a' }))[0]).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.days)).toBe(true);
    // get and getMany (the projector's reads) parse afresh: what they return may be changed.
    expect(Object.isFrozen(await store.get('lean', 's1'))).toBe(false);
    expect(Object.isFrozen((await store.getMany('lean', ['s1'])).get('s1'))).toBe(false);
    // A second connection (another process, say) writes the same file: the cache must not hide it.
    const other = new SqliteDocumentStore({ path });
    await other.upsert('lean', 's1', { schoolId: 'a', days: { d: 2 } });
    await other.close();
    expect(await store.find('lean', { schoolId: 'a' })).toEqual([{ schoolId: 'a', days: { d: 2 } }]);
    await store.close();
  });

  it('hands a repeated query of a read-cached collection the same documents in an array of its own, until a write', async () => {
    const store = new SqliteDocumentStore({ path: ':memory:' });
    await store.ensureCollection({ name: 'lean', indexes: ['schoolId'], readCache: true });
    for (const id of ['s1', 's2', 's3']) await store.upsert('lean', id, { schoolId: 'a', name: id });
    const first = await store.find<{ name: string }>('lean', { schoolId: 'a' });
    const again = await store.find<{ name: string }>('lean', { schoolId: 'a' });
    expect(again).not.toBe(first);
    again.forEach((doc, i) => expect(doc).toBe(first[i]));
    // A caller that sorts its array changes nothing for the next one.
    again.sort((x, y) => y.name.localeCompare(x.name));
    expect((await store.find<{ name: string }>('lean', { schoolId: 'a' })).map((d) => d.name)).toEqual(['s1', 's2', 's3']);
    await store.upsert('lean', 's2', { schoolId: 'a', name: 's2 changed' });
    await store.upsert('lean', 's4', { schoolId: 'a', name: 's4' });
    const after = await store.find<{ name: string }>('lean', { schoolId: 'a' });
    expect(after.map((d) => d.name)).toEqual(['s1', 's2 changed', 's3', 's4']);
    expect(after[0]).toBe(first[0]);
    await store.close();
  });

  it('answers a repeated query rightly while its read cache is too small to keep every document (evictions)', async () => {
    // Room for two documents (56 bytes each by their text): every read of three evicts one.
    const store = new SqliteDocumentStore({ path: ':memory:', readCacheBytes: 120 });
    await store.ensureCollection({ name: 'lean', indexes: ['schoolId'], readCache: true });
    for (const id of ['s1', 's2', 's3']) await store.upsert('lean', id, { schoolId: 'a', name: id });
    for (let i = 0; i < 3; i++) {
      expect((await store.find<{ name: string }>('lean', { schoolId: 'a' })).map((d) => d.name)).toEqual(['s1', 's2', 's3']);
    }
    const cache = liveCaches().find((c) => c.name === 'read-models' && c.limitBytes === 120);
    expect(cache?.evictions).toBeGreaterThanOrEqual(3);
    await store.close();
  });

  it('commits 100,000 upserts in batches of 1,000 quickly enough for projection work', async () => {
    const store = new SqliteDocumentStore({ path: tempPath() });
    await store.ensureCollection({ name: 'per-stream', indexes: ['type', 'count'] });
    const started = performance.now();
    for (let batch = 0; batch < 100; batch++) {
      const writes = Array.from({ length: 1000 }, (_, i) => ({
        op: 'upsert' as const,
        collection: 'per-stream',
        id: `stream-${(batch * 1000 + i) % 20_000}`,
        doc: { type: i % 2 ? 'AbsenceRegistered' : 'CaseOpened', count: batch, lastPosition: batch * 1000 + i },
      }));
      await store.commit({ writes, checkpoints: [{ projection: 'bench', position: (batch + 1) * 1000 }] });
    }
    const seconds = (performance.now() - started) / 1000;
    expect(await store.count('per-stream')).toBe(20_000);
    expect(await store.getCheckpoint('bench')).toBe(100_000);
    // A generous bound for a shared 2-core machine; the point is "well within a second or two", not a benchmark.
    expect(seconds).toBeLessThan(10);
    process.stdout.write(`SQLite document store: 100,000 upserts in ${seconds.toFixed(2)} s (${Math.round(100_000 / seconds)}/s)\n`);
    await store.close();
  });
});
