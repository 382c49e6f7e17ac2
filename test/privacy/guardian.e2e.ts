/**
 * The guardian (api.md, Identity and access: `guardian`, `children`) and the innsyn (Privacy):
 * a guardian reports absence (always as reported by a guardian), reads their child's
 * registrations, level and tasks, gives and withdraws consents as themself, and reads the
 * innsyn, which holds every stored record of the child (compared with the events as stored) and
 * renders as a PDF (converted to PNG with pdftoppm). Another's child is 403 and appends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { World, studentName } from '../api/routes/support/fixture.js';

const SUMMARY = 'Far fortalte at eleven gruer seg til gymtimene';

describe('guardians and the innsyn', () => {
  let w: World;
  let childId: string;
  let caseId: string;
  let guardian: string;
  let otherGuardian: string;
  const out = mkdtempSync(join(tmpdir(), 'innsyn-'));

  beforeAll(async () => {
    w = await World.start();
    childId = await w.student('smoras', '5A', 5);
    guardian = w.token('guardian', 'in');
    otherGuardian = w.token('guardian', 'other-school');
    caseId = await w.openCase(childId, { openedOn: '2026-11-17' });
    await w.ok(`/cases/${caseId}/contacts`, w.leader, { with: 'guardian', channel: 'phone', at: '2026-11-18', summary: SUMMARY });
    await w.get(`/students/${childId}/concern`, w.leader);
  });
  afterAll(async () => {
    await w?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it("reports absence for the own child as the guardian's report, and not for another's child", async () => {
    const head = await w.head();
    const refused = await w.post(`/students/${childId}/absences`, otherGuardian, { date: '2026-11-20', kind: 'day' });
    expect(refused.status).toBe(403);
    expect(await w.head()).toBe(head);
    const res = await w.post(`/students/${childId}/absences`, guardian, {
      date: '2026-11-20',
      kind: 'day',
      reportedByGuardian: false,
      reason: 'Syk',
    });
    expect(res.status).toBe(201);
    const [event] = await w.eventsAfter(head);
    expect(event).toMatchObject({
      type: 'AbsenceRegistered',
      data: { reportedByGuardian: true, reason: 'Syk' },
      metadata: { actor: { role: 'guardian' } },
    });
    expect(event!.metadata.actor.name).toBeUndefined();
    const registrations = await w.get(`/students/${childId}/absences`, guardian);
    expect(registrations.status).toBe(200);
    expect(registrations.body.registrations).toEqual([expect.objectContaining({ date: '2026-11-20', reportedByGuardian: true })]);
    expect((await w.get(`/students/${childId}/concern`, guardian)).status).toBe(200);
    expect((await w.get(`/students/${childId}/tasks/history`, guardian)).status).toBe(200);
    expect((await w.get(`/students/${childId}/absences`, otherGuardian)).status).toBe(403);
    // The case's records are the school's: the guardian reads them through the innsyn.
    expect((await w.get(`/cases/${caseId}`, guardian)).status).toBe(403);
  });

  it("gives and withdraws a consent in the own child's case, recorded as given by that guardian", async () => {
    const refused = await w.post(`/cases/${caseId}/consents`, otherGuardian, {
      purpose: 'ppt',
      recipients: ['PPT'],
      givenAt: '2026-11-21',
    });
    expect(refused.status).toBe(403);
    const given = await w.post(`/cases/${caseId}/consents`, guardian, {
      purpose: 'ppt',
      recipients: ['PPT'],
      givenAt: '2026-11-21',
      givenBy: { name: 'Noen Andre', relation: 'student' },
    });
    expect(given.status).toBe(201);
    const consents = await w.get(`/students/${childId}/consents`, guardian);
    expect(consents.body).toEqual([
      expect.objectContaining({
        caseId,
        consentId: given.body.consentId,
        purpose: 'ppt',
        givenBy: { name: 'Test guardian', relation: 'guardian' },
      }),
    ]);
    const withdrawn = await w.post(`/cases/${caseId}/consents/${given.body.consentId}/withdrawal`, guardian, { at: '2026-11-22' });
    expect(withdrawn.status).toBe(201);
    expect((await w.get(`/students/${childId}/consents`, guardian)).body[0]).toMatchObject({ withdrawnOn: '2026-11-22' });
    // A school's consent still names who gave it.
    expect(
      (await w.post(`/cases/${caseId}/consents`, w.leader, { purpose: 'ppt', recipients: ['PPT'], givenAt: '2026-11-21' })).status,
    ).toBe(400);
  });

  it('holds every stored record of the child in the innsyn, and every read of them', async () => {
    expect((await w.get(`/students/${childId}/innsyn`, otherGuardian)).status).toBe(403);
    const res = await w.get(`/students/${childId}/innsyn`, guardian);
    expect(res.status).toBe(200);
    const stored = [...(await w.events.readStream(`student-${childId}`)), ...(await w.events.readStream(`case-${caseId}`))];
    expect(res.body.records.map((r: { id: string }) => r.id).sort()).toEqual(stored.map((e) => e.id).sort());
    for (const event of stored) {
      expect(res.body.records.find((r: { id: string }) => r.id === event.id).data).toEqual(event.data);
    }
    expect(res.body.student).toMatchObject({ name: studentName(1), schoolId: 'smoras', group: '5A' });
    expect(JSON.stringify(res.body)).toContain(SUMMARY);
    expect(res.body.cases).toEqual([expect.objectContaining({ caseId, blocked: false })]);
    const reads = res.body.accessLog as { action: string; actor: { role: string } }[];
    expect(reads.some((a) => a.action === 'concern:read' && a.actor.role === 'school-leader')).toBe(true);
    expect((await w.get(`/students/${childId}/innsyn`, w.admin)).status).toBe(200);
    expect((await w.get(`/students/${childId}/innsyn`, w.leader)).status).toBe(403);
  });

  it('renders the innsyn as a PDF a person can read (pdftoppm makes a page of it)', async () => {
    const res = await request(w.server)
      .get(`/students/${childId}/innsyn?format=pdf`)
      .set('Authorization', `Bearer ${guardian}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = join(out, 'innsyn.pdf');
    writeFileSync(pdf, res.body as Buffer);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(out, 'page')]);
    const png = ['page-1.png', 'page-01.png'].map((f) => join(out, f)).find((f) => existsSync(f));
    expect(png).toBeDefined();
    expect(statSync(png!).size).toBeGreaterThan(5_000);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Innsyn i personopplysninger');
    expect(text).toContain(studentName(1));
    expect(text).toContain('Fraværsregistreringer');
    expect(text).toContain('gruer seg til gymtimene');
  });
});
