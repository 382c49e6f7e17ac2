import { describe, expect, it } from '@jest/globals';
import { seededRandom } from './random.js';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom('bærum');
    const b = seededRandom('bærum');
    const drawsA = Array.from({ length: 50 }, () => a.next());
    const drawsB = Array.from({ length: 50 }, () => b.next());
    expect(drawsA).toEqual(drawsB);
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives other numbers for another seed', () => {
    expect(seededRandom('a').next()).not.toBe(seededRandom('b').next());
  });

  it('keeps forks independent of how much the parent drew', () => {
    const parent = seededRandom(7);
    const before = parent.fork('student-1').next();
    parent.next();
    parent.next();
    expect(parent.fork('student-1').next()).toBe(before);
  });

  it('draws whole numbers inside the bounds, both ends reachable', () => {
    const r = seededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('honours weights roughly', () => {
    const r = seededRandom('w');
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['heavy', 9],
          ['light', 1],
        ] as const) === 'heavy'
      )
        heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});
