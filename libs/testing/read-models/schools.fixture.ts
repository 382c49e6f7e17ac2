/** Schools for the absence read-model specs: the school year 2026/27 with its usual breaks. */
import type { RegisterSchool } from '#domain/school/index.js';

export const SCHOOL_YEAR_2026 = {
  start: '2026-08-17',
  end: '2027-06-18',
  breaks: [
    { from: '2026-09-28', to: '2026-10-02', name: 'Høstferie' },
    { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
    { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
    { from: '2027-03-22', to: '2027-03-24', name: 'Påskeferie' },
  ],
};

export const SCHOOL_YEAR_2027 = {
  start: '2027-08-16',
  end: '2028-06-16',
  breaks: [{ from: '2027-10-04', to: '2027-10-08', name: 'Høstferie' }],
};

export function school(schoolId: string, planId: string, overrides: Partial<RegisterSchool['data']> = {}): RegisterSchool['data'] {
  return {
    schoolId,
    name: `${schoolId} skole`,
    municipalityId: 'kommune-1',
    level: 'ungdomsskole',
    planId,
    planVersion: 1,
    schoolYear: SCHOOL_YEAR_2026,
    ...overrides,
  };
}
