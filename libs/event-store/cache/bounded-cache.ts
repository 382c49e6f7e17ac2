/**
 * A least-recently-used cache bounded by bytes (lru-cache's `maxSize`), that counts its hits,
 * misses and evictions for `/metrics` (`cache_*{cache="<name>"}`, apps/api/ops/metrics.ts).
 *
 * The bytes are an estimate of what an entry keeps alive on the heap (`estimateBytes`, or the
 * JSON text a document was parsed from times `JSON_HEAP_FACTOR`), so the limit an operator sets
 * (`CACHE_*_MIB`, api.md "Configuration") is what the caches may hold, not a count of entries whose
 * size nobody knows. Every live cache is listed in `liveCaches()`: the metrics read them at
 * each scrape, as they read the process's own figures, so they are the process's, not one app's.
 */
import { LRUCache } from 'lru-cache';

export interface CacheStats {
  readonly name: string;
  readonly entries: number;
  readonly bytes: number;
  readonly limitBytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

const live = new Set<WeakRef<BoundedCache<object, object>>>();

/** The stats of every cache still alive in this process (a cache that was garbage-collected drops out). */
export function liveCaches(): CacheStats[] {
  const stats: CacheStats[] = [];
  for (const ref of live) {
    const cache = ref.deref();
    if (cache) stats.push(cache.stats());
    else live.delete(ref);
  }
  return stats;
}

export class BoundedCache<K extends object | string, V extends object> {
  private readonly lru: LRUCache<K, V>;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  /**
   * @param name the `cache` label in `/metrics`
   * @param limitBytes what the entries may take together; an entry larger than that is not kept
   * @param sizeOf an entry's bytes, when `set` is not told them
   */
  constructor(
    readonly name: string,
    readonly limitBytes: number,
    sizeOf: (value: V, key: K) => number,
  ) {
    if (!Number.isFinite(limitBytes) || limitBytes < 1) throw new Error(`cache ${name}: the limit must be at least one byte`);
    this.lru = new LRUCache<K, V>({
      maxSize: limitBytes,
      sizeCalculation: (value, key) => Math.max(1, Math.ceil(sizeOf(value, key))),
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
    live.add(new WeakRef(this as unknown as BoundedCache<object, object>));
  }

  /** The entry, made the most recently used; counted as a hit or a miss. */
  get(key: K): V | undefined {
    const value = this.lru.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  /** The entry if `fresh` accepts it (a hit); a missing or stale one counts as a miss. */
  getIf(key: K, fresh: (value: V) => boolean): V | undefined {
    const value = this.lru.get(key);
    if (value !== undefined && fresh(value)) {
      this.hits++;
      return value;
    }
    this.misses++;
    return undefined;
  }

  /** The entry without counting or reordering (for checks that are not a use). */
  peek(key: K): V | undefined {
    return this.lru.peek(key);
  }

  has(key: K): boolean {
    return this.lru.has(key);
  }

  /** Keeps `value` (evicting the least recently used as needed); `bytes` overrides `sizeOf`. */
  set(key: K, value: V, bytes?: number): void {
    this.lru.set(key, value, bytes === undefined ? undefined : { size: Math.max(1, Math.ceil(bytes)) });
  }

  delete(key: K): void {
    this.lru.delete(key);
  }

  /** Drops the entries whose key `drop` picks. */
  deleteWhere(drop: (key: K) => boolean): void {
    for (const key of [...this.lru.keys()]) if (drop(key)) this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  /**
   * Entries evicted for room so far. A memo of entries (SqliteDocumentStore's query results)
   * is still within the bound while this has not moved since it was made.
   */
  get evictionCount(): number {
    return this.evictions;
  }

  /** Counts `n` hits served from such a memo: entries still here, read without a lookup each. */
  countHits(n: number): void {
    this.hits += n;
  }

  get size(): number {
    return this.lru.size;
  }

  stats(): CacheStats {
    return {
      name: this.name,
      entries: this.lru.size,
      bytes: this.lru.calculatedSize,
      limitBytes: this.limitBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }
}
