import { describe, expect, it } from '@jest/globals';
import { lastSchoolDays } from './last-school-days.js';

const year2024 = { start: '2024-08-19', end: '2025-06-20', breaks: [] };
const year2025 = { start: '2025-08-18', end: '2026-06-19', breaks: [{ from: '2025-09-29', to: '2025-10-03', name: 'Høstferie' }] };

describe('lastSchoolDays', () => {
  it("skips weekends and the school's breaks", () => {
    const days = lastSchoolDays({ schoolId: 'a', schoolYears: [year2025] }, '2025-10-07', 5);
    expect(days).toEqual(['2025-09-24', '2025-09-25', '2025-09-26', '2025-10-06', '2025-10-07']);
  });

  it('reaches back into the previous school year early in a new one', () => {
    const days = lastSchoolDays({ schoolId: 'b', schoolYears: [year2024, year2025] }, '2025-08-19', 4);
    expect(days).toEqual(['2025-06-19', '2025-06-20', '2025-08-18', '2025-08-19']);
  });

  it('gives fewer days when no earlier calendar is known', () => {
    expect(lastSchoolDays({ schoolId: 'c', schoolYears: [year2025] }, '2025-08-19', 20)).toEqual(['2025-08-18', '2025-08-19']);
    expect(lastSchoolDays({ schoolId: 'c', schoolYears: [year2025] }, '2025-08-01', 20)).toEqual([]);
  });
});
