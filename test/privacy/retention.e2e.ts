/**
 * Retention (api.md, Privacy: `GET /retention`; issue: rules as data, nothing erased without an
 * admin's approval): the API lists what is due in the admin's municipality; `cli retention`
 * lists the same and carries out only what `--approve` names, then rebuilds the read models so
 * no clear text of an erased student stays.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { CaseWriteCommand } from '#api/cases/case-write.handler.js';
import { DEFAULT_RETENTION_RULES } from '#domain/privacy/retention.js';
import { applyRetention } from '#cli/retention/apply-retention.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { World } from '../api/routes/support/fixture.js';

describe('retention', () => {
  let w: World;
  let caseId: string;
  let leaverId: string;

  beforeAll(async () => {
    w = await World.start();
    const studentId = await w.student('smoras', '5A', 5);
    caseId = await w.openCase(studentId, { openedOn: '2026-11-02' });
    await w.ok(`/cases/${caseId}/close`, w.leader, { outcome: 'resolved', note: 'Ferdig' });
    await w.app.get(CommandBus).execute(
      new CaseWriteCommand(
        caseId,
        {
          type: 'RecordDeposit',
          data: {
            caseId,
            depositId: 'deposit-1',
            checksum: { algorithm: 'SHA-256', value: 'b'.repeat(64), of: 'arkivuttrekk.xml' },
            period: { from: '2026-08-17', to: '2026-11-23' },
            on: '2026-11-20',
          },
        },
        { id: 'cli', role: 'admin' },
      ),
    );
    leaverId = await w.student('kombi', '10A', 10);
    w.lastPosition = await w.head();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('lists what is due with its rule and date, for an admin only', async () => {
    expect((await w.get('/retention', w.leader)).status).toBe(403);
    const res = await w.get('/retention', w.admin);
    expect(res.status).toBe(200);
    expect(res.body.rules).toEqual(DEFAULT_RETENTION_RULES);
    expect(res.body.due).toEqual([
      expect.objectContaining({
        id: `case-after-deposit:${caseId}`,
        action: 'block',
        caseId,
        dueOn: '2026-11-20',
        rule: expect.objectContaining({ id: 'case-after-deposit' }),
      }),
    ]);
    // Another municipality's admin sees none of it.
    expect((await w.get('/retention', w.token('admin', 'other-municipality'))).body.due).toEqual([]);
  });

  it('carries out only what is approved, and erases a leaver a year after grunnskole with the read models rebuilt', async () => {
    await w.app.close();
    const settings = { dataDir: w.dataDir, eventstoreUrl: null, mongodbUrl: null, notice: () => undefined };
    const listed = await applyRetention({ rules: DEFAULT_RETENTION_RULES, today: '2028-08-01', settings });
    expect(listed.done).toEqual({});
    expect(listed.due.map((d) => d.id)).toEqual(
      expect.arrayContaining([`case-after-deposit:${caseId}`, `student-after-grunnskole:${leaverId}`]),
    );
    const approved = await applyRetention({
      rules: DEFAULT_RETENTION_RULES,
      today: '2028-08-01',
      approve: [`case-after-deposit:${caseId}`, `student-after-grunnskole:${leaverId}`],
      settings,
    });
    expect(approved.done).toEqual({ [`case-after-deposit:${caseId}`]: 'blocked', [`student-after-grunnskole:${leaverId}`]: 'erased' });
    expect(approved.rebuilt).toBe(true);
    const after = await applyRetention({ rules: DEFAULT_RETENTION_RULES, today: '2028-08-01', settings });
    expect(after.due.map((d) => d.id)).not.toContain(`case-after-deposit:${caseId}`);
    expect(after.due.map((d) => d.id)).not.toContain(`student-after-grunnskole:${leaverId}`);
    const store = await openEventStore(settings);
    const [enrolled] = await store.readStream(`student-${leaverId}`);
    expect((enrolled!.data as { name: string }).name).toBe('[slettet]');
    await store.close();
  });
});
