/**
 * What the document stores share about their read caches (CollectionSpec.readCache): one cache
 * per store, bounded by bytes, keyed by collection and id.
 */

/** The default limit (CACHE_READ_MODELS_MIB): a municipality's lean list documents. */
export const READ_CACHE_BYTES = 64 * 1024 * 1024;

/** A read-cached document's key; collection names hold no NUL. */
export function readCacheKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

/** Picks the keys of `collection`'s documents (a generation dropped). */
export function inCollection(collection: string): (key: string) => boolean {
  const prefix = readCacheKey(collection, '');
  return (key) => key.startsWith(prefix);
}
