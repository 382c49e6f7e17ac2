import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BULK_PAGE_CACHE_BYTES, SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { DEFAULT_CACHE_LIMITS, forBulkProjection } from './cache-limits.js';
import { openDocumentStore } from './open-stores.js';

const MIB = 1024 * 1024;

describe('cache limits', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cache-limits-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the serving read-model connection the configured page cache, and bulk work the rebuild's", async () => {
    const serving = (await openDocumentStore({ dataDir: dir, eventstoreUrl: null, mongodbUrl: null })) as SqliteDocumentStore;
    expect(serving.pageCacheBytes()).toBe(DEFAULT_CACHE_LIMITS.sqlitePagesBytes);
    await serving.close();
    const bulk = (await openDocumentStore({
      dataDir: dir,
      eventstoreUrl: null,
      mongodbUrl: null,
      cacheLimits: forBulkProjection(),
    })) as SqliteDocumentStore;
    expect(bulk.pageCacheBytes()).toBe(BULK_PAGE_CACHE_BYTES);
    await bulk.close();
  });

  it('raises only the page cache for bulk work, and keeps an operator limit above it', () => {
    expect(forBulkProjection()).toEqual({ ...DEFAULT_CACHE_LIMITS, sqlitePagesBytes: BULK_PAGE_CACHE_BYTES });
    const generous = { ...DEFAULT_CACHE_LIMITS, sqlitePagesBytes: 256 * MIB };
    expect(forBulkProjection(generous)).toEqual(generous);
  });
});
