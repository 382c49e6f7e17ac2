/**
 * What each in-process cache may hold, in bytes (api.md "Configuration": CACHE_*_MIB). Each is a
 * least-recently-used cache whose size, hits, misses and evictions `/metrics` shows
 * (`cache_*{cache="…"}`), so an operator can see whether a limit is too tight for their
 * municipality before raising it.
 */
import { DATA_KEYS_CACHE_BYTES } from '#event-store/crypto/data-keys.js';
import { READ_CACHE_BYTES } from '#read-models/read-cache.js';
import { BULK_PAGE_CACHE_BYTES } from '#read-models/sqlite/sqlite-document-store.js';
import { WRITE_CACHE_BYTES } from '../write/stream-writer.js';

export interface CacheLimits {
  /** Parsed list documents of the read models (cache `read-models`; CACHE_READ_MODELS_MIB). */
  readModelsBytes: number;
  /** Students' and cases' folded states on the write side (cache `write-states`; CACHE_WRITE_MIB). */
  writeStatesBytes: number;
  /** Students' unwrapped data keys (cache `data-keys`; CACHE_DATA_KEYS_MIB). */
  dataKeysBytes: number;
  /** Verified bearer tokens (cache `tokens`; CACHE_TOKENS_MIB). */
  tokensBytes: number;
  /**
   * SQLite's page cache of the embedded read-model store's connection (CACHE_SQLITE_PAGES_MIB), off
   * the heap. Small by default: the parsed documents are cached in front of it, and the pages it
   * would keep are in the operating system's file cache anyway.
   */
  sqlitePagesBytes: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_CACHE_LIMITS: CacheLimits = {
  readModelsBytes: READ_CACHE_BYTES,
  writeStatesBytes: WRITE_CACHE_BYTES,
  dataKeysBytes: DATA_KEYS_CACHE_BYTES,
  tokensBytes: 4 * MIB,
  // 8, not the 64 a bulk catch-up uses: the HTTP benchmark's peak RSS fell by about 70 MiB with
  // no loss in throughput (BENCHMARKS.md, fourteenth round).
  sqlitePagesBytes: 8 * MIB,
};

/** For work that projects in bulk (the catch-up worker, the CLI's rebuilds): the page cache a rebuild wants. */
export function forBulkProjection(limits: CacheLimits = DEFAULT_CACHE_LIMITS): CacheLimits {
  return { ...limits, sqlitePagesBytes: Math.max(limits.sqlitePagesBytes, BULK_PAGE_CACHE_BYTES) };
}

/** The environment variable of each limit, in MiB. */
export const CACHE_LIMIT_VARIABLES: Record<keyof CacheLimits, string> = {
  readModelsBytes: 'CACHE_READ_MODELS_MIB',
  writeStatesBytes: 'CACHE_WRITE_MIB',
  dataKeysBytes: 'CACHE_DATA_KEYS_MIB',
  tokensBytes: 'CACHE_TOKENS_MIB',
  sqlitePagesBytes: 'CACHE_SQLITE_PAGES_MIB',
};

/** The limits set in `env` (whole or fractional MiB, at least 1 KiB), the defaults for the rest; a malformed one is named. */
export function cacheLimitsFrom(env: NodeJS.ProcessEnv): CacheLimits {
  const limits = { ...DEFAULT_CACHE_LIMITS };
  for (const [field, variable] of Object.entries(CACHE_LIMIT_VARIABLES) as [keyof CacheLimits, string][]) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const mib = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(mib) || mib * MIB < 1024 || mib > 64 * 1024)
      throw new RangeError(`${variable} must be a number of MiB from 0.001 to 65536 (got "${raw}")`);
    limits[field] = Math.round(mib * MIB);
  }
  return limits;
}
