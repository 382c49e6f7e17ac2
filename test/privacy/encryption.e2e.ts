/**
 * Personal fields are sealed under the student's key before the event is hashed (api.md, Privacy
 * of a child's data): the raw rows of events.sqlite hold no name or free text, every read opens
 * them, a destroyed key reads "[slettet]" while the chains still verify, a repeated append stays
 * idempotent, and a wrong key-encryption key stops the store from opening.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDataKeys, openEventStore, openSealedEventStore } from '#application/stores/open-stores.js';
import { verifyChain } from '#audit/verify-chain.js';
import type { NewEvent } from '#event-store/event-store.port.js';
import { removeTempDataDirs, tempDataDir } from '../cli/support/data-dir.js';
import pg from 'pg';
import { createService } from '#api/service/create-service.js';
import { freshName, postgresAdmin, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL, withDatabase } from '#testing/postgres.js';

afterAll(removeTempDataDirs);

const actor = { id: 'teacher-1', role: 'teacher' };
const at = '2026-11-02T08:00:00.000Z';
const event = (id: string, type: string, data: unknown): NewEvent => ({
  id,
  type,
  schemaVersion: 1,
  data,
  metadata: { actor, occurredAt: at },
});

const NAME = 'Ingrid Østby-Hansen';
const REASON = 'Vondt i magen etter krangel hjemme';
const SUMMARY = 'Mor fortalte om søvnvansker';
const PARTICIPANT = 'Kari Kontaktlærer';

const studentEvents = [
  event('e1', 'StudentEnrolled', { studentId: 's1', schoolId: 'sk1', name: NAME, grade: 8, group: '8A' }),
  event('e2', 'AbsenceRegistered', {
    studentId: 's1',
    absenceId: 'a1',
    date: '2026-11-02',
    kind: 'day',
    documented: false,
    reportedByGuardian: true,
    reason: REASON,
  }),
];
const caseEvents = [
  event('c1', 'CaseOpened', { caseId: 'k1', studentId: 's1', schoolId: 'sk1', reason: null, openedOn: '2026-11-02', phase: 1 }),
  event('c2', 'MeetingHeld', {
    caseId: 'k1',
    meetingId: 'm1',
    type: 'presence-meeting',
    heldAt: at,
    participants: [{ name: PARTICIPANT, role: 'kontaktlærer' }],
    minutes: SUMMARY,
  }),
];

const settings = (dataDir: string, extra: Record<string, string> = {}) => ({
  dataDir,
  eventstoreUrl: null,
  mongodbUrl: null,
  notice: () => undefined,
  ...extra,
});

describe('per-student encryption on the embedded store', () => {
  const dataDir = tempDataDir('encryption');

  it('stores no personal field in clear, and reads every one back', async () => {
    const store = await openEventStore(settings(dataDir));
    try {
      await store.appendToStream('student-s1', studentEvents, { expectedRevision: 'no-stream' });
      await store.appendToStream('case-k1', caseEvents, { expectedRevision: 'no-stream' });
      await store.appendToStream('case-k1', [caseEvents[1]!], { expectedRevision: 'any' }); // a repeat: idempotent
      const read = await store.readStream('student-s1');
      expect(read.map((e) => e.data)).toEqual(studentEvents.map((e) => e.data));
      const meeting = (await store.readStream('case-k1'))[1]!.data as { participants: { name: string }[]; minutes: string };
      expect(meeting.participants[0]!.name).toBe(PARTICIPANT);
      expect(meeting.minutes).toBe(SUMMARY);
      expect(verifyChain(await store.readStream('case-k1'))).toEqual({ valid: true, events: 2 });
    } finally {
      await store.close();
    }
    const raw = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const rows = raw.prepare('SELECT data, metadata FROM events').all() as { data: string; metadata: string }[];
    raw.close();
    expect(rows).toHaveLength(4);
    const text = JSON.stringify(rows);
    for (const secret of [NAME, REASON, SUMMARY, PARTICIPANT, 'Østby', 'søvnvansker']) expect(text).not.toContain(secret);
    expect(text).toContain('enc1:s1:');
    // What stays readable: ids, dates, kinds.
    expect(text).toContain('2026-11-02');
    expect(text).toContain('presence-meeting');
    // The key file and the keys sit apart from the events, the keys wrapped.
    expect(readFileSync(join(dataDir, 'key-encryption.key'), 'utf8').trim()).toHaveLength(44);
    const keys = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
    expect(keys.prepare("SELECT subject FROM data_keys WHERE subject <> '$kek-check'").all()).toEqual([{ subject: 's1' }]);
    keys.close();
  });

  it('reads "[slettet]" once the key is destroyed, and every chain still verifies', async () => {
    const store = await openEventStore(settings(dataDir));
    try {
      expect(await store.keys.destroy('s1', '2026-12-01T00:00:00.000Z')).toBe(true);
      expect(await store.keys.destroy('s1', '2026-12-01T00:00:00.000Z')).toBe(false);
      const student = await store.readStream('student-s1');
      expect((student[0]!.data as { name: string }).name).toBe('[slettet]');
      expect((student[1]!.data as { reason: string; date: string }).reason).toBe('[slettet]');
      expect((student[1]!.data as { date: string }).date).toBe('2026-11-02');
      const meeting = (await store.readStream('case-k1'))[1]!.data as { participants: { name: string; role: string }[] };
      expect(meeting.participants).toEqual([{ name: '[slettet]', role: 'kontaktlærer' }]);
      expect(verifyChain(student)).toEqual({ valid: true, events: 2 });
      expect(verifyChain(await store.readStream('case-k1'))).toEqual({ valid: true, events: 2 });
      // Nothing personal can be written about an erased student.
      await expect(
        store.appendToStream('student-s1', [
          event('e3', 'AbsenceRetracted', { studentId: 's1', absenceId: 'a1', reason: 'feil', on: '2026-12-01' }),
        ]),
      ).rejects.toMatchObject({ name: 'SubjectErased' });
    } finally {
      await store.close();
    }
    const sealed = await openSealedEventStore(settings(dataDir));
    expect(verifyChain(await sealed.readStream('student-s1'))).toEqual({ valid: true, events: 2 });
    await sealed.close();
  });

  it('refuses to open with a key-encryption key the keys were not wrapped with, and with a malformed one', async () => {
    const dir = tempDataDir('kek-wrong');
    const store = await openEventStore(settings(dir));
    await store.appendToStream('student-s1', studentEvents);
    await store.close();
    const wrong = randomBytes(32).toString('base64');
    await expect(openEventStore(settings(dir, { keyEncryptionKey: wrong }))).rejects.toThrow(
      /wrapped by a key-encryption key with fingerprint/,
    );
    await expect(openEventStore(settings(tempDataDir('kek'), { keyEncryptionKey: 'c2hvcnQ=' }))).rejects.toThrow(
      /32 random bytes in base64/,
    );
  });

  it('rotates the key-encryption key: rewrapped under the new one, the data reads with it alone', async () => {
    const dir = tempDataDir('kek-rotate');
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const store = await openEventStore(settings(dir, { keyEncryptionKey: oldKey }));
    await store.appendToStream('student-s1', studentEvents);
    await store.close();
    await expect(openEventStore(settings(dir, { keyEncryptionKey: newKey }))).rejects.toThrow(/KEY_ENCRYPTION_KEY_PREVIOUS/);
    const keys = await openDataKeys(settings(dir, { keyEncryptionKey: newKey, keyEncryptionKeyPrevious: oldKey }));
    expect(await keys.rotate()).toBe(2); // the student's key and the store's check key
    await keys.store.close();
    const rotated = await openEventStore(settings(dir, { keyEncryptionKey: newKey }));
    expect(((await rotated.readStream('student-s1'))[0]!.data as { name: string }).name).toBe(NAME);
    await rotated.close();
    await expect(openEventStore(settings(dir, { keyEncryptionKey: oldKey }))).rejects.toThrow(/key-encryption key/);
  });
});

describe('the service with a wrong or malformed key-encryption key', () => {
  it('refuses to start and says why, writing nothing', async () => {
    const dir = tempDataDir('kek-service');
    const store = await openEventStore(settings(dir));
    await store.appendToStream('student-s1', studentEvents);
    await store.close();
    const env = { AUTH_JWT_SECRET: 'x'.repeat(40), DATA_DIR: dir, IDEMPOTENCY_DB: ':memory:' };
    const start = (extra: Record<string, string>) =>
      createService({ env: { ...env, ...extra }, logger: false, shutdownHooks: false, print: () => undefined });
    await expect(start({ KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(
      /wrapped by a key-encryption key with fingerprint/,
    );
    await expect(start({ KEY_ENCRYPTION_KEY: 'not-a-key' })).rejects.toThrow(/KEY_ENCRYPTION_KEY must be 32 random bytes in base64/);
    await expect(start({ KEY_ENCRYPTION_KEY_FILE: join(dir, 'missing.key') })).rejects.toThrow(/cannot be read/);
    const sealed = await openSealedEventStore(settings(dir));
    expect(await sealed.headPosition()).toBe(2);
    await sealed.close();
  });
});

const postgres = await postgresReachable();
const database = freshName('encryption');
(postgres ? describe : describe.skip)('per-student encryption on PostgreSQL', () => {
  const url = withDatabase(TEST_POSTGRES_URL, database);
  afterAll(() => postgresAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('stores no personal field in clear in the events table, keeps the keys in data_keys, and reads them back', async () => {
    const kek = randomBytes(32).toString('base64');
    const store = await openEventStore(settings(tempDataDir('pg-enc'), { postgresUrl: url, keyEncryptionKey: kek }));
    try {
      await store.appendToStream('student-s1', studentEvents);
      await store.appendToStream('case-k1', caseEvents);
      expect(((await store.readStream('case-k1'))[1]!.data as { minutes: string }).minutes).toBe(SUMMARY);
    } finally {
      await store.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query<{ data: string }>('SELECT data FROM events')).rows;
      expect(rows).toHaveLength(4);
      for (const secret of [NAME, REASON, SUMMARY, PARTICIPANT]) expect(JSON.stringify(rows)).not.toContain(secret);
      const keys = (
        await client.query<{ subject: string; wrapped: string }>("SELECT subject, wrapped FROM data_keys WHERE subject <> '$kek-check'")
      ).rows;
      expect(keys.map((k) => k.subject)).toEqual(['s1']);
    } finally {
      await client.end();
    }
  });
});
if (!postgres) sayPostgresSkipped('per-student encryption on PostgreSQL');
