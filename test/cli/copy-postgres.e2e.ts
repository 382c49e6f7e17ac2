/**
 * `cli copy` between the embedded store and PostgreSQL, both ways, on a generated municipality
 * (the demo's generator): ids, order and hashes kept, every chain valid in the target, the copy
 * verified event by event, and an interrupted copy resumed (what was copied is skipped). Runs
 * against the PostgreSQL server these machines have, in a database of its own; skipped, and says
 * so, when none can be reached.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshName, postgresAdmin, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL, withDatabase } from '#testing/postgres.js';
import { verifyChain } from '#audit/verify-chain.js';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store.js';
import { generateMunicipality } from '#demo/generate-municipality.js';
import { schoolYearContaining } from '#demo/school-year.js';
import { copyStores } from '#cli/copy/copy-stores.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const BASE_URL = TEST_POSTGRES_URL;
const database = freshName('copy');
const available = await postgresReachable();
const url = withDatabase(BASE_URL, database);

const portable = (events: StoredEvent[]) => events.map(({ position: _position, ...rest }) => rest);

function chainsValid(events: StoredEvent[]): boolean {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  return [...byStream.values()].every((list) => verifyChain(list).valid);
}

(available ? describe : describe.skip)('cli copy: SQLite ⇄ PostgreSQL', () => {
  let source: string;
  let original: StoredEvent[];

  beforeAll(async () => {
    await postgresAdmin(`CREATE DATABASE ${database}`);
    source = tempDataDir('copy-source');
    const store = openStore(source);
    try {
      await generateMunicipality(store, {
        schools: 2,
        students: 40,
        seed: 'copy',
        municipalityId: '3024',
        schoolYear: schoolYearContaining('2026-11-20'),
        businessDateCap: '2026-11-20',
        today: '2026-11-20',
      });
      original = await store.readAll();
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    removeTempDataDirs();
    await postgresAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('copies SQLite to PostgreSQL after an interruption, verifies it, and a re-run copies nothing', async () => {
    // An interrupted earlier run: the first 500 events are there already.
    const target = new PostgresEventStore({ connectionString: url });
    await target.importEvents(original.slice(0, 500));
    await target.close();

    const result = await copyStores({ from: 'sqlite', fromDataDir: source, to: 'postgres', toUrl: url });
    expect(result).toMatchObject({ copied: original.length - 500, skipped: 500, verified: { events: original.length, targetOnly: 0 } });
    const again = await copyStores({ from: 'sqlite', fromDataDir: source, to: 'postgres', toUrl: url });
    expect(again).toMatchObject({ copied: 0, skipped: original.length });

    const copied = new PostgresEventStore({ connectionString: url });
    try {
      const events = await copied.readAll();
      expect(portable(events)).toEqual(portable(original));
      expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
      expect(chainsValid(events)).toBe(true);
    } finally {
      await copied.close();
    }
  }, 120_000);

  it('copies PostgreSQL back to a new embedded store, the same event for event', async () => {
    const back = tempDataDir('copy-back');
    const result = await copyStores({ from: 'postgres', fromUrl: url, to: 'sqlite', toDataDir: back });
    expect(result).toMatchObject({ copied: original.length, skipped: 0, verified: { events: original.length } });
    const store = openStore(back);
    try {
      const events = await store.readAll();
      expect(portable(events)).toEqual(portable(original));
      expect(chainsValid(events)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses to copy a store onto itself', async () => {
    await expect(copyStores({ from: 'postgres', fromUrl: url, to: 'postgres', toUrl: url })).rejects.toThrow('two different stores');
  });
});

if (!available) sayPostgresSkipped('cli copy (PostgreSQL)');
