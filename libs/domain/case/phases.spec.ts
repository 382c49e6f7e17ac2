import { describe, expect, it } from '@jest/globals';
import { baerumPlan, bergenSmorasPlan, copyPlan, vindafjordEtnePlan } from '../plans/index.js';
import { DEFAULT_MAX_PHASE, maxPhaseOf, phaseNameOf } from './phases.js';

describe('phases come from the plan', () => {
  it('counts and names the phases the plan names, in its own words', () => {
    expect(maxPhaseOf(vindafjordEtnePlan)).toBe(3);
    expect(phaseNameOf(vindafjordEtnePlan, 2)).toBe('Tiltaksfase 2');
    expect(maxPhaseOf(baerumPlan)).toBe(4);
    expect(phaseNameOf(baerumPlan, 2)).toBe('Fase 2 Identifisering og kontakt');
  });

  it('gives a plan that names no phases the default number, unnamed', () => {
    expect(maxPhaseOf(bergenSmorasPlan)).toBe(DEFAULT_MAX_PHASE);
    expect(phaseNameOf(bergenSmorasPlan, 1)).toBeUndefined();
  });

  it('keeps them in a municipal copy (the old table by plan id gave a copy the default)', () => {
    const copy = copyPlan(vindafjordEtnePlan, { id: 'kommune-x' });
    expect(maxPhaseOf(copy)).toBe(3);
    expect(phaseNameOf(copy, 3)).toBe('Tiltaksfase 3');
  });
});
