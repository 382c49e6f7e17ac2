/**
 * `cli encrypt-existing` on the demo's generated data as it was written before encryption
 * (straight into the SQLite adapter): the new store holds every event, in order, with its id,
 * times and actor; no name or free text in its rows; every chain verifies; and every event reads
 * back exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { generateMunicipality } from '#demo/generate-municipality.js';
import { schoolYearContaining } from '#demo/school-year.js';
import { encryptExisting } from '#cli/copy/encrypt-existing.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { openStore, removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';

describe('cli encrypt-existing on the demo data', () => {
  let source: string;
  let original: StoredEvent[];

  beforeAll(async () => {
    source = tempDataDir('plain');
    const store = openStore(source);
    try {
      await generateMunicipality(store, {
        schools: 2,
        students: 60,
        seed: 'encrypt',
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
  afterAll(removeTempDataDirs);

  it('moves every event into a new store, sealed, chains valid, reading back as it was', async () => {
    const target = tempDataDir('sealed');
    const report = await encryptExisting({ from: 'sqlite', to: 'sqlite', fromDataDir: source, toDataDir: target });
    expect(report).toMatchObject({ events: original.length, position: original.length });
    expect(report.intact).toBe(report.streams);

    const names = original.filter((e) => e.type === 'StudentEnrolled').map((e) => (e.data as { name: string }).name);
    const texts = original
      .filter((e) => e.type === 'ContactRecorded' || e.type === 'MeetingHeld' || e.type === 'StudentContactRecorded')
      .map((e) => (e.data as { summary?: string; minutes?: string }).summary ?? (e.data as { minutes: string }).minutes);
    expect(names.length).toBeGreaterThan(50);
    expect(texts.length).toBeGreaterThan(0);
    const raw = new Database(join(target, 'events.sqlite'), { readonly: true });
    const rows = raw.prepare('SELECT data FROM events').all() as { data: string }[];
    raw.close();
    const stored = rows.map((r) => r.data).join('\n');
    for (const secret of [...names, ...texts]) expect(stored.includes(secret)).toBe(false);

    const store = await openEventStore({ dataDir: target, eventstoreUrl: null, mongodbUrl: null, notice: () => undefined });
    try {
      const after = await store.readAll();
      expect(after.map((e) => [e.id, e.stream, e.revision, e.position, e.type, e.metadata])).toEqual(
        original.map((e) => [e.id, e.stream, e.revision, e.position, e.type, e.metadata]),
      );
      expect(after.map((e) => e.data)).toEqual(original.map((e) => e.data));
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses a target that already holds events', async () => {
    const target = tempDataDir('sealed-twice');
    await encryptExisting({ from: 'sqlite', to: 'sqlite', fromDataDir: source, toDataDir: target });
    await expect(encryptExisting({ from: 'sqlite', to: 'sqlite', fromDataDir: source, toDataDir: target })).rejects.toThrow(
      /target must be empty/,
    );
  }, 120_000);
});
