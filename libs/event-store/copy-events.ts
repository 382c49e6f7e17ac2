import type { EventImporter, EventStore, StoredEvent } from './event-store.port.js';

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

export interface CopyVerification {
  /** Source events compared with the target's, in global order. */
  events: number;
  /** Events in the target that are not in the source (it held events before the copy). */
  targetOnly: number;
}

export class CopyMismatch extends Error {
  override readonly name = 'CopyMismatch';
}

/**
 * After a copy: every source event is in the target with the same id, stream, revision, type,
 * hash and previous hash, in the same relative order. Reads both logs page by page side by side;
 * events only in the target (written there before the copy) are skipped and counted.
 */
export async function verifyCopy(from: EventStore, to: EventStore, options: { batchSize?: number } = {}): Promise<CopyVerification> {
  const batchSize = options.batchSize ?? 1000;
  let sourceAt = 0;
  let targetAt = 0;
  let targetPage: StoredEvent[] = [];
  let events = 0;
  let targetOnly = 0;
  const nextTarget = async () => {
    if (targetPage.length === 0) {
      targetPage = await to.readAll({ fromPosition: targetAt + 1, maxCount: batchSize });
      if (targetPage.length > 0) targetAt = targetPage[targetPage.length - 1]!.position;
    }
    return targetPage.shift();
  };
  for (;;) {
    const page = await from.readAll({ fromPosition: sourceAt + 1, maxCount: batchSize });
    if (page.length === 0) return { events, targetOnly };
    sourceAt = page[page.length - 1]!.position;
    for (const e of page) {
      let t = await nextTarget();
      while (t && t.id !== e.id) {
        targetOnly += 1;
        t = await nextTarget();
      }
      if (!t) throw new CopyMismatch(`event ${e.id} (${e.stream} revision ${e.revision}) is not in the target after the events before it`);
      const differs = (['stream', 'revision', 'type', 'hash', 'previousHash'] as const).filter((k) => t[k] !== e[k]);
      if (differs.length > 0) throw new CopyMismatch(`event ${e.id} differs in the target: ${differs.join(', ')}`);
      events += 1;
    }
  }
}
