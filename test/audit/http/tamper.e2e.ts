/**
 * Tamper detection end to end: one stored event's data is changed directly in the SQLite file
 * while the service runs (WAL lets a second connection write). Verification names that
 * revision, the API keeps serving the case and flags it, and the CLI's verify reports the
 * stream and revision.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { hashEvent } from '#event-store/hash.js';
import { caseStream, studentStream } from '#domain/events/stream-name.js';
import { loadExportNoark, loadVerify, withDataDir } from './support/cli-functions.js';
import {
  buildFullCase,
  FULL_CASE_TYPES,
  removeDataDir,
  SCHOOL,
  setUpSchool,
  startAuditService,
  STUDENT,
  type AuditService,
  type BuiltCase,
} from './support/audit-service.js';

const TAMPERED_SUMMARY = 'Samtale med eleven. (endret i ettertid)';

/** Changes one event's data JSON in place, as someone with the file would. */
function tamper(
  dataDir: string,
  stream: string,
  revision: number,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
  options: { rehash?: boolean } = {},
): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    const row = db.prepare('SELECT * FROM events WHERE stream = ? AND revision = ?').get(stream, revision) as Record<string, unknown>;
    const data = change(JSON.parse(row.data as string));
    db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(JSON.stringify(data), stream, revision);
    if (options.rehash) {
      // A careful forger also recomputes the event's own hash: the chain still breaks at the next revision.
      const hash = hashEvent({
        id: row.id as string,
        stream,
        revision,
        type: row.type as string,
        schemaVersion: row.schema_version as number,
        data,
        metadata: JSON.parse(row.metadata as string),
        previousHash: row.previous_hash as string | null,
      });
      db.prepare('UPDATE events SET hash = ? WHERE stream = ? AND revision = ?').run(hash, stream, revision);
    }
  } finally {
    db.close();
  }
}

describe('a stored event changed behind the service’s back', () => {
  let s: AuditService;
  let built: BuiltCase;

  beforeAll(async () => {
    s = await startAuditService();
    await setUpSchool(s);
    built = await buildFullCase(s);
    const before = await s.as('auditor').get(`/cases/${built.caseId}/history/verify`);
    expect(before.body).toEqual({ valid: true, events: FULL_CASE_TYPES.length });
    const cli = await withDataDir(s.dataDir, async () => (await loadVerify()).verifyAllStreams());
    expect(cli.broken).toEqual([]);
    // The contact with the student, at revision 2, gets a new summary.
    tamper(s.dataDir, caseStream(built.caseId), 2, (data) => ({ ...data, summary: TAMPERED_SUMMARY }));
  }, 60_000);
  afterAll(async () => {
    await s.close();
    removeDataDir(s.dataDir);
  });

  it('GET /history/verify names the changed revision', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}/history/verify`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, brokenAt: 2 });
    expect(res.body.reason).toBe('hash-mismatch');
    expect(res.body.events).toBeUndefined();
  });

  it('GET /cases/:id is still served (200), flagged with where the chain breaks', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}`);
    expect(res.status).toBe(200);
    expect(res.body.integrity).toEqual({ valid: false, brokenAt: 2, reason: 'hash-mismatch' });
    expect(res.body).toMatchObject({ caseId: built.caseId, studentId: STUDENT.id, revision: 12 });
    // What is served is what is stored: the auditor sees the altered text, and the flag.
    expect(res.body.contacts[1].summary).toBe(TAMPERED_SUMMARY);
    const asOf = await s.as('auditor').get(`/cases/${built.caseId}?asOf=${new Date().toISOString()}`);
    expect(asOf.status).toBe(200);
    expect(asOf.body.integrity).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('the school leader reading the case sees the flag too', async () => {
    const res = await s.as('leader').get(`/cases/${built.caseId}`);
    expect(res.status).toBe(200);
    expect(res.body.integrity).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('the history is still served in full, showing the stored (altered) entry whose hash no longer fits', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(FULL_CASE_TYPES.length);
    expect(res.body[2].data.summary).toBe(TAMPERED_SUMMARY);
    expect(res.headers['x-hash-chain']).toBe('broken; brokenAt=2; reason=hash-mismatch');
    expect(res.body[3].previousHash).toBe(res.body[2].hash);
  });

  it('the Noark export is still served, and says in its header that the chain is broken', async () => {
    const res = await s.as('auditor').get(`/cases/${built.caseId}/export/noark`);
    expect(res.status).toBe(200);
    expect(res.headers['x-hash-chain']).toBe('broken; brokenAt=2; reason=hash-mismatch');
  });

  it('the service keeps taking writes and serving other reads', async () => {
    const res = await s.as('leader').post(`/cases/${built.caseId}/contacts`, {
      with: 'guardian',
      channel: 'message',
      at: '2026-11-20T09:00:00Z',
      summary: 'Melding til mor.',
    });
    expect(res.status).toBe(201);
    expect((await s.as('auditor').get('/health')).status).toBe(200);
    const verify = await s.as('auditor').get(`/cases/${built.caseId}/history/verify`);
    expect(verify.body).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('the CLI verify reports that stream and revision, and only it', async () => {
    const report = await withDataDir(s.dataDir, async () => (await loadVerify()).verifyAllStreams());
    expect(report.broken).toEqual([{ stream: caseStream(built.caseId), brokenAt: 2, reason: 'hash-mismatch' }]);
    expect(report.streams).toBeGreaterThanOrEqual(3);
    expect(report.intact).toBe(report.streams - 1);
    expect(report.events).toBeGreaterThan(0);
    const { describeBreaks } = await loadVerify();
    expect(describeBreaks(report)).toBe(`hash chain broken: ${caseStream(built.caseId)} at revision 2 (hash-mismatch)\n`);
  });

  it('the CLI export still writes the extract from what is stored, and reports the broken chain behind it', async () => {
    const out = join(s.dataDir, 'uttrekk-etter-endring');
    const result = await withDataDir(s.dataDir, async () =>
      (await loadExportNoark()).exportNoarkFolder({ school: SCHOOL.id, from: '2026-08-17', to: '2027-06-18', out }),
    );
    expect(result.cases).toBe(1);
    expect(result.broken).toEqual([{ stream: caseStream(built.caseId), brokenAt: 2, reason: 'hash-mismatch' }]);
  });

  it('a rehashed forgery of a registration shows at the next revision, and the CLI reports both streams', async () => {
    // student stream: 0 StudentEnrolled, 1-3 AbsenceRegistered, then corrections and level changes.
    tamper(s.dataDir, studentStream(STUDENT.id), 1, (data) => ({ ...data, date: '2026-10-30' }), { rehash: true });
    const report = await withDataDir(s.dataDir, async () => (await loadVerify()).verifyAllStreams());
    expect(report.broken).toEqual(
      expect.arrayContaining([
        { stream: caseStream(built.caseId), brokenAt: 2, reason: 'hash-mismatch' },
        { stream: studentStream(STUDENT.id), brokenAt: 2, reason: 'previous-hash-mismatch' },
      ]),
    );
    expect(report.broken).toHaveLength(2);
  });
});
