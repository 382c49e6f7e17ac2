/**
 * Erasure and blocking over HTTP (api.md, Privacy of a child's data), on the embedded store:
 * bad requests append nothing; after an erasure no read, file or read model shows the student's
 * name or free text, `verify` is still valid and counts are unchanged; a student with an archived
 * case is blocked instead; a blocked case is the auditor's alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaseWriteCommand } from '#api/cases/case-write.handler.js';
import { World, studentName } from '../api/routes/support/fixture.js';

const REASON = 'Magesmerter etter konflikt hjemme';
const SUMMARY = 'Mor fortalte om søvnvansker og angst';
const MINUTES = 'Eleven ønsker å begynne med halve dager';

describe('erasure and blocking', () => {
  let w: World;
  let studentId: string;
  let name: string;
  let caseId: string;

  beforeAll(async () => {
    w = await World.start();
    studentId = await w.student('smoras', '5A', 5);
    name = studentName(1);
    await w.absence(studentId, { date: '2026-11-16', kind: 'day', reason: REASON });
    caseId = await w.openCase(studentId, { openedOn: '2026-11-17' });
    await w.ok(`/cases/${caseId}/contacts`, w.leader, { with: 'guardian', channel: 'phone', at: '2026-11-18', summary: SUMMARY });
    await w.ok(`/cases/${caseId}/meetings`, w.leader, {
      type: 'presence-meeting',
      heldAt: '2026-11-19T10:00:00Z',
      participants: [{ name: 'Kari Kontaktlærer', role: 'contact-teacher' }],
      minutes: MINUTES,
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const stats = async () => (await w.get('/schools/smoras/statistics?from=2026-08-17&to=2026-11-23', w.leader)).body;

  it('refuses bad requests and leaves no event: no legal basis (400), not an admin (403), a reason naming the student (422)', async () => {
    const head = await w.head();
    const missing = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: 'Sak 2026/12' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('legalBasis');
    const teacher = await w.post(`/students/${studentId}/erasure`, w.token('school-leader'), {
      reason: 'Sak 2026/12',
      legalBasis: 'gdpr-17-1-a',
    });
    expect(teacher.status).toBe(403);
    const named = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: `Krav fra ${name}`, legalBasis: 'gdpr-17-1-a' });
    expect(named.status).toBe(422);
    expect(await w.head()).toBe(head);
  });

  it('erases: "[slettet]" in every read and file, chains valid, counts unchanged, and a second erasure is 422', async () => {
    const before = await stats();
    const res = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: 'Sak 2026/12', legalBasis: 'gdpr-17-1-a' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ studentId, erasureId: expect.any(String) });

    const student = await w.get(`/students/${studentId}`, w.leader);
    expect(student.body.name).toBe('[slettet]');
    const registrations = await w.get(`/students/${studentId}/absences`, w.leader);
    expect(registrations.body.registrations[0]).toMatchObject({ date: '2026-11-16', kind: 'day', reason: '[slettet]' });
    const theCase = await w.get(`/cases/${caseId}`, w.leader);
    expect(theCase.status).toBe(200);
    expect(theCase.body.studentName).toBe('[slettet]');
    expect(theCase.body.contacts[0].summary).toBe('[slettet]');
    expect(theCase.body.meetings[0]).toMatchObject({
      minutes: '[slettet]',
      participants: [{ name: '[slettet]', role: 'contact-teacher' }],
    });
    expect((await w.get(`/cases/${caseId}/history/verify`, w.leader)).body).toMatchObject({ valid: true });
    const roster = await w.get('/schools/smoras/students?format=csv', w.leader);
    expect(roster.text).not.toContain(name);
    const history = await w.get(`/cases/${caseId}/history`, w.token('auditor'));
    const noark = await w.get(`/cases/${caseId}/export/noark`, w.leader);
    expect(noark.status).toBe(200);
    expect(noark.text).toContain('[slettet]');
    for (const secret of [name, REASON, SUMMARY, MINUTES]) expect(noark.text).not.toContain(secret);
    for (const secret of [name, REASON, SUMMARY, MINUTES]) {
      expect(JSON.stringify(theCase.body)).not.toContain(secret);
      expect(JSON.stringify(history.body)).not.toContain(secret);
    }
    expect(await stats()).toEqual(before);

    const again = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: 'Sak 2026/12', legalBasis: 'gdpr-17-1-a' });
    expect(again.status).toBe(422);
    expect(again.body.details).toEqual({ code: 'already-erased' });
    // Nothing personal can be recorded about them any more.
    const after = await w.post(`/students/${studentId}/absences`, w.leader, { date: '2026-11-20', kind: 'day' });
    expect(after.status).toBe(422);
  });

  it('keeps no clear text of the erased student in any file of DATA_DIR once the service has stopped', async () => {
    const dataDir = w.dataDir;
    await w.app.close();
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite', 'keys.sqlite']));
    for (const { parentPath, name: file } of files) {
      const bytes = readFileSync(join(parentPath, file));
      for (const secret of [name, REASON, SUMMARY, MINUTES]) {
        expect({ file, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, secret, found: false });
      }
    }
  });
});

describe('blocking, and an erasure of a student with an archived case', () => {
  let w: World;
  beforeAll(async () => {
    w = await World.start();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('blocks: the case is unreadable to all but the auditor, whose read is logged; listed to the auditor only; still counted', async () => {
    const studentId = await w.student('smoras', '5A', 5);
    const caseId = await w.openCase(studentId, { openedOn: '2026-11-17' });
    const before = (await w.get('/schools/smoras/statistics?from=2026-08-17&to=2026-11-23', w.leader)).body;
    expect((await w.post(`/cases/${caseId}/blocking`, w.admin, {})).status).toBe(400);
    expect((await w.post(`/cases/${caseId}/blocking`, w.leader, { reason: 'Sperres' })).status).toBe(403);
    const res = await w.post(`/cases/${caseId}/blocking`, w.admin, { reason: 'Sperres etter krav' });
    expect(res.status).toBe(201);
    for (const role of ['school-leader', 'contact-teacher', 'student-services'] as const) {
      expect({ role, status: (await w.get(`/cases/${caseId}`, w.token(role))).status }).toEqual({ role, status: 403 });
    }
    expect((await w.get('/cases?schoolId=smoras', w.leader)).body.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    const auditor = w.token('auditor');
    expect((await w.get(`/cases/${caseId}`, auditor)).status).toBe(200);
    expect((await w.get('/cases?schoolId=smoras', auditor)).body.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const log = await w.get(`/audit/access-log?caseId=${caseId}`, auditor);
    expect(log.body.some((e: { actor: { role: string }; action: string }) => e.actor.role === 'auditor' && e.action === 'case:read')).toBe(
      true,
    );
    expect((await w.get('/schools/smoras/statistics?from=2026-08-17&to=2026-11-23', w.leader)).body).toEqual(before);
    expect((await w.post(`/cases/${caseId}/blocking`, w.admin, { reason: 'Igjen' })).status).toBe(422);
    expect(
      (await w.post(`/cases/${caseId}/contacts`, w.leader, { with: 'guardian', channel: 'phone', at: '2026-11-20', summary: 'x' })).status,
    ).toBe(403);
  });

  it('answers 422 `archived` for a student whose case went to the archive, and blocks the case instead', async () => {
    const studentId = await w.student('smoras', '5A', 5);
    const caseId = await w.openCase(studentId, { openedOn: '2026-11-17' });
    await w.app.get(CommandBus).execute(
      new CaseWriteCommand(
        caseId,
        {
          type: 'RecordDeposit',
          data: {
            caseId,
            depositId: 'deposit-1',
            checksum: { algorithm: 'SHA-256', value: 'a'.repeat(64), of: 'arkivuttrekk.xml' },
            period: { from: '2026-08-17', to: '2026-11-23' },
          },
        },
        { id: 'cli', role: 'admin' },
      ),
    );
    w.lastPosition = await w.head();
    const res = await w.post(`/students/${studentId}/erasure`, w.admin, { reason: 'Sak 2026/13', legalBasis: 'gdpr-17-1-a' });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ code: 'archived' });
    w.lastPosition = await w.head();
    expect((await w.get(`/cases/${caseId}`, w.leader)).status).toBe(403);
    expect((await w.get(`/students/${studentId}`, w.leader)).body.name).toBe(studentName(2));
  });
});
