import { describe, expect, it } from '@jest/globals';
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import type { Decider } from '../shared/decider.js';
import { DeciderSpecification } from './decider-specification.js';

// A toy counter: the helper is tested on something too small to be wrong itself.
type Cmd = { type: 'Add'; data: { n: number } };
type Ev = { type: 'Added'; schemaVersion: 1; data: { n: number } };
const counter: Decider<Cmd, Ev, number, { limit: number }> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.n,
  decide: (c, s, ctx) => {
    if (c.data.n === 0) return [];
    if (s + c.data.n > ctx.limit) throw new DomainError('invalid-field', 'too much', 'n');
    if (c.data.n < 0) throw new NotFoundError('absence-not-found', 'no');
    return [{ type: 'Added', schemaVersion: 1, data: { n: c.data.n } }];
  },
};
const spec = DeciderSpecification.for(counter, { limit: 10 });
const added = (n: number): Ev => ({ type: 'Added', schemaVersion: 1, data: { n } });

describe('DeciderSpecification', () => {
  it('folds the given events before deciding', () => {
    spec
      .given([added(4), added(5)])
      .when({ type: 'Add', data: { n: 1 } })
      .then([added(1)]);
  });
  it('lets one case override the context', () => {
    spec
      .given([added(9)])
      .when({ type: 'Add', data: { n: 5 } }, { limit: 20 })
      .then([added(5)]);
  });
  it('checks refusals by class, predicate or code', () => {
    spec
      .given([added(9)])
      .when({ type: 'Add', data: { n: 2 } })
      .thenThrows(DomainError, (e) => e.code === 'invalid-field');
    spec
      .given([])
      .when({ type: 'Add', data: { n: -1 } })
      .thenThrows(NotFoundError);
    spec
      .given([])
      .when({ type: 'Add', data: { n: -1 } })
      .thenThrows((e) => e instanceof NotFoundError);
    spec
      .given([added(9)])
      .when({ type: 'Add', data: { n: 2 } })
      .thenThrowsCode('invalid-field');
  });
  it('checks that nothing happened', () => {
    spec
      .given([])
      .when({ type: 'Add', data: { n: 0 } })
      .thenNothingHappened();
  });
  it('fails when the outcome differs from the expectation', () => {
    expect(() =>
      spec
        .given([])
        .when({ type: 'Add', data: { n: 1 } })
        .then([added(2)]),
    ).toThrow();
    expect(() =>
      spec
        .given([])
        .when({ type: 'Add', data: { n: 1 } })
        .thenThrowsCode('invalid-field'),
    ).toThrow(/expected an error/);
    expect(() =>
      spec
        .given([added(9)])
        .when({ type: 'Add', data: { n: 2 } })
        .then([]),
    ).toThrow(/decide threw/);
    expect(() =>
      spec
        .given([added(9)])
        .when({ type: 'Add', data: { n: 2 } })
        .thenThrows(NotFoundError),
    ).toThrow();
    expect(() =>
      spec
        .given([added(9)])
        .when({ type: 'Add', data: { n: 2 } })
        .thenThrowsCode('other'),
    ).toThrow();
  });
});
