import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETENTION_RULES, dueItems, parseRetentionRules } from './retention.js';

const student = (studentId: string, grade: number, schoolYearEnd: string, erased = false) => ({ studentId, grade, schoolYearEnd, erased });
const kase = (
  caseId: string,
  over: Partial<{ status: 'open' | 'closed'; closedOn: string | null; depositedOn: string | null; blocked: boolean }> = {},
) => ({
  caseId,
  studentId: `s-${caseId}`,
  status: 'closed' as const,
  closedOn: '2026-06-01',
  depositedOn: null,
  blocked: false,
  ...over,
});

describe('retention rules', () => {
  it('makes a student who finished grunnskole due for erasure a year after the school year ended, and no one else', () => {
    const due = dueItems(
      DEFAULT_RETENTION_RULES,
      {
        students: [
          student('a', 10, '2025-06-20'),
          student('b', 9, '2025-06-20'),
          student('c', 10, '2026-06-19'),
          student('d', 10, '2025-06-20', true),
        ],
        cases: [],
      },
      '2026-11-23',
    );
    expect(due).toEqual([
      { id: 'student-after-grunnskole:a', ruleId: 'student-after-grunnskole', action: 'erase', studentId: 'a', dueOn: '2026-06-20' },
    ]);
  });

  it('blocks a closed and deposited case at once, a closed one after five years, and leaves open and blocked cases', () => {
    const due = dueItems(
      DEFAULT_RETENTION_RULES,
      {
        students: [],
        cases: [
          kase('dep', { depositedOn: '2026-11-01' }),
          kase('old', { closedOn: '2021-01-04' }),
          kase('new', { closedOn: '2026-01-04' }),
          kase('open', { status: 'open', closedOn: null, depositedOn: '2026-11-01' }),
          kase('done', { depositedOn: '2026-11-01', blocked: true }),
        ],
      },
      '2026-11-23',
    );
    expect(due.map((d) => [d.id, d.dueOn])).toEqual([
      ['case-closed-long-ago:old', '2026-01-03'],
      ['case-after-deposit:dep', '2026-11-01'],
    ]);
  });

  it('reads rules from a file only when every field holds', () => {
    expect(parseRetentionRules(JSON.parse(JSON.stringify(DEFAULT_RETENTION_RULES)))).toEqual(DEFAULT_RETENTION_RULES);
    expect(() => parseRetentionRules([{ ...DEFAULT_RETENTION_RULES[0], keepDays: -1 }])).toThrow(/keepDays/);
    expect(() => parseRetentionRules([{ ...DEFAULT_RETENTION_RULES[1], action: 'erase' }])).toThrow(/a case is blocked/);
    expect(() => parseRetentionRules([])).toThrow(/non-empty/);
  });
});
