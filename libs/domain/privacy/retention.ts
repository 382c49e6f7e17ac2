/**
 * Retention rules as data (what, how long, from when, erase or block), with defaults a
 * municipality reads in docs/behandlingsprotokoll.md and replaces with RETENTION_RULES_FILE.
 * `dueItems` says what the rules make due on a date; nothing is carried out without an admin's
 * approval (`cli retention --approve`, or the erasure and blocking routes).
 */
import { addDays } from '../calendar/dates.js';

export const RETENTION_STARTS = ['left-grunnskole', 'case-closed', 'case-deposited'] as const;
export type RetentionStart = (typeof RETENTION_STARTS)[number];

export interface RetentionRule {
  readonly id: string;
  /** What the rule is about, for a person (bokmål). */
  readonly what: string;
  readonly applies: 'student' | 'case';
  readonly from: RetentionStart;
  /** How long after `from` the data is kept, in days. */
  readonly keepDays: number;
  readonly action: 'erase' | 'block';
  /** Why this long: the rule of law or the plan it follows. */
  readonly basis: string;
}

export const DEFAULT_RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: 'student-after-grunnskole',
    what: 'Fraværsregistreringer, bekymringsnivå og oppgaver for en elev som har gått ut av grunnskolen',
    applies: 'student',
    from: 'left-grunnskole',
    keepDays: 365,
    action: 'erase',
    basis: 'Formålet (oppfølging av fravær i grunnskolen) er oppfylt; ett år til eventuelle klager og overgang til videregående.',
  },
  {
    id: 'case-after-deposit',
    what: 'Saksmappe som er avsluttet og avlevert til arkiv (Noark-uttrekk)',
    applies: 'case',
    from: 'case-deposited',
    keepDays: 0,
    action: 'block',
    basis: 'Arkivlova: arkivet bevarer saken; driftssystemets kopi sperres i stedet for å slettes.',
  },
  {
    id: 'case-closed-long-ago',
    what: 'Saksmappe som har vært avsluttet i fem år uten å være avlevert',
    applies: 'case',
    from: 'case-closed',
    keepDays: 5 * 365,
    action: 'block',
    basis: 'Saker som ikke er avlevert, sperres til arkivavklaring; de slettes ikke uten arkivets samtykke.',
  },
];

export interface RetentionStudentFacts {
  readonly studentId: string;
  readonly grade: number;
  /** The last day of the school year the student is placed in. */
  readonly schoolYearEnd: string;
  readonly erased: boolean;
}

export interface RetentionCaseFacts {
  readonly caseId: string;
  readonly studentId: string;
  readonly status: 'open' | 'closed';
  /** The date of the last closing, when closed. */
  readonly closedOn: string | null;
  readonly depositedOn: string | null;
  readonly blocked: boolean;
}

export interface DueItem {
  /** `<ruleId>:<student or case id>`: what an admin approves. */
  readonly id: string;
  readonly ruleId: string;
  readonly action: 'erase' | 'block';
  readonly studentId?: string;
  readonly caseId?: string;
  /** The first day the rule made it due. */
  readonly dueOn: string;
}

/** What the rules make due on `today`, oldest first. Erased students and blocked cases are done. */
export function dueItems(
  rules: readonly RetentionRule[],
  facts: { students: readonly RetentionStudentFacts[]; cases: readonly RetentionCaseFacts[] },
  today: string,
): DueItem[] {
  const due: DueItem[] = [];
  for (const rule of rules) {
    if (rule.applies === 'student') {
      for (const s of facts.students) {
        if (s.erased || rule.from !== 'left-grunnskole' || s.grade < 10 || s.schoolYearEnd >= today) continue;
        const dueOn = addDays(s.schoolYearEnd, rule.keepDays);
        if (dueOn <= today)
          due.push({ id: `${rule.id}:${s.studentId}`, ruleId: rule.id, action: rule.action, studentId: s.studentId, dueOn });
      }
      continue;
    }
    for (const c of facts.cases) {
      if (c.blocked) continue;
      const start =
        rule.from === 'case-deposited' ? c.depositedOn : rule.from === 'case-closed' && c.status === 'closed' ? c.closedOn : null;
      if (start === null || (rule.from === 'case-deposited' && c.status !== 'closed')) continue;
      const dueOn = addDays(start, rule.keepDays);
      if (dueOn <= today)
        due.push({ id: `${rule.id}:${c.caseId}`, ruleId: rule.id, action: rule.action, caseId: c.caseId, studentId: c.studentId, dueOn });
    }
  }
  // One item per case: the first rule that made it due.
  const seen = new Set<string>();
  return due
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : 1))
    .filter((item) => {
      const key = item.caseId ?? `student:${item.studentId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Rules read from a file: each field checked, so a typo stops the start instead of keeping data too long. */
export function parseRetentionRules(value: unknown): RetentionRule[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error('retention rules must be a non-empty JSON array');
  return value.map((rule: Record<string, unknown>, i) => {
    const at = `retention rule ${i}`;
    if (typeof rule !== 'object' || rule === null) throw new Error(`${at} must be an object`);
    if (typeof rule.id !== 'string' || !/^[a-z0-9-]+$/.test(rule.id)) throw new Error(`${at}: id must be lowercase letters, digits and -`);
    if (typeof rule.what !== 'string' || rule.what === '') throw new Error(`${at}: what must say what the rule is about`);
    if (rule.applies !== 'student' && rule.applies !== 'case') throw new Error(`${at}: applies must be student or case`);
    if (!(RETENTION_STARTS as readonly unknown[]).includes(rule.from))
      throw new Error(`${at}: from must be one of ${RETENTION_STARTS.join(', ')}`);
    if ((rule.applies === 'student') !== (rule.from === 'left-grunnskole'))
      throw new Error(`${at}: from ${String(rule.from)} is not about a ${rule.applies}`);
    if (typeof rule.keepDays !== 'number' || !Number.isInteger(rule.keepDays) || rule.keepDays < 0)
      throw new Error(`${at}: keepDays must be a whole number ≥ 0`);
    if (rule.action !== 'erase' && rule.action !== 'block') throw new Error(`${at}: action must be erase or block`);
    if (rule.applies === 'case' && rule.action === 'erase')
      throw new Error(`${at}: a case is blocked; erasure is of a student (their key)`);
    if (typeof rule.basis !== 'string' || rule.basis === '') throw new Error(`${at}: basis must say why this long`);
    return rule as unknown as RetentionRule;
  });
}
