import { describe, expect, it } from '@jest/globals';
import { fromEsdbMetadata, toEsdbMetadata } from './envelope-metadata.js';

describe('ESDB envelope metadata', () => {
  const metadata = {
    actor: { id: 'lærer-Ø', role: 'teacher' },
    occurredAt: '2026-01-15T08:30:00.000Z',
    recordedAt: '2026-01-15T08:30:01.000Z',
    correlationId: 'c-1',
  };
  const envelope = { schemaVersion: 3, indexInAppend: 2, revision: 7, previousHash: 'a'.repeat(64), hash: 'b'.repeat(64) };

  it('round-trips the port metadata and the envelope fields through one JSON object', () => {
    const stored = JSON.parse(JSON.stringify(toEsdbMetadata(metadata, envelope))) as unknown;
    expect(fromEsdbMetadata(stored)).toEqual({ metadata, envelope });
  });

  it('keeps a null previousHash and ignores events without a hash', () => {
    expect(fromEsdbMetadata(toEsdbMetadata(metadata, { ...envelope, previousHash: null }))?.envelope.previousHash).toBeNull();
    expect(fromEsdbMetadata({ $correlationId: 'x' })).toBeUndefined();
    expect(fromEsdbMetadata(undefined)).toBeUndefined();
  });
});
