import type { Doc, DocumentStore, Write } from '../document-store.port.js';
import { DocumentNotLoaded, type DocKey, type ProjectionContext } from './projection.js';

/** `null` records "known to be absent", so a miss is looked up in the store only once. */
type Slot = Doc | null;
/** A pending write of `upsertDerived`: built when first read or when the batch commits. */
type Pending = Slot | Derived;

class Derived {
  constructor(readonly build: () => Doc) {}
}

/**
 * Documents of one projection generation that are known to be committed, kept across batches.
 * Sound because the projector is the only writer of its collections. Cleared when a batch fails
 * (its writes never reached the store) and when it outgrows its bound.
 */
export class DocumentCache {
  private readonly slots = new Map<string, Map<string, Slot>>();
  private size = 0;

  constructor(private readonly maxEntries: number) {}

  lookup(collection: string, id: string): Slot | undefined {
    return this.slots.get(collection)?.get(id);
  }

  set(collection: string, id: string, slot: Slot): void {
    let m = this.slots.get(collection);
    if (!m) this.slots.set(collection, (m = new Map()));
    if (!m.has(id)) this.size += 1;
    m.set(id, slot);
  }

  /** Bounding by clearing (not LRU) keeps the hot path to two Map lookups. */
  trim(): void {
    if (this.size > this.maxEntries) this.clear();
  }

  clear(): void {
    this.slots.clear();
    this.size = 0;
  }
}

/**
 * One batch's view for `apply`: pending writes over the cache over the store. Logical
 * collection names are mapped to the generation's physical ones here, in one place.
 */
export class BatchContext implements ProjectionContext {
  /** Final state per document in this batch (insertion order kept for a deterministic commit). */
  private readonly pending = new Map<string, Map<string, Pending>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly cache: DocumentCache,
    /** logical → physical collection name; only declared collections may be used. */
    private readonly physical: ReadonlyMap<string, string>,
  ) {}

  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined> {
    const known = this.known(collection, id);
    if (known !== undefined) return Promise.resolve((known ?? undefined) as T | undefined);
    return this.load(collection, id) as Promise<T | undefined>;
  }

  getSync<T extends Doc = Doc>(collection: string, id: string): T | undefined {
    const known = this.known(collection, id);
    if (known === undefined) throw new DocumentNotLoaded(collection, id);
    return (known ?? undefined) as T | undefined;
  }

  upsert(collection: string, id: string, doc: Doc): void {
    this.write(collection, id, doc);
  }

  upsertDerived(collection: string, id: string, build: () => Doc): void {
    this.write(collection, id, new Derived(build));
  }

  delete(collection: string, id: string): void {
    this.write(collection, id, null);
  }

  /** Loads the keys not yet known with one `getMany` per collection. */
  async prefetch(keys: readonly DocKey[]): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const { collection, id } of keys) {
      if (this.known(collection, id) !== undefined) continue;
      let ids = missing.get(collection);
      if (!ids) missing.set(collection, (ids = new Set()));
      ids.add(id);
    }
    for (const [collection, ids] of missing) {
      const list = [...ids];
      const found = await this.store.getMany(this.physicalName(collection), list);
      for (const id of list) this.cache.set(collection, id, found.get(id) ?? null);
    }
  }

  /** How many documents the batch has written so far (each counted once). */
  get pendingCount(): number {
    let count = 0;
    for (const docs of this.pending.values()) count += docs.size;
    return count;
  }

  /** The batch's writes, one per touched document, against physical collections. */
  writes(): Write[] {
    const writes: Write[] = [];
    for (const [collection, docs] of this.pending) {
      const name = this.physicalName(collection);
      for (const [id, pending] of docs) {
        const slot = this.settle(docs, id, pending);
        writes.push(slot === null ? { op: 'delete', collection: name, id } : { op: 'upsert', collection: name, id, doc: slot });
      }
    }
    return writes;
  }

  /** After a successful commit the batch's writes are the committed state: keep them cached. */
  committed(): void {
    for (const [collection, docs] of this.pending) {
      for (const [id, pending] of docs) this.cache.set(collection, id, this.settle(docs, id, pending));
    }
    this.cache.trim();
  }

  private known(collection: string, id: string): Slot | undefined {
    const docs = this.pending.get(collection);
    const pending = docs?.get(id);
    if (pending !== undefined) return this.settle(docs!, id, pending);
    return this.cache.lookup(collection, id);
  }

  /** Builds a derived write in place, once. */
  private settle(docs: Map<string, Pending>, id: string, pending: Pending): Slot {
    if (!(pending instanceof Derived)) return pending;
    const doc = pending.build();
    docs.set(id, doc);
    return doc;
  }

  private async load(collection: string, id: string): Promise<Doc | undefined> {
    const doc = await this.store.get(this.physicalName(collection), id);
    // A write made while the read was in flight wins over what the store said.
    const raced = this.known(collection, id);
    if (raced !== undefined) return raced ?? undefined;
    this.cache.set(collection, id, doc ?? null);
    return doc;
  }

  private write(collection: string, id: string, slot: Pending): void {
    this.physicalName(collection);
    if (typeof id !== 'string' || id.length === 0) throw new Error(`${collection}: document id must be a non-empty string`);
    let m = this.pending.get(collection);
    if (!m) this.pending.set(collection, (m = new Map()));
    m.set(id, slot);
  }

  private physicalName(collection: string): string {
    const name = this.physical.get(collection);
    if (name === undefined) throw new Error(`collection ${collection} is not declared by this projection`);
    return name;
  }
}
