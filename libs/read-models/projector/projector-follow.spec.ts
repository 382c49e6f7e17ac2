/**
 * A following projector serves read models that a leading projector in another process builds:
 * here the two run in one process but on their own connections to the same SQLite files, as two
 * API instances on one DATA_DIR would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection, type StreamCount } from '#testing/read-models/event-counts.projection.js';
import { appendSpread, testEvent } from '#testing/read-models/events.js';
import { Projector } from './projector.js';

describe('Projector, following a leader in another process', () => {
  let dir: string;
  const closers: (() => Promise<void>)[] = [];

  /** One "process": its own connections to the shared files, and a projector over them. */
  const instance = (mode: 'lead' | 'follow') => {
    const events = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    const docs = new SqliteDocumentStore({ path: join(dir, 'read-models.sqlite') });
    const projector = new Projector({
      eventStore: events,
      documentStore: docs,
      projections: [eventCountsProjection()],
      batchSize: 50,
      retireDelayMs: 200,
      mode,
      followIntervalMs: 10,
    });
    closers.unshift(async () => {
      await projector.stop();
      await docs.close();
      await events.close();
    });
    return { events, projector };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-follow-'));
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the leader’s commits and reads what the leader built', async () => {
    const follower = instance('follow');
    await follower.projector.start();
    // Started before any leader: nothing is there yet, and a wait times out instead of failing.
    const head = await appendSpread(follower.events, 120);
    expect(await follower.projector.waitForPosition(head, 100)).toBe(false);

    const leader = instance('lead');
    await leader.projector.start();
    expect(await follower.projector.waitForPosition(head, 5000)).toBe(true);
    expect(await dumpReadModel(eventCountsProjection(), follower.projector.reader('event-counts'))).toEqual(
      await dumpReadModel(eventCountsProjection(), leader.projector.reader('event-counts')),
    );

    // A write through the follower's own store (as a command on that instance would) shows up once the leader projected it.
    const written = await follower.events.appendToStream('student-late', [testEvent('Late')]);
    expect(await follower.projector.waitForPosition(written.position, 5000)).toBe(true);
    expect(await follower.projector.reader('event-counts').get<StreamCount>('stream-counts', 'student-late')).toMatchObject({
      count: 1,
      lastPosition: written.position,
    });
    expect((await follower.projector.status()).map((s) => [s.name, s.state, s.lag])).toEqual([['event-counts', 'following', 0]]);
  });

  it('follows the leader’s blue/green switch, and leaves rebuilds to it', async () => {
    const leader = instance('lead');
    const head = await appendSpread(leader.events, 80);
    await leader.projector.start();
    const follower = instance('follow');
    await follower.projector.start();
    expect(await follower.projector.waitForPosition(head, 5000)).toBe(true);
    const reader = follower.projector.reader('event-counts');
    expect(reader.collectionName('stream-counts')).toBe('stream-counts_g1');
    const before = await dumpReadModel(eventCountsProjection(), reader);

    await expect(follower.projector.rebuild('event-counts')).rejects.toThrow('does not rebuild');
    const switched = await leader.projector.rebuild('event-counts');
    expect(switched.generation).toBe(2);
    // Within a few of the follower's reads, and before the leader drops the old generation.
    const deadline = Date.now() + 2000;
    while (reader.collectionName('stream-counts') !== 'stream-counts_g2' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(reader.collectionName('stream-counts')).toBe('stream-counts_g2');
    expect(await dumpReadModel(eventCountsProjection(), reader)).toEqual(before);
    expect((await follower.projector.status())[0]).toMatchObject({ generation: 2, position: head, state: 'following' });
  });
});
