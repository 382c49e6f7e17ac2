import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJsonFast, hashCanonical } from './canonical-hash.js';
import { canonicalJson, hashEvent } from './hash.js';

describe('canonicalJsonFast', () => {
  it('writes exactly what canonicalJson writes, for any value', () => {
    const odd = fc.constantFrom<unknown>(undefined, () => 1, Number.NaN, -0, Infinity, new Date(0), [undefined, 1]);
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, values: [fc.jsonValue(), odd] }), (value) => {
        expect(canonicalJsonFast(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hashCanonical', () => {
  it('gives the same digest as hashEvent for any envelope', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          stream: fc.string({ unit: 'grapheme' }),
          revision: fc.nat(),
          type: fc.string({ unit: 'grapheme' }),
          schemaVersion: fc.integer({ min: 1, max: 20 }),
          data: fc.jsonValue(),
          previousHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }),
          correlationId: fc.option(fc.string(), { nil: undefined }),
        }),
        ({ correlationId, ...e }) => {
          const metadata = {
            actor: { id: 'lærer-Ø', role: 'teacher' },
            occurredAt: '2026-01-15T08:30:00.000Z',
            recordedAt: '2026-01-15T08:31:00.000Z',
            correlationId,
          };
          const expected = hashEvent({ ...e, metadata });
          const actual = hashCanonical({ ...e, dataJson: canonicalJsonFast(e.data), metadataJson: canonicalJsonFast(metadata) });
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
