/**
 * The students' data keys as the event store needs them: created on a student's first personal
 * field, unwrapped once and kept (a bounded cache), gone for good once destroyed. The cache holds a
 * destroyed key's absence too, and `forget` empties it on erasure; another instance's cache learns
 * of an erasure within `refreshMs`.
 */
import { randomBytes } from 'node:crypto';
import { fieldKey, type FieldKey } from './field-cipher.js';
import { KeyEncryptionKeyError, unwrapDataKey, wrapDataKey, type KeyEncryptionKey } from './key-encryption-key.js';
import type { KeyStore, StoredDataKey } from './key-store.port.js';
import { BoundedCache } from '../cache/bounded-cache.js';

/** A student whose key is destroyed: nothing personal can be written about them any more. */
export class SubjectErased extends Error {
  override readonly name = 'SubjectErased';
  constructor(readonly subject: string) {
    super(`the personal data of student ${subject} is erased; nothing personal can be recorded about them`);
  }
}

export interface DataKeysOptions {
  store: KeyStore;
  kek: KeyEncryptionKey;
  /** The key before a rotation (`KEY_ENCRYPTION_KEY_PREVIOUS`): keys still wrapped by it are read. */
  previousKek?: KeyEncryptionKey | null;
  /** What the unwrapped keys may take (CACHE_DATA_KEYS_MIB); default DATA_KEYS_CACHE_BYTES. */
  cacheBytes?: number;
  refreshMs?: number;
}

type Cached = { key: FieldKey | null; at: number };

/** One cached key: the derived keys' two buffers, the key id, the entry. */
const KEY_ENTRY_BYTES = 512;
/** 20,000 students' keys: a municipality's whole roll. */
export const DATA_KEYS_CACHE_BYTES = 10 * 1024 * 1024;

/** The key-store row that proves which KEK a store was set up with (`$` is never in a student id). */
export const KEK_CHECK_SUBJECT = '$kek-check';

export class DataKeys {
  private readonly cache: BoundedCache<string, Cached>;
  private readonly refreshMs: number;
  /** Counts `forget`s: whoever keeps opened data checks it to drop what a forgotten key opened. */
  forgotten = 0;

  constructor(private readonly options: DataKeysOptions) {
    this.cache = new BoundedCache('data-keys', options.cacheBytes ?? DATA_KEYS_CACHE_BYTES, () => KEY_ENTRY_BYTES);
    this.refreshMs = options.refreshMs ?? 30_000;
  }

  get store(): KeyStore {
    return this.options.store;
  }

  get kek(): KeyEncryptionKey {
    return this.options.kek;
  }

  /**
   * Refuses to run with a KEK the stored keys were not wrapped with: checked on one live key of
   * each fingerprint found, so a wrong key stops the start instead of failing on the first read.
   */
  async check(): Promise<void> {
    const { kek, previousKek } = this.options;
    const others = await this.store.wrappedByOther(kek.fingerprint, 1);
    const [other] = others;
    if (other && other.kek !== previousKek?.fingerprint)
      throw new KeyEncryptionKeyError(
        `the stored keys were wrapped by a key-encryption key with fingerprint ${other.kek}, not by this one (${kek.fingerprint}, ` +
          `from ${kek.source}); start with the key they were wrapped by, or set it as KEY_ENCRYPTION_KEY_PREVIOUS and run \`cli rotate-key\``,
      );
    // A key of no student, made by the first process to open the store: every later one, on any
    // machine, must open it, so instances of a shared store cannot each make keys under their own KEK.
    const sentinel = await this.store.create({
      subject: KEK_CHECK_SUBJECT,
      wrapped: wrapDataKey(kek.key, KEK_CHECK_SUBJECT, randomBytes(32)),
      kek: kek.fingerprint,
      createdAt: new Date().toISOString(),
    });
    if (sentinel.kek !== kek.fingerprint && sentinel.kek !== previousKek?.fingerprint)
      throw new KeyEncryptionKeyError(
        `the key store was set up with key-encryption key ${sentinel.kek}, not this one (${kek.fingerprint}, from ${kek.source}): ` +
          'every instance must use the same KEY_ENCRYPTION_KEY',
      );
    this.unwrap(sentinel);
  }

  /** Keys to seal with; creates missing ones; throws SubjectErased for a destroyed one. */
  async forWriting(subjects: readonly string[]): Promise<Map<string, FieldKey>> {
    const found = await this.forReading(subjects, true);
    const out = new Map<string, FieldKey>();
    for (const subject of subjects) {
      let key = found.get(subject);
      if (key === undefined) key = await this.create(subject);
      if (key === null) throw new SubjectErased(subject);
      out.set(subject, key);
    }
    return out;
  }

