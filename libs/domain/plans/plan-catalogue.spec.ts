import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInPlans, copyPlan, getPlan } from './plan-catalogue.js';
import { validatePlan } from './validate-plan.js';

// ../shared is beside the project root for every developer and CI run (shared/README.md); the
// seed quotes are checked against it, so a missing copy is an error that says so, not a skip.
const seedsDir = join(process.cwd(), '..', 'shared');
if (!existsSync(join(seedsDir, 'seeds'))) {
  throw new Error(
    `plan-catalogue.spec reads the seed plans from ${seedsDir}/seeds (the shared folder beside the project), which is missing`,
  );
}
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const seedLine = (seedFile: string, line: number) => normalise(readFileSync(join(seedsDir, seedFile), 'utf8').split('\n')[line - 1] ?? '');

describe('the built-in plans', () => {
  it('are the five plans of GET /plans, each runnable', () => {
    expect(builtInPlans.map((p) => p.id)).toEqual([
      'hemsedal-trafikklys',
      'vindafjord-etne',
      'eksempel-handlingsplan',
      'bergen-smoras',
      'baerum',
    ]);
    for (const plan of builtInPlans) expect(validatePlan(plan)).toEqual([]);
  });

  it('are JSON-serialisable data', () => {
    for (const plan of builtInPlans) expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('quote their seed plan on the line they cite', () => {
    for (const plan of builtInPlans) {
      for (const item of [...plan.rules, ...plan.steps, ...plan.evaluationIntervals, ...plan.reviewRoutines]) {
        const line = seedLine(item.source.seedFile, item.source.line);
        if (!line.includes(normalise(item.source.quote))) {
          throw new Error(`${plan.id}/${item.id}: "${item.source.quote}" is not on ${item.source.seedFile}:${item.source.line}: "${line}"`);
        }
      }
    }
  });

  it('read the numbers exactly as plans.md does', () => {
    const rule = (planId: string, ruleId: string) => getPlan(planId)!.rules.find((r) => r.id === ruleId)!;
    const pick = (r: ReturnType<typeof rule>) => [r.unit, r.window, r.comparison, r.threshold, r.level];
    expect(pick(rule('hemsedal-trafikklys', 'hemsedal-yellow-days'))).toEqual(['days', 'school-year', 'at-least', 10, 'yellow']);
    expect(pick(rule('hemsedal-trafikklys', 'hemsedal-yellow-short-spells'))).toEqual(['spells', 'month', 'at-least', 3, 'yellow']);
    expect(rule('hemsedal-trafikklys', 'hemsedal-yellow-short-spells').spell).toEqual({ minDays: 1, maxDays: 2 });
    expect(pick(rule('hemsedal-trafikklys', 'hemsedal-red-days'))).toEqual(['days', 'school-year', 'more-than', 20, 'red']);
    expect(pick(rule('vindafjord-etne', 'vindafjord-days'))).toEqual(['days', 'month', 'at-least', 5, 'yellow']);
    expect(pick(rule('vindafjord-etne', 'vindafjord-lessons'))).toEqual(['lessons', 'month', 'at-least', 5, 'yellow']);
    expect(pick(rule('vindafjord-etne', 'vindafjord-lates'))).toEqual(['lates', 'month', 'at-least', 3, 'yellow']);
    expect(pick(rule('eksempel-handlingsplan', 'eksempel-repeated-absence'))).toEqual(['events', 'month', 'at-least', 3, 'yellow']);
    expect(pick(rule('bergen-smoras', 'bergen-month-lates'))).toEqual(['lates', 'month', 'at-least', 3, 'yellow']);
    expect(pick(rule('bergen-smoras', 'bergen-quarter-lates'))).toEqual(['lates', 'quarter', 'at-least', 10, 'yellow']);
    expect(pick(rule('bergen-smoras', 'bergen-month-days'))).toEqual(['days', 'month', 'at-least', 3, 'yellow']);
    expect(pick(rule('bergen-smoras', 'bergen-quarter-days'))).toEqual(['days', 'quarter', 'at-least', 10, 'yellow']);
    expect(pick(rule('bergen-smoras', 'bergen-pattern-weekday'))).toEqual(['pattern', 'eight-weeks', 'at-least', 3, 'yellow']);
    expect(pick(rule('baerum', 'baerum-month-percent'))).toEqual(['percent', 'month', 'at-least', 10, 'yellow']);
    expect(pick(rule('baerum', 'baerum-quarter-percent-phase3'))).toEqual(['percent', 'quarter', 'at-least', 10, 'red']);
    expect(rule('baerum', 'baerum-quarter-percent-phase3').condition?.flag).toBe('caseInPhase3Unresolved');
    // Bergen's plan is all yellow.
    expect(getPlan('bergen-smoras')!.rules.every((r) => r.level === 'yellow')).toBe(true);
  });
});

describe('getPlan', () => {
  it('finds a plan by id and version', () => {
    expect(getPlan('baerum')?.name).toContain('Bærum');
    expect(getPlan('baerum', 1)?.id).toBe('baerum');
    expect(getPlan('baerum', 2)).toBeUndefined();
    expect(getPlan('oslo')).toBeUndefined();
  });

  it('takes the highest version when none is asked for', () => {
    const base = getPlan('bergen-smoras')!;
    const v2 = { ...base, version: 2 };
    expect(getPlan('bergen-smoras', undefined, [base, v2])).toBe(v2);
    expect(getPlan('bergen-smoras', 1, [base, v2])).toBe(base);
  });
});

describe('copyPlan', () => {
  it("copies a plan under a new id with the municipality's own numbers", () => {
    const bergen = getPlan('bergen-smoras')!;
    const copy = copyPlan(bergen, {
      id: 'askoy-narvaer',
      changes: {
        municipality: 'Askøy kommune',
        rules: { 'bergen-month-days': { threshold: 4 } },
        steps: { 'bergen-presence-meeting': { deadline: { amount: 2, unit: 'weeks' } } },
        removeRules: ['bergen-pattern-weekend-holiday'],
      },
    });
    expect(copy.id).toBe('askoy-narvaer');
    expect(copy.version).toBe(1);
    expect(copy.copiedFrom).toEqual({ id: 'bergen-smoras', version: 1 });
    expect(copy.municipality).toBe('Askøy kommune');
    expect(copy.rules.find((r) => r.id === 'bergen-month-days')?.threshold).toBe(4);
    expect(copy.rules.map((r) => r.id)).not.toContain('bergen-pattern-weekend-holiday');
    expect(copy.steps.find((s) => s.id === 'bergen-presence-meeting')?.deadline).toEqual({ amount: 2, unit: 'weeks' });
    // The built-in plan is untouched.
    expect(bergen.rules.find((r) => r.id === 'bergen-month-days')?.threshold).toBe(3);
    expect(bergen.steps.find((s) => s.id === 'bergen-presence-meeting')?.deadline).toEqual({ amount: 1, unit: 'weeks' });
  });

  it('refuses changes to rules the plan does not have, and copies that would not run', () => {
    const plan = getPlan('hemsedal-trafikklys')!;
    expect(() => copyPlan(plan, { id: 'x', changes: { rules: { 'no-such-rule': { threshold: 1 } } } })).toThrow(RangeError);
    expect(() => copyPlan(plan, { id: 'x', changes: { rules: { 'hemsedal-red-days': { threshold: -1 } } } })).toThrow(/threshold/);
  });
});
