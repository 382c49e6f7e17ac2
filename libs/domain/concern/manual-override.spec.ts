import { describe, expect, it } from '@jest/globals';
import { activeOverride, type ManualOverride } from './manual-override.js';

const yellow: ManualOverride = { level: 'yellow', reason: 'ugyldig fravær som bekymrer', at: '2026-11-02T09:00:00Z' };
const red: ManualOverride = { level: 'red', reason: 'bekymring for helse', at: '2026-11-10' };

describe('activeOverride', () => {
  it('is the latest override raised on or before asOf', () => {
    expect(activeOverride([yellow, red], '2026-11-05')).toBe(yellow);
    expect(activeOverride([yellow, red], '2026-11-10')).toBe(red);
    expect(activeOverride([red, yellow], '2026-11-20')).toBe(red);
    expect(activeOverride([yellow], '2026-11-01')).toBeUndefined();
  });

  it('counts until withdrawn', () => {
    const withdrawn = { ...yellow, withdrawn: '2026-11-08T12:00:00Z' };
    expect(activeOverride([withdrawn], '2026-11-07')).toBe(withdrawn);
    expect(activeOverride([withdrawn], '2026-11-08')).toBeUndefined();
    expect(activeOverride([{ ...yellow, withdrawn: true }], '2026-11-07')).toBeUndefined();
  });

  it('does not bring back a superseded override when the later one is withdrawn', () => {
    expect(activeOverride([yellow, { ...red, withdrawn: true }], '2026-11-20')).toBeUndefined();
  });
});
