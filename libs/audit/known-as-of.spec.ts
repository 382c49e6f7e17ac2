import { describe, expect, it } from '@jest/globals';
import { endOfOsloDay, osloDateOf, recordedBy } from './known-as-of.js';

describe('Oslo business dates of instants', () => {
  it('the end of an Oslo day, winter (UTC+1) and summer (UTC+2)', () => {
    expect(endOfOsloDay('2026-11-20')).toBe('2026-11-20T22:59:59.999Z');
    expect(endOfOsloDay('2026-07-01')).toBe('2026-07-01T21:59:59.999Z');
    // The days the clocks change: the offset at the end of the day counts.
    expect(endOfOsloDay('2026-03-29')).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfOsloDay('2026-10-25')).toBe('2026-10-25T22:59:59.999Z');
  });

  it('an instant’s Oslo date, which may be the next UTC day', () => {
    expect(osloDateOf('2026-11-20T22:59:59.999Z')).toBe('2026-11-20');
    expect(osloDateOf('2026-11-20T23:00:00.000Z')).toBe('2026-11-21');
    expect(osloDateOf(endOfOsloDay('2026-07-01'))).toBe('2026-07-01');
  });
});

describe('recordedBy', () => {
  const at = (revision: number, recordedAt: string) => ({ revision, metadata: { recordedAt } }) as never;
  it('is the prefix of the stream recorded by the instant, cut at the first later stamp', () => {
    const events = [at(0, '2026-11-20T10:00:00.000Z'), at(1, '2026-11-20T10:00:02.000Z'), at(2, '2026-11-20T10:00:01.000Z')];
    expect(recordedBy(events, '2026-11-20T10:00:01.500Z').map((e: { revision: number }) => e.revision)).toEqual([0]);
    expect(recordedBy(events, '2026-11-20T10:00:02.000Z').map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2]);
    expect(recordedBy(events, '2026-11-20T09:00:00.000Z')).toEqual([]);
  });
});
