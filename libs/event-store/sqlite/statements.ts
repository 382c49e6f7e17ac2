import type Database from 'better-sqlite3';
import type { StoredIdLocation } from '../append-checks.js';
import { COLUMNS, PAYLOAD_COLUMNS, type EventRow, type FoldRow, type PayloadRow } from './rows.js';

export interface Head {
  revision: number;
  hash: string;
}

export type Statements = ReturnType<typeof prepareStatements>;

/** Every statement the store runs, prepared once. Reads run in raw mode: reading $all is most of a rebuild's cost. */
export function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare<[string], Head>('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
    insert: db.prepare<[string, string, number, string, number, string | null, string, string, string]>(
      'INSERT INTO events (id, stream, revision, type, schema_version, previous_hash, hash, metadata, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    locate: db.prepare<[string], StoredIdLocation>('SELECT stream, revision, position FROM events WHERE id = ?'),
    hashById: db.prepare<[string], { hash: string }>('SELECT hash FROM events WHERE id = ?'),
    streamForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(true),
    streamBackwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(true),
    streamForFold: db
      .prepare<[string, number], FoldRow>(
        'SELECT position, revision, type, schema_version, data FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
      )
      .raw(true),
    all: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true),
    allPayloads: db
      .prepare<[number, number], PayloadRow>(`SELECT ${PAYLOAD_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`)
      .raw(true),
    // Walks the (stream, revision) index; the row value keeps the range on it.
    byStream: db
      .prepare<[string, number, number, number], PayloadRow>(
        `SELECT ${PAYLOAD_COLUMNS} FROM events WHERE (stream, revision) > (?, ?) AND position <= ? ORDER BY stream, revision LIMIT ?`,
      )
      .raw(true),
    eventsByStream: db
      .prepare<[string, number, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE (stream, revision) > (?, ?) AND position <= ? ORDER BY stream, revision LIMIT ?`,
      )
      .raw(true),
    headPosition: db.prepare<[], { position: number }>('SELECT coalesce(max(position), 0) AS position FROM events'),
    streams: db.prepare<[], { stream: string }>('SELECT DISTINCT stream FROM events ORDER BY stream'),
  };
}
