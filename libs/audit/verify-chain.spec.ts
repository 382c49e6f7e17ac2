import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '#event-store/event-store.port.js';
import { hashEvent } from '#event-store/hash.js';
import { verifyChain } from './verify-chain.js';

/** A chain as a store writes it: each hash over the envelope, linked to the one before. */
function chain(length: number, stream = 'case-7f1c'): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let revision = 0; revision < length; revision++) {
    const envelope = {
      id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      stream,
      revision,
      type: revision === 0 ? 'CaseOpened' : 'MeetingHeld',
      schemaVersion: 1,
      data: { n: revision, minutes: `Møte nr. ${revision}: elev og foresatte til stede, avtalt tiltak på skolen.` },
      metadata: {
        actor: { id: 'u-kari', role: 'contact-teacher' },
        occurredAt: `2026-01-${String(revision + 5).padStart(2, '0')}T09:00:00.000Z`,
        recordedAt: `2026-01-${String(revision + 5).padStart(2, '0')}T09:00:01.000Z`,
      },
      previousHash: revision === 0 ? null : events[revision - 1]!.hash,
    };
    events.push({ ...envelope, position: 100 + revision, hash: hashEvent(envelope) });
  }
  return events;
}

/** Recomputes the hash of one event the way a forger who knows the algorithm would. */
function rehash(event: StoredEvent): StoredEvent {
  return { ...event, hash: hashEvent(event) };
}

describe('verifyChain', () => {
  it('accepts an intact chain and counts its events', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, events: 5 });
  });

  it('accepts an empty stream', () => {
    expect(verifyChain([])).toEqual({ valid: true, events: 0 });
  });

  it('ignores the global position, which differs between stores', () => {
    const events = chain(3).map((e) => ({ ...e, position: e.position + 1000 }));
    expect(verifyChain(events)).toEqual({ valid: true, events: 3 });
  });

  it('names the revision whose data was changed', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, data: { n: 2, minutes: 'Endret i ettertid' } };
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('names the revision whose metadata (who, when) was changed', () => {
    const events = chain(5);
    const e = events[3]!;
    events[3] = { ...e, metadata: { ...e.metadata, actor: { id: 'u-other', role: 'school-leader' } } };
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 3, reason: 'hash-mismatch' });
  });

  it('names the revision whose hash was replaced', () => {
    const events = chain(5);
    events[1] = { ...events[1]!, hash: 'f'.repeat(64) };
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 1, reason: 'hash-mismatch' });
  });

  it('catches a change that was rehashed at the next link', () => {
    const events = chain(5);
    events[2] = rehash({ ...events[2]!, data: { n: 2, minutes: 'Forfalsket referat' } });
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 3, reason: 'previous-hash-mismatch' });
  });

  it('names the missing revision when an event was removed from the middle', () => {
    const events = chain(5);
    events.splice(2, 1);
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 2, reason: 'revision-gap' });
  });

  it('cannot see a removal hidden by rewriting every later event: only a recorded head can', () => {
    const events = chain(5);
    events.splice(2, 1);
    for (let i = 2; i < events.length; i++) {
      events[i] = rehash({ ...events[i]!, revision: i, previousHash: events[i - 1]!.hash });
    }
    // A forger who rewrites every later event produces a chain that is consistent on its own;
    // what gives it away is that revision 2 no longer hashes to what it did (checked here against
    // the original head), which is why the head hash is worth recording outside the store.
    const original = chain(5);
    expect(verifyChain(events)).toEqual({ valid: true, events: 4 });
    expect(events.at(-1)!.hash).not.toBe(original.at(-1)!.hash);
  });

  it('names revision 0 when the first event was removed', () => {
    expect(verifyChain(chain(4).slice(1))).toEqual({ valid: false, brokenAt: 0, reason: 'revision-gap' });
  });

  it('names the first position out of order when events were reordered', () => {
    const events = chain(5);
    [events[1], events[3]] = [events[3]!, events[1]!];
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 1, reason: 'revision-gap' });
  });

  it('catches a reorder whose revisions were renumbered to look continuous', () => {
    const events = chain(4);
    const [a, b] = [events[1]!, events[2]!];
    events[1] = { ...b, revision: 1 };
    events[2] = { ...a, revision: 2 };
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 1, reason: 'previous-hash-mismatch' });
  });

  it('rejects an event of another stream spliced in', () => {
    const events = chain(3);
    events[1] = chain(3, 'case-other')[1]!;
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 1, reason: 'wrong-stream' });
  });

  it('rejects a first event that claims a predecessor', () => {
    const events = chain(2);
    events[0] = rehash({ ...events[0]!, previousHash: 'a'.repeat(64) });
    expect(verifyChain(events)).toEqual({ valid: false, brokenAt: 0, reason: 'previous-hash-mismatch' });
  });
});
