import type { EventImporter, EventStore } from './event-store.port.js';

export interface CopyProgress {
  /** Events stored in the target by this run. */
  copied: number;
  /** Events the target already had (same id and hash): a re-run after an interruption. */
  skipped: number;
  /** Source position of the last event handled. */
  position: number;
  /** Source head when the copy started (for a progress bar; appends made meanwhile are copied too). */
  headPosition: number;
}

/**
 * Copies every event of `from` into `to` in global order, keeping ids, revisions, metadata
 * (recordedAt included) and hashes, so audit chains verify unchanged in the target. Positions are the
 * target's own. Safe to re-run: events already copied are skipped.
 */
export async function copyAllEvents(
  from: EventStore,
  to: EventImporter,
  onProgress?: (progress: CopyProgress) => void,
  options: { batchSize?: number } = {},
): Promise<CopyProgress> {
  const batchSize = options.batchSize ?? 500;
  const progress: CopyProgress = { copied: 0, skipped: 0, position: 0, headPosition: await from.headPosition() };
  for (;;) {
    const page = await from.readAll({ fromPosition: progress.position + 1, maxCount: batchSize });
    if (page.length === 0) return progress;
    const { imported, skipped } = await to.importEvents(page);
    progress.copied += imported;
    progress.skipped += skipped;
    progress.position = page[page.length - 1]!.position;
    onProgress?.({ ...progress });
  }
}
