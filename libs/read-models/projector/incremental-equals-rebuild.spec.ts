import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection, type TypeCount } from '#testing/read-models/event-counts.projection.js';
import { testEvent } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { Projector } from './projector.js';

/** One append to the event store, then what happens to the projector. */
interface Step {
  stream: number;
  types: number[];
  /** Stop the running projector and start a new one (cold cache, resume from the checkpoint). */
  restart: boolean;
  /** Stop without waiting for the projector to catch up, so the stop lands mid-stream. */
  abrupt: boolean;
  batchSize: number;
  sync: boolean;
  /** Make one batch of the new projector fail once at this offset past its checkpoint. */
  failAt: number | null;
}

const step: fc.Arbitrary<Step> = fc.record({
  stream: fc.integer({ min: 0, max: 5 }),
  types: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
  restart: fc.boolean(),
  abrupt: fc.boolean(),
  batchSize: fc.integer({ min: 1, max: 17 }),
  sync: fc.boolean(),
  failAt: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
});

describe('incremental projection equals a full rebuild', () => {
  it('for random event sequences, batch splits, restarts and failed batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const events = new SqliteEventStore({ path: ':memory:' });
        const docs = new SqliteDocumentStore({ path: ':memory:' });
        let projector: Projector | undefined;
        const launch = async (s: Step): Promise<Projector> => {
          const from = projector ? projector.position('event-counts') : 0;
          let failed = false;
          const p = new Projector({
            eventStore: events,
            documentStore: docs,
            projections: [
              eventCountsProjection({
                sync: s.sync,
                beforeApply: (event) => {
                  if (s.failAt !== null && !failed && event.position === from + s.failAt) {
                    failed = true;
                    throw new Error('injected failure');
                  }
                },
              }),
            ],
            batchSize: s.batchSize,
            retryDelayMs: 1,
            onError: () => undefined,
          });
          await p.start();
          return p;
        };
        try {
          for (const s of steps) {
            if (!projector || s.restart) {
              if (projector && !s.abrupt) await projector.waitForPosition(await events.headPosition(), 5000);
              await projector?.stop();
              projector = await launch(s);
            }
            await events.appendToStream(
              `student-${s.stream}`,
              s.types.map((t) => testEvent(`Type${t}`)),
            );
          }
          const head = await events.headPosition();
          expect(await projector!.waitForPosition(head, 5000)).toBe(true);
          const incremental = await dumpReadModel(eventCountsProjection(), projector!.reader('event-counts'));
          // Every event counted exactly once...
          expect((incremental['type-counts'] as TypeCount[]).reduce((n, t) => n + t.count, 0)).toBe(head);
          // ...and the very same read model as replaying everything in one go.
          expect(incremental).toEqual(await freshRebuild(eventCountsProjection(), events));
        } finally {
          await projector?.stop();
          await events.close();
          await docs.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
