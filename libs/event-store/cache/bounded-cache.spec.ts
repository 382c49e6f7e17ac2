import { BoundedCache, liveCaches } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps entries within its limit in bytes, letting the least recently used go first', () => {
    const cache = new BoundedCache<string, { n: number }>('spec-lru', 300, () => 100);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 2 });
    cache.set('c', { n: 3 });
    expect(cache.get('a')).toEqual({ n: 1 }); // a is now the most recently used
    cache.set('d', { n: 4 });
    expect(cache.peek('b')).toBeUndefined();
    expect([...['a', 'c', 'd']].map((k) => cache.peek(k)?.n)).toEqual([1, 3, 4]);
    expect(cache.stats()).toMatchObject({ name: 'spec-lru', entries: 3, bytes: 300, limitBytes: 300, evictions: 1 });
    expect(cache.evictionCount).toBe(1);
    // A delete is not an eviction: a memo of entries stays within the bound through it.
    cache.delete('a');
    expect(cache.evictionCount).toBe(1);
  });

  it('counts the hits a memo of its entries served without a lookup each', () => {
    const cache = new BoundedCache<string, { n: number }>('spec-memo', 1000, () => 10);
    cache.set('a', { n: 1 });
    cache.get('a');
    cache.countHits(600);
    expect(cache.stats()).toMatchObject({ hits: 601, misses: 0 });
  });

  it('counts hits and misses of get and getIf, not of peek', () => {
    const cache = new BoundedCache<string, { v: string }>('spec-counts', 1000, () => 10);
    cache.set('k', { v: '1' });
    cache.get('k');
    cache.get('missing');
    cache.peek('k');
    expect(cache.getIf('k', (e) => e.v === '2')).toBeUndefined(); // stale: a miss
    expect(cache.getIf('k', (e) => e.v === '1')).toEqual({ v: '1' });
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it('takes the bytes given to set over its own estimate, and re-counts an entry set again', () => {
    const cache = new BoundedCache<string, object>('spec-bytes', 1000, () => 1);
    cache.set('x', {}, 600);
    expect(cache.stats().bytes).toBe(600);
    cache.set('x', {}, 200);
    expect(cache.stats()).toMatchObject({ bytes: 200, entries: 1, evictions: 0 });
  });

  it('does not keep an entry larger than the whole limit', () => {
    const cache = new BoundedCache<string, object>('spec-huge', 100, () => 101);
    cache.set('x', {});
    expect(cache.has('x')).toBe(false);
  });

  it('drops the entries a predicate picks, and clears', () => {
    const cache = new BoundedCache<string, object>('spec-where', 1000, () => 1);
    for (const k of ['a\u00001', 'a\u00002', 'b\u00001']) cache.set(k, {});
    cache.deleteWhere((k) => k.startsWith('a\u0000'));
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('is listed among the live caches for /metrics', () => {
    const cache = new BoundedCache<string, object>('spec-listed', 1000, () => 1);
    cache.set('a', {});
    expect(liveCaches().find((c) => c.name === 'spec-listed')).toMatchObject({ entries: 1, bytes: 1 });
  });

  it('refuses a limit below one byte', () => {
    expect(() => new BoundedCache('spec-bad', 0, () => 1)).toThrow(/at least one byte/);
  });
});
