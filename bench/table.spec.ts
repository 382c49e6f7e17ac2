import { describe, expect, it } from '@jest/globals';
import { median } from './support.js';
import { formatTable } from './table.js';

describe('bench table', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('prints one aligned row per figure, with the bar and whether it is met', () => {
    const table = formatTable([
      { part: 'rebuild', figure: 'all projections', value: 123456.7, unit: 'events/s', bar: '≥ 100,000', met: true },
      { part: 'append', figure: 'port/raw', value: 0.5, unit: 'ratio', bar: '≥ 0.60', met: false },
      { part: 'http', figure: 'p99', value: null, unit: 'ms' },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('123,457');
    expect(lines[2]).toContain('yes');
    expect(lines[3]).toContain('0.50');
    expect(lines[3]).toContain('NO');
    expect(lines[4]).toContain('n/a');
  });
});
