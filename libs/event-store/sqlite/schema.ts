import type Database from 'better-sqlite3';

/**
 * Small columns first and payloads last: reading a stream head (revision, hash) then never walks a
 * large row's overflow pages. `position` aliases the rowid; without AUTOINCREMENT SQLite assigns
 * max + 1, and rows are never deleted, so positions stay dense and 1-based.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  stream         TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  previous_hash  TEXT,
  hash           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
`;

export function openSchema(db: Database.Database): void {
  // WAL: readers never block the writer. FULL: an acknowledged append survives power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.exec(DDL);
}
