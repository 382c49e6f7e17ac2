/**
 * The access decision: may this principal exercise this permission on this resource?
 * Pure: the caller resolves the resource's attributes first (see ResourceDirectory).
 * Reasons name roles, scopes and ids only, never people, so they may be logged.
 */
import { ACCESS_TABLE, type Permission, type Scope } from './access-table.js';
import type { Resource } from './resource-directory.port.js';
import { ROLES, teachesGroup, type Principal, type Role } from './roles.js';

export type Decision = { allowed: true; role: Role; scope: Scope; reason: string } | { allowed: false; reason: string };

/** Which resource kinds each scope can be judged on. */
const SCOPE_APPLIES_TO: Record<Scope, readonly Resource['kind'][]> = {
  'own-groups': ['student', 'case', 'group'],
  'own-schools': ['student', 'case', 'school', 'group'],
  'own-municipality': ['student', 'case', 'school', 'municipality', 'group'],
  'ppt-consented': ['case'],
  'own-children': ['student', 'case'],
  any: ['student', 'case', 'school', 'municipality', 'group', 'none'],
  'caller-filtered': ['none'],
};

export function scopeAppliesTo(scope: Scope, kind: Resource['kind']): boolean {
  return SCOPE_APPLIES_TO[scope].includes(kind);
}

/**
 * The caller's roles that hold `permission` at all, in the table's role order. Empty means
 * the request is refused whatever the resource, so the guard answers 403 without looking
 * the resource up (an unknown id must not be told apart from a forbidden one).
 */
export function rolesHolding(principal: Principal, permission: Permission): Role[] {
  const grants = ACCESS_TABLE[permission].grants as Partial<Record<Role, Scope>>;
  return ROLES.filter((role) => principal.roles.includes(role) && grants[role] !== undefined);
}

export function decide(principal: Principal, permission: Permission, resource: Resource): Decision {
  const rule = ACCESS_TABLE[permission];
  if (rule.resource !== resource.kind) {
    // A route wired to the wrong kind of resource is a programming error, not a denial.
    throw new Error(`${permission} is decided on a ${rule.resource}, got a ${resource.kind}`);
  }
  const grants = rule.grants as Partial<Record<Role, Scope>>;
  const holding = rolesHolding(principal, permission);
  if (holding.length === 0) {
    return { allowed: false, reason: `no role of the caller holds ${permission}` };
  }
  const misses: string[] = [];
  for (const role of holding) {
    const scope = grants[role]!;
    const miss = blockedFor(role, permission, resource) ?? outOfScope(scope, principal, resource);
    if (miss === null) {
      return { allowed: true, role, scope, reason: `${role} holds ${permission} (${scope})` };
    }
    misses.push(`${role}: ${miss}`);
  }
  return { allowed: false, reason: misses.join('; ') };
}

/** Why `resource` is outside `scope` for `principal`, or null when it is inside. */
function outOfScope(scope: Scope, principal: Principal, resource: Resource): string | null {
  if (!scopeAppliesTo(scope, resource.kind)) {
    throw new Error(`scope ${scope} cannot be judged on a ${resource.kind}`);
  }
  switch (scope) {
    case 'any':
    case 'caller-filtered':
      return null;
    case 'own-groups': {
      const { group, schoolId } = attributesOf(resource) as { group: string; schoolId: string };
      if (!principal.schools.includes(schoolId)) return `school ${schoolId} is not among the caller's schools`;
      if (!teachesGroup(principal, schoolId, group)) return `group ${group} at ${schoolId} is not among the caller's groups`;
      return null;
    }
    case 'own-schools': {
      const { schoolId } = attributesOf(resource) as { schoolId: string };
      return principal.schools.includes(schoolId) ? null : `school ${schoolId} is not among the caller's schools`;
    }
    case 'own-municipality': {
      const { municipalityId } = attributesOf(resource) as { municipalityId: string };
      return sameMunicipality(principal, municipalityId) ? null : `municipality ${municipalityId} is not the caller's municipality`;
    }
    case 'own-children': {
      const { studentId } = attributesOf(resource) as { studentId: string };
      return principal.children.includes(studentId) ? null : `student ${studentId} is not among the caller's children`;
    }
    case 'ppt-consented': {
      if (resource.kind !== 'case') return `not a case`;
      const { municipalityId, pptAccess, caseId } = resource.attributes;
      if (!sameMunicipality(principal, municipalityId)) {
        return `municipality ${municipalityId} is not the caller's municipality`;
      }
      if (!pptAccess.referredOrConsulted) return `case ${caseId} is not referred to or consulted with PPT`;
      if (!pptAccess.consentValid) return `case ${caseId} has no valid PPT consent`;
      return null;
    }
  }
}

/** A blocked case is the auditor's alone (api.md, Privacy: sperring); an admin may still block it (and is told it is). */
function blockedFor(role: Role, permission: Permission, resource: Resource): string | null {
  if (resource.kind !== 'case' || !resource.attributes.blocked) return null;
  if (role === 'auditor' || permission === 'case:block') return null;
  return `case ${resource.attributes.caseId} is blocked`;
}

function sameMunicipality(principal: Principal, municipalityId: string): boolean {
  return principal.municipality !== null && principal.municipality === municipalityId;
}

function attributesOf(resource: Resource): Record<string, unknown> {
  if (resource.kind === 'none') throw new Error('no attributes on a resource of kind none');
  return resource.attributes as unknown as Record<string, unknown>;
}
