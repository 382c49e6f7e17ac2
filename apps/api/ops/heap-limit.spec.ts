import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { DEFAULT_CACHE_LIMITS } from '#application/stores/cache-limits.js';
import { reportHeapLimit } from './heap-limit.js';

const MIB = 1024 * 1024;

describe('reportHeapLimit', () => {
  it("counts the heap's caches against the heap, and SQLite's page cache apart", () => {
    const logged: unknown[] = [];
    const logger = { log: (fields: unknown) => logged.push(fields), warn: () => undefined } as unknown as Logger;
    reportHeapLimit(
      { readModelsBytes: 10 * MIB, writeStatesBytes: 20 * MIB, dataKeysBytes: 3 * MIB, tokensBytes: MIB, sqlitePagesBytes: 64 * MIB },
      logger,
    );
    expect(logged).toEqual([expect.objectContaining({ cachesMiB: 34, sqlitePagesMiB: 64 })]);
  });

  it('logs the defaults with the page cache at its serving size', () => {
    const logged: { cachesMiB?: number; sqlitePagesMiB?: number }[] = [];
    const logger = { log: (fields: { cachesMiB?: number }) => logged.push(fields), warn: () => undefined } as unknown as Logger;
    reportHeapLimit(DEFAULT_CACHE_LIMITS, logger);
    expect(logged[0]?.sqlitePagesMiB).toBe(8);
    expect(logged[0]?.cachesMiB).toBe(64 + 32 + 10 + 4);
  });
});