  /** Keys to open with: null for a destroyed key; `undefined` (absent) for a subject without any. */
  async forReading(subjects: Iterable<string>, fresh = false): Promise<Map<string, FieldKey | null>> {
    const out = new Map<string, FieldKey | null>();
    const missing: string[] = [];
    const now = Date.now();
    for (const subject of subjects) {
      if (out.has(subject)) continue;
      // A write re-checks a cached key that is older than refreshMs: another instance may have destroyed it.
      const hit = this.cache.getIf(subject, (c) => !fresh || now - c.at < this.refreshMs || c.key === null);
      if (hit) out.set(subject, hit.key);
      else if (!missing.includes(subject)) missing.push(subject);
    }
    if (missing.length > 0) {
      const stored = await this.store.get(missing);
      for (const subject of missing) {
        const row = stored.get(subject);
        if (!row) continue;
        const key = row.wrapped === null ? null : this.unwrap(row);
        this.remember(subject, key);
        out.set(subject, key);
      }
    }
    return out;
  }

  /** After an erasure: the key is gone from this process too. */
  forget(subject: string): void {
    this.remember(subject, null);
    this.forgotten++;
  }

  /** Destroys the subject's key in the store and here; true when there was a live key. */
  async destroy(subject: string, at: string): Promise<boolean> {
    const destroyed = await this.store.destroy(subject, at);
    this.forget(subject);
    return destroyed;
  }

  /** Rewraps every key wrapped by the previous KEK under the current one; answers how many. */
  async rotate(onProgress?: (done: number) => void): Promise<number> {
    const { kek, previousKek } = this.options;
    let done = 0;
    for (;;) {
      const batch = await this.store.wrappedByOther(kek.fingerprint, 500);
      if (batch.length === 0) return done;
      for (const row of batch) {
        if (row.kek !== previousKek?.fingerprint)
          throw new KeyEncryptionKeyError(
            `key of ${row.subject} is wrapped by ${row.kek}, neither the current nor KEY_ENCRYPTION_KEY_PREVIOUS`,
          );
        const dataKey = unwrapDataKey(previousKek.key, row.subject, row.wrapped!);
        await this.store.rewrap(row.subject, wrapDataKey(kek.key, row.subject, dataKey), kek.fingerprint);
        done++;
      }
      onProgress?.(done);
    }
  }

  /**
   * Copies every key to another store, rewrapped under that side's key-encryption key (`cli copy`);
   * destroyed keys are copied as destroyed, so an erasure survives the move. Answers how many.
   */
  async copyTo(target: DataKeys): Promise<number> {
    let after: string | null = null;
    let copied = 0;
    for (;;) {
      const batch = await this.store.list(after, 500);
      if (batch.length === 0) return copied;
      const rewrapped = batch.map((row) => {
        if (row.wrapped === null) return { ...row, kek: target.kek.fingerprint };
        const dataKey = unwrapDataKey(this.wrappingOf(row).key, row.subject, row.wrapped);
        return { ...row, wrapped: wrapDataKey(target.kek.key, row.subject, dataKey), kek: target.kek.fingerprint };
      });
      await target.store.importKeys(rewrapped);
      copied += batch.length;
      after = batch.at(-1)!.subject;
    }
  }

  private wrappingOf(row: StoredDataKey): KeyEncryptionKey {
    const { kek, previousKek } = this.options;
    const wrapping = row.kek === kek.fingerprint ? kek : row.kek === previousKek?.fingerprint ? previousKek : null;
    if (!wrapping)
      throw new KeyEncryptionKeyError(
        `the key of student ${row.subject} was wrapped by key-encryption key ${row.kek}, which is not configured`,
      );
    return wrapping;
  }

  private async create(subject: string): Promise<FieldKey | null> {
    const dataKey = randomBytes(32);
    const wrapped = wrapDataKey(this.kek.key, subject, dataKey);
    const row = await this.store.create({ subject, wrapped, kek: this.kek.fingerprint, createdAt: new Date().toISOString() });
    const key = row.wrapped === null ? null : this.unwrap(row);
    this.remember(subject, key);
    return key;
  }

  private unwrap(row: StoredDataKey): FieldKey {
    const wrapping = this.wrappingOf(row);
    try {
      return fieldKey(row.subject, unwrapDataKey(wrapping.key, row.subject, row.wrapped!));
    } catch {
      throw new KeyEncryptionKeyError(`the key of student ${row.subject} does not open with key-encryption key ${wrapping.fingerprint}`);
    }
  }

  private remember(subject: string, key: FieldKey | null): void {
    this.cache.set(subject, { key, at: Date.now() });
  }
}
