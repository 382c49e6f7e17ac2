/**
 * The roles of the HTTP contract (api.md, "Identity and access") and the authenticated
 * caller they are attached to. Plain TypeScript: no Nest, no I/O.
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
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling, from the verified token's claims. `name` is carried for handlers that
 * must show who did something (e.g. a meeting's author); it is never logged.
 */
export interface Principal {
  /** The token's `sub`. The only identifier that goes into logs and event metadata. */
  id: string;
  name: string;
  /** Known roles only; unknown role strings in a token are dropped, never guessed at. */
  roles: Role[];
  municipality: string | null;
  schools: string[];
  groups: string[];
}
