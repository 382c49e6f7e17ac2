/**
 * The stream-partitioned projections (`partition: 'stream'`: student-absence, which reads
 * payloads, and follow-up-students, which reads whole events) caught up stream by stream give
 * the same documents as read in `$all`'s order, on a generated school's year whose log interleaves
 * the students by date, as a real one does (libs/testing/date-ordered.ts makes that copy).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDateOrdered } from '#testing/date-ordered.js';
import { generateMunicipality } from '#demo/generate-municipality.js';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import { studentAbsenceProjection } from '#read-models/projections/student-absence/student-absence.projection.js';
import { Projector } from '#read-models/projector/projector.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';

describe('stream-partitioned projections caught up stream by stream', () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stream-pass-'));
    const generated = new SqliteEventStore({
      path: join(dir, 'events.sqlite'),
    });
    await generateMunicipality(generated, {
      schools: 1,
      students: 60,
      seed: 'stream-pass',
    });
    await generated.close();
    const byDate = ensureDateOrdered({ dir, eventsFile: join(dir, 'events.sqlite') }, () => undefined);
    events = new SqliteEventStore({ path: byDate });
  }, 60_000);

  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each projection's main collection is named after it.
  it.each([studentAbsenceProjection, followUpStudentsProjection].map((p) => [p.name, p] as const))(
    '%s equals the documents of $all order on a log that interleaves the students',
    async (mainCollection, projection) => {
      const head = await events.headPosition();
      // The copy interleaves: a window from the middle touches many students.
      const window = await events.readAll({
        fromPosition: Math.floor(head / 2),
        maxCount: 200,
      });
      expect(new Set(window.map((e) => e.stream)).size).toBeGreaterThan(50);

      let byStream = 0;
      const [payloads, whole] = [events.readAllByStream.bind(events), events.readAllEventsByStream.bind(events)];
      events.readAllByStream = (toPosition, after, maxCount) => {
        byStream += 1;
        return payloads(toPosition, after, maxCount);
      };
      events.readAllEventsByStream = (toPosition, after, maxCount) => {
        byStream += 1;
        return whole(toPosition, after, maxCount);
      };
      const docs = new SqliteDocumentStore({ path: ':memory:' });
      const projector = new Projector({
        eventStore: events,
        documentStore: docs,
        projections: [projection],
        batchSize: 200,
        streamPassFromEvents: 1,
      });
      try {
        await projector.start();
        expect(await projector.waitForPosition(head, 30_000)).toBe(true);
        expect(byStream).toBeGreaterThan(1);
        const dump = await dumpReadModel(projection, projector.reader(projection.name));
        expect(dump[mainCollection]).toHaveLength(60);
        expect(dump).toEqual(await freshRebuild(projection, events));
      } finally {
        await projector.stop();
        await docs.close();
        events.readAllByStream = payloads;
        events.readAllEventsByStream = whole;
      }
    },
  );
});
