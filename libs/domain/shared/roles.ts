/**
 * The roles of the HTTP contract (api.md, "Identity and access"): the one list. The access table
 * (libs/access) decides what each may do; the plans name the role a follow-up step is for
 * (`ResponsibleRole`, plans/plan.ts) from the same words.
 */
export const ROLES = [
  'admin',
  'teacher',
  'contact-teacher',
  'school-leader',
  'student-services',
  'ppt',
  'municipality',
  'auditor',
  // A parent or other guardian, for the students in the token's `children` claim (api.md).
  'guardian',
  // Operates the service: /metrics and /health/details, no personal data (security finding 4).
  'ops',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
