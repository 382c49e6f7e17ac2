/**
 * The read-model store port: collections of JSON documents with string ids, equality/range
 * queries on declared fields, and atomic batched commits that carry projection checkpoints.
 *
 * Every adapter (SQLite, MongoDB) passes the one contract suite in `document-store.contract.ts`.
 *
 * Why checkpoints live here and not in the event store: a projection's documents and its
 * checkpoint must change in one transaction, or a crash between the two would apply an event
 * twice or skip one. Only the read-model store can give that transaction.
 */

/** A stored document: a plain JSON object. `undefined` members are dropped, as JSON does. */
export type Doc = { [field: string]: unknown };

/** A value an indexed field may hold. Indexed fields should hold scalars, not arrays or objects. */
export type Scalar = string | number | boolean | null;

/**
 * One field's condition. A bare scalar means equality; `null` matches null or missing.
 * Range bounds only match values of the bound's own type (numbers with numbers, strings with
 * strings), as MongoDB does, so both adapters answer alike.
 */
export type Condition =
  | Scalar
  | {
      eq?: Scalar;
      in?: readonly Scalar[];
      gt?: string | number;
      gte?: string | number;
      lt?: string | number;
      lte?: string | number;
    };

/**
 * Field path (dotted for nested fields, e.g. `"student.id"`) → condition; all must hold.
 * Any field may be used; declared indexes make it fast.
 */
export type Filter = Readonly<Record<string, Condition>>;

export interface SortKey {
  field: string;
  direction?: 'asc' | 'desc';
}

export interface FindOptions {
  /** Applied in order; ties are broken by id ascending, so results are deterministic. */
  sort?: readonly SortKey[];
  limit?: number;
  skip?: number;
}

export interface CollectionSpec {
  name: string;
  /** Field paths to index (equality, range and sort on them is fast). */
  indexes: readonly string[];
  /**
   * A hint for collections read in bulk far more often than each document changes (a school's
   * list reads hundreds of documents per request): `find` may keep documents parsed between
   * reads and hand out the same frozen objects, so callers must not change what `find` returns
   * from such a collection (`get` and `getMany` still return fresh copies). Answers stay exactly
   * those of the store.
   */
  readCache?: boolean;
}

export type Write = { op: 'upsert'; collection: string; id: string; doc: Doc } | { op: 'delete'; collection: string; id: string };

export interface Checkpoint {
  /** Checkpoint key; the projector uses one per projection generation. */
  projection: string;
  /** The last global event position whose effects are in the committed writes. */
  position: number;
}

/** Applied all-or-nothing, writes in order (a later write to the same id wins). */
export interface Commit {
  writes: readonly Write[];
  checkpoints?: readonly Checkpoint[];
}

export interface DocumentStore {
  /** Creates the collection if needed and the declared indexes that are missing. Idempotent. */
  ensureCollection(spec: CollectionSpec): Promise<void>;
  /** Names of the collections that exist (declared or written to, and not deleted). */
  listCollections(): Promise<string[]>;
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | undefined>;
  /** The documents found among `ids` (missing ids are absent from the map). */
  getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>>;
  /** An unknown collection reads as empty. */
  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  upsert(collection: string, id: string, doc: Doc): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  /** Drops the collection with its documents and indexes; unknown collections are fine. */
  deleteCollection(collection: string): Promise<void>;
  /** Writes and checkpoints in one transaction: either all of it is stored or none. */
  commit(commit: Commit): Promise<void>;
  /** The stored checkpoint, or 0 ("before everything") when there is none. */
  getCheckpoint(projection: string): Promise<number>;
  /** Several checkpoints in one read (a follower looks at all of them many times a second); 0 for those not stored. */
  getCheckpoints(projections: readonly string[]): Promise<Map<string, number>>;
  deleteCheckpoint(projection: string): Promise<void>;
  /** A store with a page cache in this process (SQLite) reports its limit in bytes, for /metrics. */
  pageCacheBytes?(): number;
  close(): Promise<void>;
}

/** Dependency-injection token for the configured read-model store. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

/** Names the MongoDB adapter keeps for itself; rejected by every adapter so both agree. */
export const RESERVED_COLLECTIONS: ReadonlySet<string> = new Set(['checkpoints']);

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
const FIELD_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/**
 * Collection names are kept to a portable alphabet: MongoDB forbids `$` and `system.`, and the
 * SQLite adapter turns names into table names.
 */
export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name) || name.startsWith('system.') || RESERVED_COLLECTIONS.has(name)) {
    throw new InvalidDocumentStoreInput(`invalid collection name ${JSON.stringify(name)}`);
  }
}

/** Field paths are dotted identifiers: no `$` (MongoDB operators) and safe to inline in SQL JSON paths. */
export function assertFieldPath(path: string): void {
  if (!FIELD_PATH.test(path)) throw new InvalidDocumentStoreInput(`invalid field path ${JSON.stringify(path)}`);
}

export function assertId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidDocumentStoreInput(`invalid document id ${JSON.stringify(id)}`);
}

export function assertDoc(doc: unknown): asserts doc is Doc {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InvalidDocumentStoreInput('a document must be a plain JSON object');
  }
  if (Object.prototype.hasOwnProperty.call(doc, '_id')) {
    throw new InvalidDocumentStoreInput('the field _id is reserved (MongoDB keeps the document id there)');
  }
}

/** Checks a whole commit before anything is written, so bad input never half-applies anywhere. */
export function assertCommit(commit: Commit): void {
  for (const w of commit.writes) {
    assertCollectionName(w.collection);
    assertId(w.id);
    if (w.op === 'upsert') assertDoc(w.doc);
    else if (w.op !== 'delete') throw new InvalidDocumentStoreInput(`unknown write op ${JSON.stringify((w as { op: unknown }).op)}`);
  }
  for (const c of commit.checkpoints ?? []) {
    if (typeof c.projection !== 'string' || c.projection.length === 0) throw new InvalidDocumentStoreInput('checkpoint without projection');
    if (!Number.isSafeInteger(c.position) || c.position < 0) {
      throw new InvalidDocumentStoreInput(`invalid checkpoint position ${String(c.position)}`);
    }
  }
}

export function assertFilter(filter: Filter | undefined, options?: FindOptions): void {
  for (const field of Object.keys(filter ?? {})) assertFieldPath(field);
  for (const s of options?.sort ?? []) assertFieldPath(s.field);
  if (options?.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 0)) {
    throw new InvalidDocumentStoreInput('limit must be a non-negative integer');
  }
  if (options?.skip !== undefined && (!Number.isInteger(options.skip) || options.skip < 0)) {
    throw new InvalidDocumentStoreInput('skip must be a non-negative integer');
  }
}

/** A condition object (not a bare scalar)? */
export function isConditionObject(c: Condition): c is Exclude<Condition, Scalar> {
  return c !== null && typeof c === 'object';
}

export class InvalidDocumentStoreInput extends Error {
  override readonly name = 'InvalidDocumentStoreInput';
}
