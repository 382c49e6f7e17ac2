/**
 * The generated year in the order it happened. The generator appends each student's year in one
 * go, so its `$all` runs student by student: a rebuild then touches a student's documents in one
 * stretch and writes each about once. A municipality's real log interleaves: every school day
 * brings registrations for hundreds of students, and a batch of 1,000 events touches about as many
 * different students. This copy keeps every event as stored (ids, metadata, hashes: the hash does
 * not cover the position) and only changes their global order: by business time (`occurredAt`),
 * kept non-decreasing within each stream so that every stream keeps its revision order and its
 * hash chain (`cli verify` passes). Made once per dataset, beside it: `events-by-date.sqlite`.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSchema } from '#event-store/sqlite/schema.js';
/** A generated log on disk: its folder and its SQLite event file. */
export interface GeneratedLog {
  dir: string;
  eventsFile: string;
}

export function ensureDateOrdered(dataset: GeneratedLog, log: (line: string) => void): string {
  const file = join(dataset.dir, 'events-by-date.sqlite');
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  log(`copying the generated events in business-date order into ${file} (once)`);
  const db = new Database(partial);
  try {
    openSchema(db);
    db.prepare('ATTACH DATABASE ? AS source').run(dataset.eventsFile);
    // A stream's key is the latest occurredAt up to each event, so sorting by it never puts an
    // event before an earlier revision of its stream; ties go by stream, then revision.
    db.exec(`
      INSERT INTO main.events (id, stream, revision, type, schema_version, previous_hash, hash, metadata, data)
      SELECT id, stream, revision, type, schema_version, previous_hash, hash, metadata, data FROM (
        SELECT *, max(json_extract(metadata, '$.occurredAt')) OVER (PARTITION BY stream ORDER BY revision ROWS UNBOUNDED PRECEDING) AS business_time
        FROM source.events
      ) ORDER BY business_time, stream, revision`);
    db.exec('DETACH DATABASE source');
  } finally {
    db.close();
  }
  renameSync(partial, file);
  return file;
}
