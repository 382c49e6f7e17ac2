/** The access log read model, fed through the real event store and projector. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccessRecord } from '#access/access-log.port.js';
import { accessLogStream, accessRecordedEvent } from '#read-models/projections/access-log/access-log.events.js';
import { accessLogProjection } from '#read-models/projections/access-log/access-log.projection.js';
import { getAccessLog } from '#read-models/projections/access-log/access-log.queries.js';
import { enrol, open, school } from '#testing/read-models/municipality.fixtures.js';
import { startHarness, toNewEvent, type Harness } from '#testing/read-models/projection-harness.fixtures.js';

const leader = { id: 'u-leader', role: 'school-leader' };
const ppt = { id: 'u-ppt', role: 'ppt' };

describe('access log', () => {
  let h: Harness;
  const accesses: AccessRecord[] = [
    { actor: leader, action: 'case:read', target: { type: 'case', id: 'c1' }, at: '2026-01-05T09:00:00.000Z' },
    { actor: leader, action: 'concern:read', target: { type: 'student', id: 's1' }, at: '2026-01-05T08:00:00.000Z' },
    { actor: ppt, action: 'case:read', target: { type: 'case', id: 'c2' }, at: '2026-01-06T10:00:00.000Z' },
    { actor: ppt, action: 'case:read', target: { type: 'case', id: 'c1' }, at: '2026-01-07T10:00:00.000Z' },
    { actor: ppt, action: 'case:list', target: { type: 'case-list', id: 'ppt' }, at: '2026-01-07T10:00:00.000Z' },
    {
      actor: ppt,
      action: 'ppt-cases:read',
      target: { type: 'case-list', id: 'ppt' },
      revealed: { type: 'case', ids: ['c1', 'c2'] },
      at: '2026-01-08T10:00:00.000Z',
    },
  ];

  beforeAll(async () => {
    h = await startHarness([accessLogProjection]);
    // Case streams only so the log can file case reads under their student.
    const setup = [
      school('B', 'm1', 'barneskole'),
      enrol('s1', 'B', 4),
      enrol('s2', 'B', 5),
      open('c1', 's1', 'B', '2026-01-05'),
      open('c2', 's2', 'B', '2026-01-05'),
    ];
    for (const f of setup) await h.events.appendToStream(f.stream, [toNewEvent(f)]);
    // Appended out of time order (two API instances); the log sorts by `at`.
    let position = 0;
    for (const a of accesses) position = (await h.events.appendToStream(accessLogStream(a.at), [accessRecordedEvent(a)])).position;
    expect(await h.projector.waitForPosition(position, 10_000)).toBe(true);
  });
  afterAll(() => h.close());

  it('appends to a stream per UTC day', () => {
    expect(accessLogStream('2026-01-05T23:30:00.000Z')).toBe('access-2026-01-05');
    expect(accessLogStream('2026-01-06T00:30:00+02:00')).toBe('access-2026-01-05');
  });

  it('lists the reads of a case, oldest first', async () => {
    expect((await getAccessLog(h.reader('access-log'), { caseId: 'c1' })).items).toEqual([
      { at: '2026-01-05T09:00:00.000Z', actor: leader, action: 'case:read', target: { type: 'case', id: 'c1' } },
      { at: '2026-01-07T10:00:00.000Z', actor: ppt, action: 'case:read', target: { type: 'case', id: 'c1' } },
      {
        at: '2026-01-08T10:00:00.000Z',
        actor: ppt,
        action: 'ppt-cases:read',
        target: { type: 'case-list', id: 'ppt' },
        revealed: { type: 'case', ids: ['c1', 'c2'] },
      },
    ]);
  });

  it("lists the reads about a student: the concern and the student's cases", async () => {
    const log = (await getAccessLog(h.reader('access-log'), { studentId: 's1' })).items;
    expect(log.map((e) => `${e.at} ${e.action} ${e.target.id}`)).toEqual([
      '2026-01-05T08:00:00.000Z concern:read s1',
      '2026-01-05T09:00:00.000Z case:read c1',
      '2026-01-07T10:00:00.000Z case:read c1',
      '2026-01-08T10:00:00.000Z ppt-cases:read ppt',
    ]);
    expect((await getAccessLog(h.reader('access-log'), { studentId: 's1', caseId: 'c2' })).items).toEqual([]);
  });

  it('keeps everything, listings included, for the whole log', async () => {
    const log = (await getAccessLog(h.reader('access-log'), {})).items;
    expect(log).toHaveLength(6);
    expect(log.map((e) => e.at)).toEqual([...log.map((e) => e.at)].sort());
    // Pages of two, cursor to cursor, give the same entries in the same order.
    const pages: typeof log = [];
    let after: Awaited<ReturnType<typeof getAccessLog>>['next'];
    for (let i = 0; i < 5; i++) {
      const page = await getAccessLog(h.reader('access-log'), { limit: 2, ...(after ? { after } : {}) });
      pages.push(...page.items);
      expect(page.items.length).toBeLessThanOrEqual(2);
      if (!page.next) break;
      after = page.next;
    }
    expect(pages).toEqual(log);
  });

  it('files a listing once, under every case and student it showed (one entry per request)', async () => {
    const listing = (await getAccessLog(h.reader('access-log'), { caseId: 'c2' })).items;
    expect(listing.map((e) => `${e.action} ${e.target.id}`)).toEqual(['case:read c2', 'ppt-cases:read ppt']);
    expect(listing[1]!.revealed).toEqual({ type: 'case', ids: ['c1', 'c2'] });
    expect((await getAccessLog(h.reader('access-log'), { studentId: 's2' })).items.map((e) => e.action)).toEqual([
      'case:read',
      'ppt-cases:read',
    ]);
  });
});
