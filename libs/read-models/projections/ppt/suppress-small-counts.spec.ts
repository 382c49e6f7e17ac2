import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PptStatistics } from './ppt-statistics.js';
import {
  PROTECTING,
  SMALL_COUNT,
  suppressPptStatistics,
  suppressSchoolStatistics,
  suppressSum,
  type Shown,
} from './suppress-small-counts.js';

describe('counts shown to the municipality role (api.md, Read models)', () => {
  it('PPT’s table: the issue’s example "consulted 7, referred <5, sum 10" hides a second cell, and 0 stands', () => {
    const stats: PptStatistics = {
      asOf: '2022-11-10',
      compareTo: null,
      rows: [
        { schoolLevel: 'barneskole', consulted: 7, referred: 3, sum: 10, completelyAbsent: 0, previous: null },
        { schoolLevel: 'ungdomsskole', consulted: 10, referred: 58, sum: 68, completelyAbsent: 19, previous: null },
      ],
    };
    expect(suppressPptStatistics(stats).rows).toEqual([
      { schoolLevel: 'barneskole', consulted: PROTECTING, referred: SMALL_COUNT, sum: 10, completelyAbsent: 0, previous: null },
      { schoolLevel: 'ungdomsskole', consulted: 10, referred: 58, sum: 68, completelyAbsent: 19, previous: null },
    ]);
  });

  it('school statistics: "students 64, green 53, yellow 10, red <5" hides yellow too; phases the same', () => {
    const stats = {
      students: 64,
      byLevel: { green: 53, yellow: 10, red: 1 },
      openCases: 12,
      casesByPhase: { '2': 8, '3': 3, '4': 1 },
      referrals: { ppt: 2 },
    };
    expect(suppressSchoolStatistics(stats)).toEqual({
      students: 64,
      byLevel: { green: 53, yellow: PROTECTING, red: SMALL_COUNT },
      openCases: 12,
      casesByPhase: { '2': 8, '3': SMALL_COUNT, '4': SMALL_COUNT },
      referrals: { ppt: SMALL_COUNT },
    });
    expect(stats.byLevel.red).toBe(1);
  });

  /** Every assignment of the hidden cells consistent with what is shown: "<5" is 1..4, "*" any count. */
  function solutions(shownTotal: Shown, shownCells: readonly Shown[], bound: number): number[][] {
    const domain = (s: Shown): number[] => (typeof s === 'number' ? [s] : s === SMALL_COUNT ? [1, 2, 3, 4] : [...Array(bound + 1).keys()]);
    const out: number[][] = [];
    const walk = (i: number, acc: number[]) => {
      if (i === shownCells.length) {
        const sum = acc.reduce((a, b) => a + b, 0);
        if (domain(shownTotal).includes(sum)) out.push([sum, ...acc]);
        return;
      }
      for (const v of domain(shownCells[i]!)) walk(i + 1, [...acc, v]);
    };
    walk(0, []);
    return out;
  }

  it('hides a "<5" total that pins its "<5" cells (4 over four cells of 1; found by the property below)', () => {
    expect(suppressSum(4, [1, 1, 1, 1])).toEqual({ total: '*', cells: ['<5', '<5', '<5', '<5'] });
  });

  it('property: no suppressed count of a sum can be worked out from the other numbers shown', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }), (cells) => {
        const total = cells.reduce((a, b) => a + b, 0);
        const shown = suppressSum(total, cells);
        // Primary: 1..4 never shows; what shows is the true count.
        [total, ...cells].forEach((v, i) => {
          const s = i === 0 ? shown.total : shown.cells[i - 1]!;
          if (v >= 1 && v <= 4) expect(typeof s).not.toBe('number');
          if (typeof s === 'number') expect(s).toBe(v);
        });
        // Every hidden count has at least two values consistent with the rest of the answer.
        const all = solutions(shown.total, shown.cells, total + 8);
        expect(all).toContainEqual([total, ...cells]);
        [shown.total, ...shown.cells].forEach((s, i) => {
          if (typeof s !== 'number') expect(new Set(all.map((a) => a[i])).size).toBeGreaterThan(1);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
