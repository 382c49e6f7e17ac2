import { describe, expect, it } from '@jest/globals';
import { builtInPlans } from '#domain/plans/index.js';
import { layoutMunicipality } from './municipality-layout.js';
import { seededRandom } from './random.js';

describe('layoutMunicipality', () => {
  const schools = layoutMunicipality(seededRandom('layout'), { schools: 40, students: 20_000, municipalityId: '3024' });

  it('places every student once, with one school of 600', () => {
    expect(schools.reduce((n, s) => n + s.students.length, 0)).toBe(20_000);
    expect(new Set(schools.flatMap((s) => s.students.map((st) => st.studentId))).size).toBe(20_000);
    expect(schools[1]!.students.length).toBe(600);
    expect(schools[1]!.level).toBe('ungdomsskole');
  });

  it('spreads schools over the five plans and three levels, grades matching the level', () => {
    expect(new Set(schools.map((s) => s.planId))).toEqual(new Set(builtInPlans.map((p) => p.id)));
    expect(new Set(schools.map((s) => s.level))).toEqual(new Set(['barneskole', 'ungdomsskole', 'kombinert']));
    for (const school of schools) {
      const grades = school.students.map((s) => s.grade);
      if (school.level === 'barneskole') expect(Math.max(...grades)).toBeLessThanOrEqual(7);
      if (school.level === 'ungdomsskole') expect(Math.min(...grades)).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps groups at 26 students or fewer', () => {
    for (const school of schools) {
      const sizes = new Map<string, number>();
      for (const s of school.students) sizes.set(s.group, (sizes.get(s.group) ?? 0) + 1);
      expect(Math.max(...sizes.values())).toBeLessThanOrEqual(26);
    }
  });

  it('has no 600-student school when there are too few students', () => {
    const small = layoutMunicipality(seededRandom('small'), { schools: 5, students: 300, municipalityId: '3024' });
    expect(small.reduce((n, s) => n + s.students.length, 0)).toBe(300);
    expect(small.some((s) => s.students.length === 600)).toBe(false);
  });
});
