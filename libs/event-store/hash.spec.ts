/**
 * Known-answer vectors for the hash chain: two envelopes whose canonical JSON is written out here
 * by hand and whose SHA-256 was computed outside this code (Python's hashlib over those strings).
 * A change to the canonical form, the hashed fields or the chaining breaks every stored chain, so
 * it must fail here, not only in a round trip through the same code.
 */
import { describe, expect, it } from '@jest/globals';
import { canonicalJson, hashEvent, type HashedEnvelope } from './hash.js';

const first: HashedEnvelope = {
  id: '00000000-0000-4000-8000-000000000001',
  stream: 'student-elev-1',
  revision: 0,
  type: 'AbsenceRegistered',
  schemaVersion: 1,
  data: { studentId: 'elev-1', date: '2026-01-05', kind: 'day', note: undefined },
  metadata: {
    actor: { id: 'lærer-1', role: 'contact-teacher' },
    occurredAt: '2026-01-05T07:30:00.000Z',
    recordedAt: '2026-01-05T07:30:01.000Z',
  },
  previousHash: null,
};
const FIRST_CANONICAL =
  '{"data":{"date":"2026-01-05","kind":"day","studentId":"elev-1"},"id":"00000000-0000-4000-8000-000000000001",' +
  '"metadata":{"actor":{"id":"lærer-1","role":"contact-teacher"},"occurredAt":"2026-01-05T07:30:00.000Z","recordedAt":"2026-01-05T07:30:01.000Z"},' +
  '"previousHash":null,"revision":0,"schemaVersion":1,"stream":"student-elev-1","type":"AbsenceRegistered"}';
const FIRST_HASH = '80b431e4047c053eded84691ab6d66a3072c2e1604dfcfaa0eab0b2a2d58edaf';
const SECOND_HASH = '55ff02ff5feae4b2124228d95a68c3fcd3338b30a36bb0de694fdec674d3ce90';

describe('the hash chain, by known answers', () => {
  it('writes the canonical form: keys sorted, no spaces, undefined members dropped, UTF-8 as is', () => {
    const { id, stream, revision, type, schemaVersion, data, metadata, previousHash } = first;
    expect(canonicalJson({ id, stream, revision, type, schemaVersion, data, metadata, previousHash })).toBe(FIRST_CANONICAL);
  });

  it('hashes the first event of a stream to the known SHA-256', () => {
    expect(hashEvent(first)).toBe(FIRST_HASH);
  });

  it('chains the next event through previousHash to its known SHA-256', () => {
    const second: HashedEnvelope = {
      id: '00000000-0000-4000-8000-000000000002',
      stream: 'student-elev-1',
      revision: 1,
      type: 'AbsenceCorrected',
      schemaVersion: 1,
      data: { reason: 'Sykdom', absenceId: 'a1' },
      metadata: {
        recordedAt: '2026-01-06T08:00:00.500Z',
        occurredAt: '2026-01-06T08:00:00.000Z',
        actor: { role: 'contact-teacher', id: 'lærer-1' },
      },
      previousHash: FIRST_HASH,
    };
    expect(hashEvent(second)).toBe(SECOND_HASH);
    expect(hashEvent({ ...second, previousHash: SECOND_HASH })).not.toBe(SECOND_HASH);
  });
});
