import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { BatchContext, DocumentCache } from './batch-context.js';
import { DocumentNotLoaded } from './projection.js';

describe('BatchContext', () => {
  let store: SqliteDocumentStore;
  let cache: DocumentCache;
  const physical = new Map([
    ['concern', 'concern_g3'],
    ['tasks', 'tasks_g3'],
  ]);

  beforeEach(async () => {
    store = new SqliteDocumentStore({ path: ':memory:' });
    cache = new DocumentCache(1000);
    await store.upsert('concern_g3', 'elev-1', { level: 'green' });
  });

  afterEach(async () => {
    await store.close();
  });

  it('reads through pending writes, then the cache, then the store (in the generation’s collection)', async () => {
    const ctx = new BatchContext(store, cache, physical);
    expect(await ctx.get('concern', 'elev-1')).toEqual({ level: 'green' });
    expect(await ctx.get('concern', 'elev-2')).toBeUndefined();
    ctx.upsert('concern', 'elev-2', { level: 'red' });
    expect(await ctx.get('concern', 'elev-2')).toEqual({ level: 'red' });
    ctx.delete('concern', 'elev-1');
    expect(await ctx.get('concern', 'elev-1')).toBeUndefined();
    expect(ctx.getSync('concern', 'elev-1')).toBeUndefined();
  });

  it('collapses several writes to one document into one write, against physical names', () => {
    const ctx = new BatchContext(store, cache, physical);
    ctx.upsert('concern', 'a', { n: 1 });
    ctx.upsert('tasks', 't', { n: 1 });
    ctx.upsert('concern', 'a', { n: 2 });
    ctx.delete('concern', 'b');
    ctx.upsert('concern', 'b', { n: 3 });
    ctx.delete('tasks', 't');
    expect(ctx.writes()).toEqual([
      { op: 'upsert', collection: 'concern_g3', id: 'a', doc: { n: 2 } },
      { op: 'upsert', collection: 'concern_g3', id: 'b', doc: { n: 3 } },
      { op: 'delete', collection: 'tasks_g3', id: 't' },
    ]);
  });

  it('builds a derived write once, from the state as of the commit, or earlier when it is read', async () => {
    const ctx = new BatchContext(store, cache, physical);
    let builds = 0;
    const derive = () => {
      builds += 1;
      return { from: ctx.getSync<{ n: number }>('concern', 'a')!.n };
    };
    for (const n of [1, 2, 3]) {
      ctx.upsert('concern', 'a', { n });
      ctx.upsertDerived('tasks', 'a', derive);
    }
    expect(builds).toBe(0);
    expect(ctx.writes()).toEqual([
      { op: 'upsert', collection: 'concern_g3', id: 'a', doc: { n: 3 } },
      { op: 'upsert', collection: 'tasks_g3', id: 'a', doc: { from: 3 } },
    ]);
    expect(builds).toBe(1);
    await store.commit({ writes: ctx.writes() });
    ctx.committed();
    expect(builds).toBe(1);
    expect(await store.get('tasks_g3', 'a')).toEqual({ from: 3 });

    // Read before the commit: built then, and a later upsert of the same id replaces it.
    const next = new BatchContext(store, cache, physical);
    next.upsertDerived('tasks', 'b', () => ({ built: true }));
    expect(await next.get('tasks', 'b')).toEqual({ built: true });
    next.upsert('tasks', 'b', { built: false });
    expect(next.writes()).toEqual([{ op: 'upsert', collection: 'tasks_g3', id: 'b', doc: { built: false } }]);
  });

  it('keeps committed writes cached for the next batch, so they are not read again', async () => {
    const first = new BatchContext(store, cache, physical);
    first.upsert('concern', 'elev-9', { level: 'yellow' });
    await store.commit({ writes: first.writes() });
    first.committed();
    // Changed behind the projector's back (which never happens in production): the cache answers.
    await store.upsert('concern_g3', 'elev-9', { level: 'changed elsewhere' });
    const second = new BatchContext(store, cache, physical);
    expect(second.getSync('concern', 'elev-9')).toEqual({ level: 'yellow' });
  });

  it('answers getSync only for loaded documents, and loads prefetched ones with one getMany', async () => {
    const ctx = new BatchContext(store, cache, physical);
    expect(() => ctx.getSync('concern', 'elev-1')).toThrow(DocumentNotLoaded);
    await ctx.prefetch([
      { collection: 'concern', id: 'elev-1' },
      { collection: 'concern', id: 'elev-404' },
      { collection: 'concern', id: 'elev-1' },
    ]);
    expect(ctx.getSync('concern', 'elev-1')).toEqual({ level: 'green' });
    expect(ctx.getSync('concern', 'elev-404')).toBeUndefined();
  });

  it('refuses collections the projection did not declare, and empty ids', async () => {
    const ctx = new BatchContext(store, cache, physical);
    expect(() => ctx.upsert('elsewhere', 'x', {})).toThrow(/not declared/);
    await expect(ctx.get('elsewhere', 'x')).rejects.toThrow(/not declared/);
    expect(() => ctx.upsert('concern', '', {})).toThrow(/non-empty/);
  });

  it('bounds the cache by clearing it when it grows past its limit', () => {
    const small = new DocumentCache(2);
    small.set('c', 'a', { n: 1 });
    small.set('c', 'b', null);
    small.trim();
    expect(small.lookup('c', 'a')).toEqual({ n: 1 });
    expect(small.lookup('c', 'b')).toBeNull();
    small.set('c', 'd', { n: 2 });
    small.trim();
    expect(small.lookup('c', 'a')).toBeUndefined();
  });
});
