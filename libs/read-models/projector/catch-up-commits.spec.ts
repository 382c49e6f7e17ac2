import { describe, expect, it } from '@jest/globals';
import type { Commit } from '../document-store.port.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection, type TypeCount } from '#testing/read-models/event-counts.projection.js';
import { appendSpread } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { useProjectorFixture } from '#testing/read-models/projector-fixture.js';

/** Catching up, consecutive full batches share one commit (ProjectionRunner, `catchUpCommitMs`). */
describe('Projector: commits shared while catching up', () => {
  /** The checkpoints of event-counts#1 each commit carried, in order. */
  let committed: number[] = [];
  const fixture = useProjectorFixture({ projections: [eventCountsProjection()], batchSize: 50 }, ({ docs }) => {
    committed = [];
    const commit = docs.commit.bind(docs);
    docs.commit = async (c: Commit) => {
      await commit(c);
      for (const checkpoint of c.checkpoints ?? []) if (checkpoint.projection === 'event-counts#1') committed.push(checkpoint.position);
    };
  });
  const { projector } = fixture;

  it('commits a catch-up of six full batches and a short one once, with the same documents as a rebuild', async () => {
    const head = await appendSpread(fixture.events, 320);
    const p = projector({ catchUpCommitMs: 60_000 });
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(committed).toEqual([320]);
    expect(await dumpReadModel(eventCountsProjection(), p.reader('event-counts'))).toEqual(
      await freshRebuild(eventCountsProjection(), fixture.events),
    );
  });

  it('commits every batch with catchUpCommitMs 0', async () => {
    await appendSpread(fixture.events, 320);
    const p = projector({ catchUpCommitMs: 0 });
    await p.start();
    expect(await p.waitForPosition(320, 5000)).toBe(true);
    expect(committed).toEqual([50, 100, 150, 200, 250, 300, 320]);
  });

  it('commits once maxPendingDocuments documents are waiting', async () => {
    // One stream per event: each batch writes 50 new stream counters and the 3 type counters, so
    // after two batches 103 documents wait, and every second batch commits.
    await appendSpread(fixture.events, 320, 320, 3, 1);
    const p = projector({ catchUpCommitMs: 60_000, maxPendingDocuments: 100 });
    await p.start();
    expect(await p.waitForPosition(320, 5000)).toBe(true);
    expect(committed).toEqual([100, 200, 300, 320]);
  });

  it('commits batches that end on the head when catchUpCommitMs is up, with no batch after them', async () => {
    const head = await appendSpread(fixture.events, 300);
    const p = projector({ catchUpCommitMs: 30 });
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(committed.at(-1)).toBe(300);
    const types = await p.reader('event-counts').find<TypeCount>('type-counts');
    expect(types.reduce((sum, t) => sum + t.count, 0)).toBe(300);
  });

  it('commits what it applied when stopped', async () => {
    await appendSpread(fixture.events, 300);
    let applied = 0;
    const p = projector({ catchUpCommitMs: 60_000, projections: [eventCountsProjection({ beforeApply: () => void (applied += 1) })] });
    await p.start();
    while (applied < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(committed).toEqual([]);
    await p.stop();
    expect(committed).toEqual([300]);
    expect(await fixture.docs.getCheckpoint('event-counts#1')).toBe(300);
  });

  it('loses nothing and applies nothing twice when a batch fails after others wait uncommitted', async () => {
    await appendSpread(fixture.events, 320);
    let failuresLeft = 1;
    const p = projector({
      catchUpCommitMs: 60_000,
      retryDelayMs: 10,
      projections: [
        eventCountsProjection({
          beforeApply: (event) => {
            if (event.position === 175 && failuresLeft > 0) {
              failuresLeft -= 1;
              throw new Error('poison event');
            }
          },
        }),
      ],
    });
    await p.start();
    expect(await p.waitForPosition(320, 5000)).toBe(true);
    expect(fixture.errors.map((e) => (e as Error).message)).toEqual(['poison event']);
    // Nothing of the three batches before the failure was committed; the retry read them again.
    expect(committed).toEqual([320]);
    expect(await dumpReadModel(eventCountsProjection(), p.reader('event-counts'))).toEqual(
      await freshRebuild(eventCountsProjection(), fixture.events),
    );
  });
});
