import { beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection, type StreamCount, type TypeCount } from '#testing/read-models/event-counts.projection.js';
import { appendSpread, testEvent } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { useProjectorFixture } from '#testing/read-models/projector-fixture.js';
import { GENERATIONS_COLLECTION, type GenerationRecord } from './generations.js';
import { Projector, type ProjectorOptions, type RebuildProgress, type RebuildResult } from './projector.js';

describe('Projector', () => {
  const fixture = useProjectorFixture({ projections: [eventCountsProjection()], batchSize: 50 });
  const projector = (overrides: Partial<ProjectorOptions> = {}): Projector => fixture.projector(overrides);
  let events: SqliteEventStore;
  let docs: SqliteDocumentStore;
  let errors: unknown[];
  beforeEach(() => {
    ({ events, docs, errors } = fixture);
  });

  it('catches up with history, then follows live appends', async () => {
    const head = await appendSpread(events, 250);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    const reader = p.reader('event-counts');
    expect(await reader.count('stream-counts')).toBe(7);
    expect((await reader.find<TypeCount>('type-counts')).map((t) => t.count)).toEqual([84, 83, 83]);

    const live = await events.appendToStream('student-new', [testEvent('Type0'), testEvent('Late')]);
    expect(await p.waitForPosition(live.position, 5000)).toBe(true);
    expect(await reader.get<StreamCount>('stream-counts', 'student-new')).toEqual({
      stream: 'student-new',
      count: 2,
      lastPosition: live.position,
      lastRevision: 1,
      types: { Type0: 1, Late: 1 },
    });
    expect(p.position('event-counts')).toBe(live.position);
    expect(await p.lag('event-counts')).toBe(0);
    expect(await dumpReadModel(eventCountsProjection(), reader)).toEqual(await freshRebuild(eventCountsProjection(), events));
  });

  it('commits each batch with its checkpoint: after every batch the documents account for exactly the checkpointed events', async () => {
    await appendSpread(events, 300);
    // Look at the store between batches: whatever is committed must account for exactly the checkpoint.
    // catchUpCommitMs 0: every batch commits (catch-up-commits.spec.ts covers batches sharing a commit).
    const p = projector({ catchUpCommitMs: 0 });
    const seen: Promise<void>[] = [];
    const checkpoints = new Set<number>();
    await p.start();
    const check = async (): Promise<void> => {
      const checkpoint = await docs.getCheckpoint('event-counts#1');
      const types = await docs.find<TypeCount>('type-counts_g1');
      checkpoints.add(checkpoint);
      expect(types.reduce((sum, t) => sum + t.count, 0)).toBe(checkpoint);
    };
    while (p.position('event-counts') < 300) {
      seen.push(check());
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(seen);
    await check();
    expect(await docs.getCheckpoint('event-counts#1')).toBe(300);
    // The loop did look between batches, and the checkpoint only ever took batch boundaries (batches of 50).
    expect(checkpoints.size).toBeGreaterThan(2);
    for (const c of checkpoints) expect(c % 50).toBe(0);
  });

  it('rolls back a failing batch (documents and checkpoint), keeps serving, and retries from the checkpoint', async () => {
    await appendSpread(events, 120);
    let failuresLeft = 2;
    const p = projector({
      retryDelayMs: 20,
      projections: [
        eventCountsProjection({
          beforeApply: (event) => {
            if (event.position === 75 && failuresLeft > 0) {
              failuresLeft -= 1;
              throw new Error('poison event');
            }
          },
        }),
      ],
    });
    await p.start();
    expect(await p.waitForPosition(120, 5000)).toBe(true);
    expect(errors.map((e) => (e as Error).message)).toEqual(['poison event', 'poison event']);
    const [status] = await p.status();
    expect(status).toMatchObject({ name: 'event-counts', position: 120, lag: 0, state: 'running' });
    expect(status!.lastError).toBeUndefined();
    expect(await dumpReadModel(eventCountsProjection(), p.reader('event-counts'))).toEqual(
      await freshRebuild(eventCountsProjection(), events),
    );
  });

  it('reports a failing projection in its status while the others keep going', async () => {
    await appendSpread(events, 60);
    const p = projector({
      retryDelayMs: 60_000,
      projections: [
        eventCountsProjection(),
        {
          ...eventCountsProjection({
            beforeApply: () => {
              throw new Error('bug in apply');
            },
          }),
          name: 'broken',
          collections: [{ name: 'broken-streams', indexes: [] }],
        },
      ],
    });
    await p.start();
    expect(await p.waitForPosition(60, 5000, ['event-counts'])).toBe(true);
    expect(await p.waitForPosition(60, 100)).toBe(false);
    const status = await p.status();
    expect(status.find((s) => s.name === 'broken')).toMatchObject({ position: 0, lag: 60, state: 'retrying', lastError: 'bug in apply' });
    expect(await p.lags()).toEqual({ 'event-counts': 0, broken: 60 });
  });

  it('resumes from its checkpoint after a restart, applying nothing twice', async () => {
    await appendSpread(events, 130);
    const first = projector();
    await first.start();
    expect(await first.waitForPosition(130, 5000)).toBe(true);
    await first.stop();
    const head = await appendSpread(events, 77);
    const second = projector();
    await second.start();
    expect(await second.waitForPosition(head, 5000)).toBe(true);
    expect(await dumpReadModel(eventCountsProjection(), second.reader('event-counts'))).toEqual(
      await freshRebuild(eventCountsProjection(), events),
    );
  });

  it('gives the same result with synchronous apply over prefetch as with async ctx.get', async () => {
    const head = await appendSpread(events, 400, 11, 5);
    const sync = eventCountsProjection({ name: 'sync-counts', sync: true });
    const syncCollections = { ...sync, collections: sync.collections.map((c) => ({ ...c, name: `sync-${c.name}` })) };
    // Same logic, other collection names (names are unique across projections).
    const renamed = {
      ...syncCollections,
      prefetch: (e: Parameters<NonNullable<typeof sync.prefetch>>[0]) =>
        sync.prefetch!(e).map((k) => ({ ...k, collection: `sync-${k.collection}` })),
      apply: (e: Parameters<typeof sync.apply>[0], ctx: Parameters<typeof sync.apply>[1]) =>
        sync.apply(e, {
          get: (c, id) => ctx.get(`sync-${c}`, id),
          getSync: (c, id) => ctx.getSync(`sync-${c}`, id),
          upsert: (c, id, doc) => ctx.upsert(`sync-${c}`, id, doc),
          upsertDerived: (c, id, build) => ctx.upsertDerived(`sync-${c}`, id, build),
          delete: (c, id) => ctx.delete(`sync-${c}`, id),
        }),
    };
    const p = projector({ projections: [eventCountsProjection(), renamed], batchSize: 64 });
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    const asyncDump = await dumpReadModel(eventCountsProjection(), p.reader('event-counts'));
    const syncReader = p.reader('sync-counts');
    expect(await syncReader.find('sync-stream-counts')).toEqual(asyncDump['stream-counts']);
    expect(await syncReader.find('sync-type-counts')).toEqual(asyncDump['type-counts']);
  });

  it('skips event types a projection does not handle, yet counts their positions as processed', async () => {
    await events.appendToStream('s', [testEvent('A'), testEvent('B'), testEvent('A'), testEvent('C')]);
    const p = projector({ projections: [eventCountsProjection({ handles: ['A', 'C'] })] });
    await p.start();
    expect(await p.waitForPosition(4, 5000)).toBe(true);
    expect((await p.reader('event-counts').find<TypeCount>('type-counts')).map((t) => [t.type, t.count])).toEqual([
      ['A', 2],
      ['C', 1],
    ]);
  });

  describe('waitForPosition', () => {
    it('resolves true at once for a processed position, and for 0', async () => {
      const p = projector();
      await p.start();
      expect(await p.waitForPosition(0, 0)).toBe(true);
    });

    it('resolves when the position is processed, well before the timeout (woken, not polled)', async () => {
      const p = projector();
      await p.start();
      const waiting = p.waitForPosition(3, 5000);
      const started = performance.now();
      await events.appendToStream('s', [testEvent('A'), testEvent('B'), testEvent('C')]);
      expect(await waiting).toBe(true);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('times out with false for a position not reached', async () => {
      const p = projector();
      await p.start();
      await events.appendToStream('s', [testEvent('A')]);
      const started = performance.now();
      expect(await p.waitForPosition(2, 150)).toBe(false);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('answers false to waiters when the projector stops, and rejects unknown projections', async () => {
      const p = projector();
      await p.start();
      const waiting = p.waitForPosition(10, 60_000);
      await p.stop();
      expect(await waiting).toBe(false);
      expect(() => p.waitForPosition(1, 10, ['nope'])).toThrow(/unknown projection/);
    });
  });

  it('exports projection_lag_events to the registry it is given', async () => {
    const registry = new Registry();
    await appendSpread(events, 40);
    const p = projector({ registry });
    await p.start();
    expect(await p.waitForPosition(40, 5000)).toBe(true);
    await p.stop();
    await appendSpread(events, 9);
    expect(await registry.getSingleMetricAsString('projection_lag_events')).toContain('projection_lag_events{projection="event-counts"} 9');
  });

  it('rejects projection sets it could not run safely', () => {
    const a = eventCountsProjection();
    expect(() => projector({ projections: [a, { ...a, name: 'other' }] })).toThrow(/declared by both/);
    expect(() => projector({ projections: [a, a] })).toThrow(/two projections/);
    expect(() => projector({ projections: [{ ...a, version: 0 }] })).toThrow(/version/);
  });

  describe('rebuild (blue/green)', () => {
    it('keeps serving the old generation while the new one builds, then switches and drops the old', async () => {
      await appendSpread(events, 1000);
      // catchUpCommitMs 0: a commit, and so a progress step, per batch of the rebuild.
      const p = projector({ batchSize: 100, catchUpCommitMs: 0 });
      await p.start();
      expect(await p.waitForPosition(1000, 5000)).toBe(true);
      const reader = p.reader('event-counts');
      const before = await dumpReadModel(eventCountsProjection(), reader);

      const progress: RebuildProgress[] = [];
      const duringRebuild: { collection: string; sameData: boolean; record: GenerationRecord | undefined }[] = [];
      let appendedDuring = 0;
      const result: RebuildResult = await p.rebuild('event-counts', (step) => {
        progress.push(step);
        if (progress.length === 3) {
          // Mid-rebuild: reads still go to generation 1, complete and unchanged.
          void (async () => {
            duringRebuild.push({
              collection: reader.collectionName('stream-counts'),
              sameData: JSON.stringify(await dumpReadModel(eventCountsProjection(), reader)) === JSON.stringify(before),
              record: await docs.get<GenerationRecord>(GENERATIONS_COLLECTION, 'event-counts'),
            });
          })();
        }
        if (progress.length === 5) {
          // Live appends during the rebuild reach both generations.
          appendedDuring = 3;
          void events.appendToStream('student-live', [testEvent('Type0'), testEvent('Type1'), testEvent('Type2')]);
        }
      });

      expect(duringRebuild).toEqual([
        {
          collection: 'stream-counts_g1',
          sameData: true,
          record: expect.objectContaining({ generation: 1, building: expect.objectContaining({ generation: 2 }) }),
        },
      ]);
      expect(result).toMatchObject({ projection: 'event-counts', generation: 2 });
      expect(result.position).toBeGreaterThanOrEqual(1000 + appendedDuring);
      expect(reader.collectionName('stream-counts')).toBe('stream-counts_g2');
      expect(await docs.get<GenerationRecord>(GENERATIONS_COLLECTION, 'event-counts')).toEqual({
        projection: 'event-counts',
        version: 1,
        generation: 2,
        collections: ['stream-counts_g2', 'type-counts_g2'],
      });
      const collections = await docs.listCollections();
      expect(collections).toEqual(expect.arrayContaining(['stream-counts_g2', 'type-counts_g2']));
      expect(collections).not.toContain('stream-counts_g1');
      expect(await docs.getCheckpoint('event-counts#1')).toBe(0);

      const last = progress.at(-1)!;
      expect(last.done).toBe(last.total);
      expect(last.etaSeconds).toBe(0);
      expect(progress.every((s) => s.done <= s.total)).toBe(true);
      expect(progress.filter((s) => s.done > 0).every((s) => s.eventsPerSecond > 0 && s.etaSeconds !== null)).toBe(true);
      expect(progress.map((s) => s.done)).toEqual([...progress.map((s) => s.done)].sort((a, b) => a - b));

      // The new generation is live: it follows appends after the switch.
      const head = await appendSpread(events, 20);
      expect(await p.waitForPosition(head, 5000)).toBe(true);
      expect(await dumpReadModel(eventCountsProjection(), reader)).toEqual(await freshRebuild(eventCountsProjection(), events));
    });

    it('refuses a second rebuild of the same projection while one runs', async () => {
      await appendSpread(events, 300);
      const p = projector({ batchSize: 10 });
      await p.start();
      const first = p.rebuild('event-counts');
      await expect(p.rebuild('event-counts')).rejects.toThrow(/already being rebuilt/);
      expect((await first).generation).toBe(2);
    });

    it('abandons a failing rebuild and keeps the old generation serving', async () => {
      await appendSpread(events, 200);
      let building = false;
      const p = projector({
        projections: [
          eventCountsProjection({
            beforeApply: (event) => {
              if (building && event.position === 120) throw new Error('new code is broken');
            },
          }),
        ],
      });
      await p.start();
      expect(await p.waitForPosition(200, 5000)).toBe(true);
      building = true;
      await expect(p.rebuild('event-counts')).rejects.toThrow('new code is broken');
      building = false;
      expect(p.reader('event-counts').collectionName('type-counts')).toBe('type-counts_g1');
      expect(await docs.get<GenerationRecord>(GENERATIONS_COLLECTION, 'event-counts')).toEqual(
        expect.not.objectContaining({ building: expect.anything() }),
      );
      expect(await docs.listCollections()).not.toContain('type-counts_g2');
      const head = await appendSpread(events, 5);
      expect(await p.waitForPosition(head, 5000)).toBe(true);
      expect(await dumpReadModel(eventCountsProjection(), p.reader('event-counts'))).toEqual(
        await freshRebuild(eventCountsProjection(), events),
      );
    });

    it('rebuilds a projection whose version changed at start, serving the old version until the switch', async () => {
      await appendSpread(events, 500);
      const v1 = projector();
      await v1.start();
      expect(await v1.waitForPosition(500, 5000)).toBe(true);
      await v1.stop();

      let switched!: (r: RebuildResult) => void;
      const switchedPromise = new Promise<RebuildResult>((resolve) => (switched = resolve));
      const v2 = projector({ projections: [eventCountsProjection({ version: 2, weight: 10 })], onSwitch: (r) => switched(r) });
      await v2.start();
      const reader = v2.reader('event-counts');
      // Until the switch, generation 1 (built by version 1) serves.
      expect(reader.collectionName('type-counts')).toBe('type-counts_g1');
      expect((await reader.find<TypeCount>('type-counts')).map((t) => t.weighted)).toEqual([167, 167, 166]);
      expect((await switchedPromise).generation).toBe(2);
      expect((await reader.find<TypeCount>('type-counts')).map((t) => t.weighted)).toEqual([1670, 1670, 1660]);
      expect((await v2.status())[0]).toMatchObject({ version: 2, servingVersion: 2, generation: 2, state: 'running' });
    });

    it('cleans up a rebuild interrupted by a stop at the next start', async () => {
      await appendSpread(events, 400);
      const p = projector({ batchSize: 10 });
      await p.start();
      const rebuilding = p.rebuild('event-counts', (step) => {
        if (step.done >= 100) void p.stop();
      });
      await expect(rebuilding).rejects.toThrow(/stopped/);
      expect((await docs.get<GenerationRecord>(GENERATIONS_COLLECTION, 'event-counts'))?.building?.generation).toBe(2);

      const again = projector();
      await again.start();
      expect(await docs.get<GenerationRecord>(GENERATIONS_COLLECTION, 'event-counts')).toEqual({
        projection: 'event-counts',
        version: 1,
        generation: 1,
        collections: ['stream-counts_g1', 'type-counts_g1'],
      });
      expect(await docs.listCollections()).not.toContain('stream-counts_g2');
      expect(await again.waitForPosition(400, 5000)).toBe(true);
      expect((await again.rebuild('event-counts')).generation).toBe(2);
      expect(await dumpReadModel(eventCountsProjection(), again.reader('event-counts'))).toEqual(
        await freshRebuild(eventCountsProjection(), events),
      );
    });
  });
});
