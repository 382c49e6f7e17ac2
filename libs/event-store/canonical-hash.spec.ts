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
      { numRuns: 1000 },
    );
  });

  it('keeps sorted order for integer-like, symbol-prefixed and __proto__ keys', () => {
    const cases: unknown[] = [
      { b: 1, '10': 2, '9': 3, a: 4 },
      { '-a': 1, '5': 2 },
      { '0': 'x', a: 1 },
      JSON.parse('{"__proto__": {"z": 1, "a": 2}, "b": [3, {"y": null, "x": "æøå"}]}'),
      { d: new Date(0), f: () => 1, s: Symbol('s'), u: undefined, n: Number.NaN },
    ];
    for (const value of cases) expect(canonicalJsonFast(value)).toBe(canonicalJson(value));
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
