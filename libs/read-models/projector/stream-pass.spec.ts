import { describe, expect, it } from '@jest/globals';
import type { PayloadEvent, StoredEvent, StreamCursor } from '#event-store/event-store.port.js';
import type { Doc } from '../document-store.port.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { appendSpread, testEvent } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { checkpointKey } from './generations.js';
import type { EventProjection, PayloadProjection } from './projection.js';
import { useProjectorFixture } from '#testing/read-models/projector-fixture.js';

interface StreamLog extends Doc {
  stream: string;
  /** Every revision applied, in order: an event applied twice or skipped shows. */
  revisions: number[];
  types: string[];
}

/** A projection whose documents each follow one stream: it may be caught up stream by stream. */
function streamLogProjection(options: { partition?: boolean; onApply?: (event: PayloadEvent) => void } = {}): PayloadProjection {
  return {
    name: 'stream-log',
    version: 1,
    reads: 'payloads',
    ...(options.partition === false ? {} : { partition: 'stream' as const }),
    collections: [{ name: 'streams', indexes: [] }],
    async apply(event, ctx) {
      options.onApply?.(event);
      const doc = (await ctx.get<StreamLog>('streams', event.stream)) ?? { stream: event.stream, revisions: [], types: [] };
      ctx.upsert('streams', event.stream, { ...doc, revisions: [...doc.revisions, event.revision], types: [...doc.types, event.type] });
    },
  };
}

describe('Projector: a stream-partitioned projection catches up from empty stream by stream', () => {
  let byStreamReads = 0;
  const fixture = useProjectorFixture({ projections: [streamLogProjection()], batchSize: 50, streamPassFromEvents: 100 }, ({ events }) => {
    byStreamReads = 0;
    const read = events.readAllByStream.bind(events);
    events.readAllByStream = (toPosition: number, after: StreamCursor | undefined, maxCount: number) => {
      byStreamReads += 1;
      return read(toPosition, after, maxCount);
    };
  });
  const { projector } = fixture;

  it('gives the documents of $all order, commits them with the head, then follows live appends', async () => {
    // One event per append over 100 streams: $all interleaves them, as a real log does.
    const head = await appendSpread(fixture.events, 400, 100, 3, 1);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(byStreamReads).toBeGreaterThan(8); // 400 events in pages of 50, and the empty page after them
    expect(await fixture.docs.getCheckpoint(checkpointKey('stream-log', 1))).toBe(head);
    expect(await dumpReadModel(streamLogProjection(), p.reader('stream-log'))).toEqual(
      await freshRebuild(streamLogProjection(), fixture.events),
    );

    const live = await fixture.events.appendToStream('student-new', [testEvent('Type0'), testEvent('Type1')]);
    expect(await p.waitForPosition(live.position, 5000)).toBe(true);
    expect(await p.reader('stream-log').get<StreamLog>('streams', 'student-new')).toEqual({
      stream: 'student-new',
      revisions: [0, 1],
      types: ['Type0', 'Type1'],
    });
    expect(fixture.errors).toEqual([]);
  });

  it('reads $all in order below streamPassFromEvents, and for a projection not declared partitioned', async () => {
    const head = await appendSpread(fixture.events, 99, 100, 3, 1);
    const short = projector();
    await short.start();
    expect(await short.waitForPosition(head, 5000)).toBe(true);
    await short.stop();
    await appendSpread(fixture.events, 200, 100, 3, 1);
    const undeclared = projector({ projections: [streamLogProjection({ partition: false })], streamPassFromEvents: 1 });
    await fixture.docs.deleteCheckpoint(checkpointKey('stream-log', 1));
    await fixture.docs.deleteCollection('streams_g1');
    await undeclared.start();
    expect(await undeclared.waitForPosition(head + 200, 5000)).toBe(true);
    expect(byStreamReads).toBe(0);
    expect(await dumpReadModel(streamLogProjection(), undeclared.reader('stream-log'))).toEqual(
      await freshRebuild(streamLogProjection(), fixture.events),
    );
  });

  it('reads $all in order when it does not interleave streams (a history imported stream by stream)', async () => {
    // 100 events per append over 4 streams: a window of 50 touches one or two streams.
    const head = await appendSpread(fixture.events, 400, 4, 3, 100);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(byStreamReads).toBe(0);
    expect(await dumpReadModel(streamLogProjection(), p.reader('stream-log'))).toEqual(
      await freshRebuild(streamLogProjection(), fixture.events),
    );
  });

  it('stopped halfway (some documents committed, checkpoint 0), starts over from empty collections', async () => {
    const head = await appendSpread(fixture.events, 400, 100, 3, 1);
    let applied = 0;
    let halfway: Promise<void> | undefined;
    // maxPendingDocuments 1: documents are committed along the way, without the checkpoint.
    const first = projector({
      maxPendingDocuments: 1,
      projections: [
        streamLogProjection({
          onApply: () => {
            applied += 1;
            if (applied === 200) halfway = first.stop();
          },
        }),
      ],
    });
    await first.start();
    while (!halfway) await new Promise((resolve) => setTimeout(resolve, 5));
    await halfway;
    expect(await fixture.docs.getCheckpoint(checkpointKey('stream-log', 1))).toBe(0);
    expect((await fixture.docs.find('streams_g1')).length).toBeGreaterThan(0);

    const second = projector();
    await second.start();
    expect(await second.waitForPosition(head, 5000)).toBe(true);
    expect(await dumpReadModel(streamLogProjection(), second.reader('stream-log'))).toEqual(
      await freshRebuild(streamLogProjection(), fixture.events),
    );
  });

  it('a rebuild (blue/green) of a partitioned projection reads stream by stream too, and equals $all order', async () => {
    const head = await appendSpread(fixture.events, 300, 100, 3, 1);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    byStreamReads = 0;
    const result = await p.rebuild('stream-log');
    expect(result.generation).toBe(2);
    expect(byStreamReads).toBeGreaterThan(0);
    expect(await dumpReadModel(streamLogProjection(), p.reader('stream-log'))).toEqual(
      await freshRebuild(streamLogProjection(), fixture.events),
    );
  });
});

