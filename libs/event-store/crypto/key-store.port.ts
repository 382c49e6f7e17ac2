/**
 * Where the students' data keys live: apart from the events (api.md, Privacy), one table or
 * collection per store kind (SQLite `keys.sqlite` in DATA_DIR, PostgreSQL `data_keys`, MongoDB
 * `dataKeys`), each passing `key-store.contract.ts`. A key is kept wrapped by the key-encryption
 * key; destroying it keeps the row (when, and that it was) and drops the wrapped key for good.
 */
export interface StoredDataKey {
  readonly subject: string;
  /** The data key wrapped by the key-encryption key; null once destroyed. */
  readonly wrapped: string | null;
  /** Fingerprint of the key-encryption key that wrapped it. */
  readonly kek: string;
  readonly createdAt: string;
  readonly destroyedAt: string | null;
}

export interface KeyStore {
  /** The keys of those subjects that have one (destroyed ones included). */
  get(subjects: readonly string[]): Promise<Map<string, StoredDataKey>>;
  /** Stores the key unless the subject has one; answers with the one stored (another writer's, when it won). */
  create(key: { subject: string; wrapped: string; kek: string; createdAt: string }): Promise<StoredDataKey>;
  /** Drops the wrapped key for good; true when there was a live key. */
  destroy(subject: string, at: string): Promise<boolean>;
  /** Live keys first wrapped by another key-encryption key than `kek` (rotation), at most `limit`. */
  wrappedByOther(kek: string, limit: number): Promise<StoredDataKey[]>;
  /** Replaces a live key's wrapping (rotation of the key-encryption key). */
  rewrap(subject: string, wrapped: string, kek: string): Promise<void>;
  /** Every key, destroyed ones included, in subject order after `after` (copying between stores). */
  list(after: string | null, limit: number): Promise<StoredDataKey[]>;
  /** Stores keys copied from another store as they are (`cli copy`); existing subjects are left. */
  importKeys(keys: readonly StoredDataKey[]): Promise<void>;
  close(): Promise<void>;
}

/** A key store's row as the SQL adapters keep it (SQLite `keys.sqlite`, PostgreSQL `data_keys`). */
export interface DataKeyRow {
  subject: string;
  wrapped: string | null;
  kek: string;
  created_at: string;
  destroyed_at: string | null;
}

export const dataKeyOfRow = (row: DataKeyRow): StoredDataKey => ({
  subject: row.subject,
  wrapped: row.wrapped,
  kek: row.kek,
  createdAt: row.created_at,
  destroyedAt: row.destroyed_at,
});
