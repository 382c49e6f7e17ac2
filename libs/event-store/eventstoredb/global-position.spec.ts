import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromPortPosition, toPortPosition } from './global-position.js';

describe('ESDB global position mapping', () => {
  it('is the commit position itself, and starts a read at that same position', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 52n }), (commit) => {
        const p = toPortPosition(commit);
        expect(fromPortPosition(p)).toEqual({ commit, prepare: commit });
      }),
    );
  });

  it('orders as the log does, and refuses positions past exact JavaScript numbers', () => {
    expect(toPortPosition(10n) < toPortPosition(11n)).toBe(true);
    expect(fromPortPosition(1)).toEqual({ commit: 1n, prepare: 1n });
    expect(() => toPortPosition(2n ** 60n)).toThrow(RangeError);
  });
});
