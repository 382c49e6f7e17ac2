/**
 * V8 sizes its heap by the machine's memory, not by what the service needs: uncapped on a machine
 * with much memory, the heap grows with garbage between collections to several times the live
 * data (BENCHMARKS.md, eleventh round: 779 MiB peak against 137 MiB live at the small size). The
 * image sets the flags of `#application/stores/node-flags.ts` (Dockerfile, README "Memory"); a
 * start without a cap says so.
 */
import { Logger } from '@nestjs/common';
import { getHeapStatistics } from 'node:v8';
import type { CacheLimits } from '#application/stores/cache-limits.js';
import { RECOMMENDED_NODE_FLAGS } from '#application/stores/node-flags.js';

/** Above this the limit was not chosen for the service (V8's own default on a large machine). */
const UNCAPPED_ABOVE_MIB = 2048;

export function reportHeapLimit(caches: CacheLimits, logger = new Logger('Memory')): void {
  const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  // The heap's caches against the heap's limit; SQLite's page cache lives outside the heap.
  const { sqlitePagesBytes, ...onHeap } = caches;
  const cachesMiB = Math.round(Object.values(onHeap).reduce((a, b) => a + b, 0) / 1024 / 1024);
  logger.log({ heapLimitMiB, cachesMiB, sqlitePagesMiB: Math.round(sqlitePagesBytes / 1024 / 1024) }, 'memory');
  if (heapLimitMiB > UNCAPPED_ABOVE_MIB)
    logger.warn(
      `The V8 heap limit is ${heapLimitMiB} MiB, set by this machine's memory rather than for the service: the process will grow ` +
        `far beyond what it needs before collecting. Set NODE_OPTIONS="${RECOMMENDED_NODE_FLAGS.join(' ')}" (README, "Memory").`,
    );
}
