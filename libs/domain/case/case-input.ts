/** Input checks the case deciders share. */
import type { RuleCode } from '../shared/error-codes.js';
import { DomainError } from '../shared/domain-error.js';
import { requireText } from '../shared/require.js';
import type { PersonRef } from '../events/index.js';

export function requirePerson(value: unknown, field: string): PersonRef {
  const p = (value ?? {}) as Partial<PersonRef>;
  return { name: requireText(p.name, `${field}.name`), role: requireText(p.role, `${field}.role`) };
}

/** Ids inside a case are unique: a repeated id would make two entries indistinguishable. */
export function requireNewId(id: unknown, taken: readonly string[], field: string, code: RuleCode = 'duplicate-id'): string {
  const value = requireText(id, field);
  if (taken.includes(value)) throw new DomainError(code, `${field} ${value} is already used in this case`, field);
  return value;
}

/** Optional free text: absent stays absent (no `studentView: undefined` keys in events). */
export function optionalText<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') throw new DomainError('invalid-field', `${key} must be a text`, key);
  return { [key]: value } as { [P in K]?: string };
}
