import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openSchema } from './schema.js';

describe('openSchema', () => {
  it('sets WAL, synchronous=FULL and a busy timeout, and is safe to run twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
      const db = new Database(join(dir, 'events.db'));
      openSchema(db);
      openSchema(db);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      const columns = db.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[];
      expect(columns.map((c) => c.name)).toEqual([
        'position',
        'id',
        'stream',
        'revision',
        'type',
        'schema_version',
        'previous_hash',
        'hash',
        'metadata',
        'data',
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
