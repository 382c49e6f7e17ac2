import { describe, expect, it } from '@jest/globals';
import { deepFreeze } from './deep-freeze.js';
import { FrozenMemo } from './frozen-memo.js';

describe('FrozenMemo', () => {
  it('computes once per frozen document and key, every time for a document that may change', () => {
    const memo = new FrozenMemo<{ n: number }, number>(2);
    let computed = 0;
    const square = (doc: { n: number }) => () => (computed++, doc.n * doc.n);
    const shared = deepFreeze({ n: 3 });
    expect([memo.get(shared, 'a', square(shared)), memo.get(shared, 'a', square(shared))]).toEqual([9, 9]);
    expect(computed).toBe(1);
    const fresh = { n: 4 };
    expect([memo.get(fresh, 'a', square(fresh)), memo.get(fresh, 'a', square(fresh))]).toEqual([16, 16]);
    expect(computed).toBe(3);
    // Past two keys the document's answers start over: 'a' is computed again.
    memo.get(shared, 'b', square(shared));
    memo.get(shared, 'c', square(shared));
    memo.get(shared, 'a', square(shared));
    expect(computed).toBe(6);
  });
});
