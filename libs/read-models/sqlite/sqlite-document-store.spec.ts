import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract } from '../document-store.contract.js';
import { SqliteDocumentStore, sqliteIndexExpression } from './sqlite-document-store.js';

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
    await first.commit({ writes: [{ op: 'upsert', collection: 'rows', id: 'r1', doc: { schoolId: 'sk1' } }], checkpoints: [{ projection: 'p', position: 3 }] });
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
    expect(plan(`${sqliteIndexExpression('schoolId')} = 'sk1'`)).toMatch(/USING INDEX "?ix:rows:schoolId/);
    expect(plan(`${sqliteIndexExpression('student.grade')} >= 7 AND ${sqliteIndexExpression('student.grade')} < ''`)).toMatch(
      /USING INDEX "?ix:rows:student.grade/,
    );
    raw.close();
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
