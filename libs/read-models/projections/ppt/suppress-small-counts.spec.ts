import { describe, expect, it } from '@jest/globals';
import type { PptStatistics } from './ppt-statistics.js';
import { suppressSmallCounts } from './suppress-small-counts.js';

describe('suppressSmallCounts', () => {
  it('shows counts below 5 as "<5" at every depth and leaves dates, names and null alone', () => {
    const stats: PptStatistics = {
      asOf: '2022-11-10',
      compareTo: null,
      rows: [
        {
          schoolLevel: 'barneskole',
          consulted: 14,
          referred: 4,
          sum: 18,
          completelyAbsent: 0,
          previous: { consulted: 5, referred: 1, sum: 6, completelyAbsent: 9 },
        },
        { schoolLevel: 'ungdomsskole', consulted: 10, referred: 58, sum: 68, completelyAbsent: 19, previous: null },
      ],
    };
    expect(suppressSmallCounts(stats)).toEqual({
      asOf: '2022-11-10',
      compareTo: null,
      rows: [
        {
          schoolLevel: 'barneskole',
          consulted: 14,
          referred: '<5',
          sum: 18,
          completelyAbsent: '<5',
          previous: { consulted: 5, referred: '<5', sum: 6, completelyAbsent: 9 },
        },
        { schoolLevel: 'ungdomsskole', consulted: 10, referred: 58, sum: 68, completelyAbsent: 19, previous: null },
      ],
    });
  });

  it('works on the school statistics too, without changing its input', () => {
    const stats = { students: 212, byLevel: { green: 200, yellow: 9, red: 3 }, openCases: 4, casesByPhase: { '2': 3, '3': 1 } };
    expect(suppressSmallCounts(stats)).toEqual({
      students: 212,
      byLevel: { green: 200, yellow: 9, red: '<5' },
      openCases: '<5',
      casesByPhase: { '2': '<5', '3': '<5' },
    });
    expect(stats.byLevel.red).toBe(3);
  });
});
