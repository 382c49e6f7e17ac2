import { describe, expect, it } from '@jest/globals';
import { assertAppendable, idempotentResult, revisionMatches } from './append-checks.js';
import { EventIdConflict, type NewEvent } from './event-store.port.js';

const event = (id: string): NewEvent => ({
  id,
  type: 'T',
  schemaVersion: 1,
  data: {},
  metadata: { actor: { id: 'a', role: 'r' }, occurredAt: '2026-01-01T00:00:00.000Z' },
});

describe('revisionMatches', () => {
  it.each([
    ['any', -1, true],
    ['any', 4, true],
    ['no-stream', -1, true],
    ['no-stream', 0, false],
    ['stream-exists', -1, false],
    ['stream-exists', 0, true],
    [3, 3, true],
    [3, 2, false],
    [0, -1, false],
    // A stale writer: it read the stream at an earlier revision and another append has landed since.
    [2, 3, false],
    [0, 5, false],
  ] as const)('%p against current %p is %p', (expected, current, matches) => {
    expect(revisionMatches(expected, current)).toBe(matches);
  });
});

describe('assertAppendable', () => {
  it('refuses empty calls, repeated ids and events without id, type or integer schemaVersion', () => {
    expect(() => assertAppendable('s', [])).toThrow(TypeError);
    expect(() => assertAppendable('', [event('a')])).toThrow(TypeError);
    expect(() => assertAppendable('s', [event('a'), event('a')])).toThrow(EventIdConflict);
    expect(() => assertAppendable('s', [{ ...event('a'), id: '' }])).toThrow(TypeError);
    expect(() => assertAppendable('s', [{ ...event('a'), type: '' }])).toThrow(TypeError);
    expect(() => assertAppendable('s', [{ ...event('a'), schemaVersion: 1.5 }])).toThrow(TypeError);
    expect(() => assertAppendable('s', [event('a'), event('b')])).not.toThrow();
  });
});

describe('idempotentResult', () => {
  const at = (revision: number, position: number, stream = 's') => ({ stream, revision, position });

  it('is null when no id is stored, and the last stored location when all are, consecutively', () => {
    expect(idempotentResult('s', ['a', 'b'], [undefined, undefined])).toBeNull();
    expect(idempotentResult('s', ['a', 'b'], [at(3, 10), at(4, 11)])).toEqual({ nextRevision: 4, position: 11 });
  });

  it('is a conflict for partial, reordered, gapped or foreign-stream matches', () => {
    expect(() => idempotentResult('s', ['a', 'b'], [at(3, 10), undefined])).toThrow(EventIdConflict);
    expect(() => idempotentResult('s', ['a', 'b'], [at(4, 11), at(3, 10)])).toThrow(EventIdConflict);
    expect(() => idempotentResult('s', ['a', 'b'], [at(3, 10), at(5, 12)])).toThrow(EventIdConflict);
    expect(() => idempotentResult('s', ['a'], [at(0, 1, 'other')])).toThrow(EventIdConflict);
  });
});
