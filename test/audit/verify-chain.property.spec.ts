import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';
import { verifyChain } from '#audit/verify-chain.js';

/**
 * Properties of the chain check over random streams: an untouched chain always verifies, and
 * any single tampering (edit, removal, swap, duplicate) is found at the revision where it was
 * made. The unit spec pins the examples; this looks for the case nobody thought of.
 */

const payload = fc.dictionary(
  fc.string({ maxLength: 8 }),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })),
  { maxKeys: 4 },
);

const streamArb = fc.array(payload, { minLength: 1, maxLength: 12 }).map((datas) => {
  const events: StoredEvent[] = [];
  datas.forEach((data, revision) => {
    const envelope = {
      id: `id-${revision}`,
      stream: 'case-prop',
      revision,
      type: 'Recorded',
      schemaVersion: 1,
      data,
      metadata: {
        actor: { id: 'u1', role: 'student-services' },
        occurredAt: '2026-02-01T08:00:00.000Z',
        recordedAt: `2026-02-01T08:00:${String(revision).padStart(2, '0')}.000Z`,
      },
      previousHash: revision === 0 ? null : events[revision - 1]!.hash,
    };
    events.push({ ...envelope, position: revision + 1, hash: hashEvent(envelope) });
  });
  return events;
});

describe('verifyChain (properties)', () => {
  it('verifies every untouched chain', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        expect(verifyChain(events)).toEqual({ valid: true, events: events.length });
      }),
    );
  });

  it('finds a changed payload at its own revision', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), payload, (events, pick, replacement) => {
        const i = pick % events.length;
        fc.pre(JSON.stringify(replacement) !== JSON.stringify(events[i]!.data));
        const tampered = events.map((e, j) => (j === i ? { ...e, data: replacement } : e));
        expect(verifyChain(tampered)).toEqual({ valid: false, brokenAt: i, reason: 'hash-mismatch' });
      }),
    );
  });

  it('finds a removed event (other than the last) at its revision', () => {
    fc.assert(
      fc.property(
        streamArb.filter((e) => e.length >= 2),
        fc.nat(),
        (events, pick) => {
          const i = pick % (events.length - 1);
          const tampered = events.filter((_, j) => j !== i);
          expect(verifyChain(tampered)).toMatchObject({ valid: false, brokenAt: i });
        },
      ),
    );
  });

  it('finds two swapped events at the first of them', () => {
    fc.assert(
      fc.property(
        streamArb.filter((e) => e.length >= 2),
        fc.nat(),
        fc.nat(),
        (events, a, b) => {
          const [i, j] = [a % events.length, b % events.length].sort((x, y) => x - y) as [number, number];
          fc.pre(i !== j);
          const tampered = [...events];
          [tampered[i], tampered[j]] = [events[j]!, events[i]!];
          expect(verifyChain(tampered)).toMatchObject({ valid: false, brokenAt: i });
        },
      ),
    );
  });

  it('finds a duplicated event right after the original', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), (events, pick) => {
        const i = pick % events.length;
        const tampered = [...events.slice(0, i + 1), events[i]!, ...events.slice(i + 1)];
        expect(verifyChain(tampered)).toEqual({ valid: false, brokenAt: i + 1, reason: 'revision-gap' });
      }),
    );
  });
});
