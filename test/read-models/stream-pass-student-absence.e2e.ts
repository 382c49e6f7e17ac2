/**
 * The student-absence projection caught up stream by stream (`partition: 'stream'`) gives the
 * same documents as read in `$all`'s order, on a generated school's year whose log interleaves
 * the students by date, as a real one does (bench/date-ordered.ts makes that copy).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDateOrdered } from '../../bench/date-ordered.js';
import { generateMunicipality } from '../../bench/generate/generate-municipality.js';
import { SqliteEventStore } from '../../libs/event-store/sqlite/sqlite-event-store.js';
import { studentAbsenceProjection } from '../../libs/read-models/projections/student-absence/student-absence.projection.js';
import { Projector } from '../../libs/read-models/projector/projector.js';
import { SqliteDocumentStore } from '../../libs/read-models/sqlite/sqlite-document-store.js';
import { dumpReadModel } from '../../libs/read-models/testing/dump-read-model.js';
import { freshRebuild } from '../../libs/read-models/testing/fresh-rebuild.js';

describe('student-absence caught up stream by stream', () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stream-pass-'));
    const generated = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const summary = await generateMunicipality(generated, { schools: 1, students: 60, seed: 'stream-pass' });
    await generated.close();
    const byDate = ensureDateOrdered({ size: 'small', seed: 'stream-pass', dir, eventsFile: join(dir, 'events.sqlite'), summary, generated: true }, () => undefined);
    events = new SqliteEventStore({ path: byDate });
  }, 60_000);

  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals the documents of $all order on a log that interleaves the students', async () => {
    const head = await events.headPosition();
    // The copy interleaves: a window from the middle touches many students.
    const window = await events.readAll({ fromPosition: Math.floor(head / 2), maxCount: 200 });
    expect(new Set(window.map((e) => e.stream)).size).toBeGreaterThan(50);

    let byStream = 0;
    const read = events.readAllByStream.bind(events);
    events.readAllByStream = (toPosition, after, maxCount) => {
      byStream += 1;
      return read(toPosition, after, maxCount);
    };
    const docs = new SqliteDocumentStore({ path: ':memory:' });
    const projector = new Projector({ eventStore: events, documentStore: docs, projections: [studentAbsenceProjection], batchSize: 200, streamPassFromEvents: 1 });
    try {
      await projector.start();
      expect(await projector.waitForPosition(head, 30_000)).toBe(true);
      expect(byStream).toBeGreaterThan(1);
      const dump = await dumpReadModel(studentAbsenceProjection, projector.reader('student-absence'));
      expect(dump['student-absence']).toHaveLength(60);
      expect(dump).toEqual(await freshRebuild(studentAbsenceProjection, events));
    } finally {
      await projector.stop();
      await docs.close();
      events.readAllByStream = read;
    }
  });
});
