/** The shape rules of one absence registration and the school-day rule. */
import { DomainError } from '../shared/domain-error.js';
import { requireDate } from '../shared/dates.js';
import { requireOneOf, requirePositiveInteger } from '../shared/require.js';
import { ABSENCE_KINDS, type AbsenceFields, type AbsenceFieldChanges } from '../events/index.js';
import type { NonSchoolReasonLike, StudentContext } from './student.commands.js';

/** The fields in a fixed order, so corrections list changes deterministically. */
export const ABSENCE_FIELD_KEYS = [
  'date',
  'kind',
  'lessons',
  'subject',
  'minutes',
  'documented',
  'reportedByGuardian',
  'reason',
] as const satisfies readonly (keyof AbsenceFields)[];

type Draft = { -readonly [K in keyof AbsenceFields]?: AbsenceFields[K] };

/**
 * Checks a registration's shape (plans.md, common model): `lessons` (≥ 1, whole) only for a
 * lesson absence, `minutes` (≥ 1, whole) only for late and left-early; days and lessons
 * are never converted into each other. Returns the fields without undefined keys.
 */
export function validAbsenceFields(draft: Draft): AbsenceFields {
  requireDate(draft.date, 'date');
  const kind = requireOneOf(draft.kind, ABSENCE_KINDS, 'kind', 'invalid-kind');
  if (kind === 'lesson') requirePositiveInteger(draft.lessons, 'lessons', 'invalid-lessons');
  else if (draft.lessons !== undefined)
    throw new DomainError('invalid-lessons', `lessons is only for a lesson absence, not ${kind}`, 'lessons');
  if (kind === 'late' || kind === 'left-early') requirePositiveInteger(draft.minutes, 'minutes', 'invalid-minutes');
  else if (draft.minutes !== undefined)
    throw new DomainError('invalid-minutes', `minutes is only for late and left-early, not ${kind}`, 'minutes');
  for (const flag of ['documented', 'reportedByGuardian'] as const) {
    if (typeof draft[flag] !== 'boolean') throw new DomainError('invalid-field', `${flag} must be true or false`, flag);
  }
  for (const text of ['subject', 'reason'] as const) {
    if (draft[text] !== undefined && typeof draft[text] !== 'string')
      throw new DomainError('invalid-field', `${text} must be a text`, text);
  }
  const fields: Draft = {};
  for (const key of ABSENCE_FIELD_KEYS) if (draft[key] !== undefined) (fields as Record<string, unknown>)[key] = draft[key];
  return fields as AbsenceFields;
}

/**
 * Applies a correction to a registration. When the kind changes, fields the new kind cannot
 * have (lessons, minutes) are dropped unless the correction names them, so "lesson → day"
 * needs no explicit `lessons: null`. Returns the corrected fields (validated) and the
 * old → new of every field that differs.
 */
export function applyCorrection(
  current: AbsenceFields,
  changes: AbsenceFieldChanges,
): { next: AbsenceFields; changes: AbsenceFieldChanges; previous: AbsenceFieldChanges } {
  const draft: Draft = { ...current };
  for (const key of ABSENCE_FIELD_KEYS) {
    if (!(key in changes) || changes[key] === undefined) continue;
    const value = changes[key];
    if (value === null) delete draft[key];
    else (draft as Record<string, unknown>)[key] = value;
  }
  if (draft.kind !== current.kind) {
    if (draft.kind !== 'lesson' && changes.lessons === undefined) delete draft.lessons;
    if (draft.kind !== 'late' && draft.kind !== 'left-early' && changes.minutes === undefined) delete draft.minutes;
  }
  const next = validAbsenceFields(draft);
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of ABSENCE_FIELD_KEYS) {
    if (current[key] === next[key]) continue;
    changed[key] = next[key] ?? null;
    previous[key] = current[key] ?? null;
  }
  return { next, changes: changed as AbsenceFieldChanges, previous: previous as AbsenceFieldChanges };
}

function describeReason(reason: NonSchoolReasonLike): string | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason === 'string') return reason;
  const what = reason.kind ?? reason.type ?? reason.reason;
  const name = reason.name ?? reason.label ?? reason.description;
  return [what, name].filter((s): s is string => typeof s === 'string' && s !== '').join(': ') || null;
}

/**
 * api.md: "A date that is not a school day for the student's school (weekend, public
 * holiday, the school's breaks, outside the school year) answers 422." The error says why.
 */
export function requireSchoolDay(date: string, context: StudentContext, field = 'date'): void {
  if (context.isSchoolDay(date)) return;
  const reason = describeReason(context.nonSchoolReason?.(date)) ?? 'not in the school calendar';
  throw new DomainError('not-a-school-day', `${date} is not a school day for the student's school (${reason})`, field, { reason });
}
