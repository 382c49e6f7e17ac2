import fc from 'fast-check';
import { compareGroupThenName, GroupThenNameOrder } from './sort-order.js';

interface Row {
  id: number;
  group: string;
  name: string;
}

const groups = ['9A', '10A', '10B', '1A', '2B'];
const names = ['Åse', 'Ærlig', 'Øyvind', 'Anna', 'anna', 'Bjørn', 'Ola 2', 'Ola 10'];
const rowsArb = fc
  .array(fc.record({ group: fc.constantFrom(...groups), name: fc.constantFrom(...names) }), { maxLength: 40 })
  .map((rs) => rs.map((r, id): Row => ({ id, ...r })));

describe('GroupThenNameOrder', () => {
  it('sorts as the collator does, Norwegian letters and numbers included', () => {
    const order = new GroupThenNameOrder();
    const rows: Row[] = [
      { id: 1, group: '10A', name: 'Åse' },
      { id: 2, group: '9A', name: 'Øyvind' },
      { id: 3, group: '9A', name: 'Ærlig' },
      { id: 4, group: '10A', name: 'Anna' },
    ];
    expect(order.sort('s', rows).map((r) => r.id)).toEqual([3, 2, 4, 1]);
  });

  it('gives the stable collator order on the first sort and on every later one, whatever changed between', () => {
    fc.assert(
      fc.property(fc.array(rowsArb, { minLength: 1, maxLength: 5 }), (lists) => {
        const order = new GroupThenNameOrder();
        for (const rows of lists) {
          const expected = [...rows].sort(compareGroupThenName).map((r) => r.id);
          expect(order.sort('school', [...rows]).map((r) => r.id)).toEqual(expected);
          // Again: now from the remembered ranks, on the rows in another order.
          const shuffled = [...rows].reverse();
          expect(order.sort('school', shuffled).map((r) => r.id)).toEqual([...shuffled].sort(compareGroupThenName).map((r) => r.id));
        }
      }),
    );
  });

  it('keeps scopes apart and forgets the least recently sorted beyond its bound', () => {
    const order = new GroupThenNameOrder(1);
    const a: Row[] = [
      { id: 1, group: '2B', name: 'Bjørn' },
      { id: 2, group: '1A', name: 'Anna' },
    ];
    const b: Row[] = [{ id: 3, group: '1A', name: 'Åse' }];
    expect(order.sort('a', a).map((r) => r.id)).toEqual([2, 1]);
    expect(order.sort('b', b).map((r) => r.id)).toEqual([3]);
    expect(order.sort('a', [...a].reverse()).map((r) => r.id)).toEqual([2, 1]);
  });
});