/** The same for a projection of whole events: it keeps each event's id, which a payload lacks. */
function streamIdsProjection(): EventProjection {
  return {
    name: 'stream-ids',
    version: 1,
    partition: 'stream',
    collections: [{ name: 'stream-ids', indexes: [] }],
    async apply(event: StoredEvent, ctx) {
      const doc = (await ctx.get<Doc & { ids: string[] }>('stream-ids', event.stream)) ?? { ids: [] };
      ctx.upsert('stream-ids', event.stream, { ids: [...doc.ids, event.id] });
    },
  };
}

describe('Projector: a stream-partitioned projection of whole events', () => {
  const reads = { payloads: 0, events: 0 };
  const fixture = useProjectorFixture({ projections: [streamIdsProjection()], batchSize: 50, streamPassFromEvents: 100 }, ({ events }) => {
    reads.payloads = 0;
    reads.events = 0;
    const payloads = events.readAllByStream.bind(events);
    const whole = events.readAllEventsByStream.bind(events);
    events.readAllByStream = (toPosition: number, after: StreamCursor | undefined, maxCount: number) => {
      reads.payloads += 1;
      return payloads(toPosition, after, maxCount);
    };
    events.readAllEventsByStream = (toPosition: number, after: StreamCursor | undefined, maxCount: number) => {
      reads.events += 1;
      return whole(toPosition, after, maxCount);
    };
  });

  it('is caught up stream by stream from whole envelopes, and equals $all order', async () => {
    const head = await appendSpread(fixture.events, 400, 100, 3, 1);
    const p = fixture.projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(reads).toEqual({ payloads: 0, events: expect.any(Number) });
    expect(reads.events).toBeGreaterThan(8);
    expect(await dumpReadModel(streamIdsProjection(), p.reader('stream-ids'))).toEqual(
      await freshRebuild(streamIdsProjection(), fixture.events),
    );
    expect(fixture.errors).toEqual([]);
  });
});
