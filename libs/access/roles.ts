/** The authenticated caller and the roles attached to it (the list itself is the domain's). Plain TypeScript: no Nest, no I/O. */
export { ROLES, isRole, type Role } from '#domain/shared/roles.js';
import type { Role } from '#domain/shared/roles.js';

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
  /**
   * The groups the caller teaches, each as `<schoolId>/<groupId>`: group ids are unique only
   * within a school, so a group never stands without its school (api.md, Identity and access).
   */
  groups: string[];
  /** The token's `children` claim: the students a `guardian` is guardian of (api.md, Identity and access). */
  children: string[];
}

/**
 * The token's `groups` claim as `<schoolId>/<groupId>` pairs: a qualified entry as it is, a bare
 * group id only beside exactly one school (of which it is then), otherwise nothing: a bare "5A"
 * beside several schools would grant 5A at every one of them.
 */
export function qualifiedGroups(groups: readonly string[], schools: readonly string[]): string[] {
  const out = new Set<string>();
  for (const group of groups) {
    const slash = group.indexOf('/');
    if (slash > 0 && slash < group.length - 1) out.add(group);
    else if (slash < 0 && schools.length === 1) out.add(`${schools[0]}/${group}`);
  }
  return [...out];
}

/** Whether the caller teaches `group` at `schoolId`. */
export function teachesGroup(principal: Pick<Principal, 'groups'>, schoolId: string, group: string): boolean {
  return principal.groups.includes(`${schoolId}/${group}`);
}

/** The caller's groups at `schoolId`, as bare group ids. */
export function groupsAt(principal: Pick<Principal, 'groups'>, schoolId: string): string[] {
  const prefix = `${schoolId}/`;
  return principal.groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
}
