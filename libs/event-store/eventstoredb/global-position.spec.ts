import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EVENTS_PER_COMMIT, fromPortPosition, toPortPosition } from './global-position.js';

describe('ESDB global position mapping', () => {
  it('round-trips commit and index, and orders like (commit, index)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 40n }),
        fc.nat({ max: EVENTS_PER_COMMIT - 1 }),
        fc.bigInt({ min: 0n, max: 2n ** 40n }),
        fc.nat({ max: EVENTS_PER_COMMIT - 1 }),
        (c1, i1, c2, i2) => {
          const p1 = toPortPosition(c1, i1);
          expect(fromPortPosition(p1)).toEqual({ commit: c1, skip: i1 });
          const before = c1 < c2 || (c1 === c2 && i1 < i2);
          expect(p1 < toPortPosition(c2, i2)).toBe(before);
        },
      ),
    );
  });

  it('maps the port default (position 1) to the start of the log, and refuses out-of-range input', () => {
    expect(fromPortPosition(1)).toEqual({ commit: 0n, skip: 1 });
    expect(fromPortPosition(0)).toEqual({ commit: 0n, skip: 0 });
    expect(() => toPortPosition(2n ** 60n, 0)).toThrow(RangeError);
    expect(() => toPortPosition(1n, EVENTS_PER_COMMIT)).toThrow(RangeError);
  });
});
