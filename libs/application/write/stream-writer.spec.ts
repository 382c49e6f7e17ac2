import { describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { caseDecider } from '#domain/case/index.js';
import { StreamWriter } from './stream-writer.js';

const actor = { id: 'u1', role: 'contact-teacher' };
const open = (caseId: string) => ({ type: 'OpenCase' as const, data: { caseId, studentId: 's1', schoolId: 'k1', openedOn: '2026-11-02' } });
const contact = (caseId: string, contactId: string) => ({
  type: 'RecordContact' as const,
  data: { caseId, contactId, with: 'guardian' as const, channel: 'phone' as const, at: '2026-11-03', summary: 'Ringte hjem' },
});
const context = { today: '2026-11-23' };

describe('StreamWriter', () => {
  it('appends what decide returns and answers the revision and global position', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const writer = new StreamWriter(store);
    const first = await writer.execute('case-c1', caseDecider, open('c1'), context, { actor });
    const second = await writer.execute('case-c1', caseDecider, contact('c1', 'k1'), context, { actor });
    expect([first.revision, first.position, second.revision, second.position]).toEqual([0, 1, 1, 2]);
    expect((await store.readStream('case-c1')).map((e) => e.type)).toEqual(['CaseOpened', 'ContactRecorded']);
    await store.close();
  });

  it('refuses a stale If-Match with WrongExpectedRevision and appends nothing', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const writer = new StreamWriter(store);
    await writer.execute('case-c1', caseDecider, open('c1'), context, { actor });
    await expect(
      writer.execute('case-c1', caseDecider, contact('c1', 'k1'), context, { actor, expectedRevision: 5 }),
    ).rejects.toMatchObject({
      name: 'WrongExpectedRevision',
      expected: 5,
      actual: 0,
    });
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('sees events another writer appended after its state was cached', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const cached = new StreamWriter(store);
    const other = new StreamWriter(store);
    await cached.execute('case-c1', caseDecider, open('c1'), context, { actor });
    await other.execute('case-c1', caseDecider, contact('c1', 'k1'), context, { actor });
    const loaded = await cached.load('case-c1', caseDecider);
    expect(loaded.revision).toBe(1);
    expect(loaded.state.status === 'open' && loaded.state.contacts.map((c) => c.contactId)).toEqual(['k1']);
    await store.close();
  });

  it('loses a race on one stream with WrongExpectedRevision rather than deciding on stale state', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const a = new StreamWriter(store);
    const b = new StreamWriter(store);
    await a.execute('case-c1', caseDecider, open('c1'), context, { actor });
    const loadedA = await a.load('case-c1', caseDecider);
    const loadedB = await b.load('case-c1', caseDecider);
    await a.execute('case-c1', caseDecider, contact('c1', 'k1'), context, { actor }, loadedA);
    await expect(b.execute('case-c1', caseDecider, contact('c1', 'k2'), context, { actor }, loadedB)).rejects.toMatchObject({
      name: 'WrongExpectedRevision',
    });
    expect((await store.readStream('case-c1')).length).toBe(2);
    await store.close();
  });

  it('a domain refusal appends nothing', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const writer = new StreamWriter(store);
    await expect(writer.execute('case-c9', caseDecider, contact('c9', 'k1'), context, { actor })).rejects.toMatchObject({
      code: 'case-not-found',
    });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });
});
