/** Temporary DATA_DIRs with the embedded store, removed after the suite. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';

const made: string[] = [];

export function tempDataDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `skolefravaer-${label}-`));
  made.push(dir);
  return dir;
}

/** The SQLite adapter on DATA_DIR's events.sqlite as stored: without the encrypting layer the CLI and the API put over it (data written so is what `encrypt-existing` migrates). */
export const openStore = (dataDir: string): SqliteEventStore => new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });

export function removeTempDataDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
