import { describe, expect, it } from '@jest/globals';
import { ACCESS_TABLE, PERMISSIONS, type Permission, type Scope } from './access-table.js';
import { decide, rolesHolding, scopeAppliesTo } from './decide.js';
import type { Resource } from './resource-directory.port.js';
import { qualifiedGroups, ROLES, type Principal, type Role } from './roles.js';

/**
 * The role table of api.md, written out a second time by hand so that a change to
 * ACCESS_TABLE has to be made twice on purpose. '-' = the role does not hold it.
 */
type Expect = Scope | '-';
const EXPECTED: Record<Permission, Record<Role, Expect>> = {
  //                       admin   teacher        contact-teacher  school-leader  student-services ppt               municipality        auditor  guardian  ops
  'school:setup': row('own-municipality', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
  'ops:read': row('-', '-', '-', '-', '-', '-', '-', '-', '-', 'any'),
  'student:enrol': row('own-municipality', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
  'student:move': row('own-municipality', '-', '-', 'own-schools', '-', '-', '-', '-', '-', '-'),
  'me:read': row('any', 'any', 'any', 'any', 'any', 'any', 'any', 'any', 'any', 'any'),
  'schools:list': row(
    'own-municipality',
    '-',
    '-',
    'own-municipality',
    'own-municipality',
    'own-municipality',
    'own-municipality',
    'any',
    '-',
    '-',
  ),
  'roster:read': row('own-municipality', 'own-schools', 'own-schools', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
  'plans:read': row('any', 'any', 'any', 'any', 'any', 'any', 'any', 'any', '-', '-'),
  'absence:register': row('-', 'own-groups', 'own-groups', 'own-schools', '-', '-', '-', '-', 'own-children', '-'),
  'absence:read': row('-', 'own-groups', 'own-groups', 'own-schools', '-', '-', '-', 'any', 'own-children', '-'),
  'student:read': row('-', 'own-groups', 'own-groups', 'own-schools', 'own-schools', '-', '-', 'any', 'own-children', '-'),
  'absence:correct': row('-', 'own-groups', 'own-groups', 'own-schools', '-', '-', '-', '-', '-', '-'),
  'concern:read': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', 'any', 'own-children', '-'),
  'concern:override': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'contact:record': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'task:complete': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'task:waive': row('-', '-', '-', 'own-schools', '-', '-', '-', '-', '-', '-'),
  'case:open': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'cases:list': row('-', '-', 'caller-filtered', 'caller-filtered', 'caller-filtered', '-', '-', 'any', '-', '-'),
  'case:read': row('-', '-', 'own-groups', 'own-schools', 'own-schools', 'ppt-consented', '-', 'any', '-', '-'),
  'case:write': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'case:history': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
  'student:history': row('-', '-', '-', 'own-schools', '-', '-', '-', 'any', '-', '-'),
  'case:export': row('-', '-', '-', 'own-schools', '-', '-', '-', 'any', '-', '-'),
  'absence-list:read': row('-', '-', '-', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
  'school-statistics:read': row('-', '-', '-', 'own-schools', 'own-schools', '-', 'own-municipality', 'any', '-', '-'),
  'ppt-statistics:read': row('-', '-', '-', '-', '-', 'own-municipality', 'own-municipality', 'any', '-', '-'),
  'ppt-cases:read': row('-', '-', '-', '-', '-', 'caller-filtered', '-', 'any', '-', '-'),
  'tasks:read': row('-', '-', 'own-schools', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
  'access-log:read': row('-', '-', '-', '-', '-', '-', '-', 'any', '-', '-'),
  'roll-call:register': row('-', 'own-groups', 'own-groups', 'own-schools', '-', '-', '-', '-', '-', '-'),
  'ppt-consultation:record': row('-', '-', '-', 'own-schools', '-', 'own-municipality', '-', '-', '-', '-'),
  'reviews:read': row('-', '-', 'own-schools', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
  'review:record': row('-', '-', 'own-schools', 'own-schools', 'own-schools', '-', '-', '-', '-', '-'),
  'case:consent': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', '-', 'own-children', '-'),
  'consents:read': row('-', '-', 'own-groups', 'own-schools', 'own-schools', '-', '-', 'any', 'own-children', '-'),
  'student:erase': row('own-municipality', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
  'case:block': row('own-municipality', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
  'retention:read': row('caller-filtered', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
  'student:innsyn': row('own-municipality', '-', '-', '-', '-', '-', '-', '-', 'own-children', '-'),
  'monthly-report:read': row('-', '-', 'own-schools', 'own-schools', 'own-schools', '-', '-', 'any', '-', '-'),
};

function row(...scopes: Expect[]): Record<Role, Expect> {
  return Object.fromEntries(ROLES.map((role, i) => [role, scopes[i]])) as Record<Role, Expect>;
}

/** Where the resource lies relative to the caller (school S1, group 5A, municipality 3024). */
type Variant = 'home' | 'other-group' | 'other-school' | 'other-municipality' | 'not-referred' | 'consent-withdrawn' | 'not-own-child';

const VARIANTS_BY_KIND: Record<Resource['kind'], Variant[]> = {
  student: ['home', 'other-group', 'other-school', 'other-municipality', 'not-own-child'],
  case: ['home', 'other-group', 'other-school', 'other-municipality', 'not-referred', 'consent-withdrawn', 'not-own-child'],
  school: ['home', 'other-school', 'other-municipality'],
  municipality: ['home', 'other-municipality'],
  group: ['home', 'other-group', 'other-school', 'other-municipality'],
  none: ['home'],
};

/** The variants each scope refuses; every other variant it allows. */
const DENIED_BY_SCOPE: Record<Scope, Variant[]> = {
  'own-groups': ['other-group', 'other-school', 'other-municipality'],
  'own-schools': ['other-school', 'other-municipality'],
  'own-municipality': ['other-municipality'],
  'ppt-consented': ['other-municipality', 'not-referred', 'consent-withdrawn'],
  'own-children': ['not-own-child'],
  any: [],
  'caller-filtered': [],
};

function principal(roles: Role[]): Principal {
  return { id: 'u-1', name: 'Test Person', roles, municipality: '3024', schools: ['S1'], groups: ['S1/5A'], children: ['st-1'] };
}

function place(variant: Variant): { schoolId: string; group: string; municipalityId: string } {
  switch (variant) {
    case 'other-group':
      return { schoolId: 'S1', group: '6B', municipalityId: '3024' };
    case 'other-school':
      return { schoolId: 'S2', group: '5A', municipalityId: '3024' };
    case 'other-municipality':
      return { schoolId: 'S9', group: '5A', municipalityId: '4611' };
    default:
      return { schoolId: 'S1', group: '5A', municipalityId: '3024' };
  }
}

function resourceFor(kind: Resource['kind'], variant: Variant): Resource {
  const { schoolId, group, municipalityId } = place(variant);
  switch (kind) {
    case 'student':
      return { kind, attributes: { studentId: variant === 'not-own-child' ? 'st-2' : 'st-1', schoolId, municipalityId, group, grade: 5 } };
    case 'case':
      return {
        kind,
        attributes: {
          caseId: 'c-1',
          studentId: variant === 'not-own-child' ? 'st-2' : 'st-1',
          schoolId,
          municipalityId,
          group,
          pptAccess: {
            referredOrConsulted: variant !== 'not-referred',
            consentValid: variant !== 'consent-withdrawn',
          },
        },
      };
    case 'school':
      return { kind, attributes: { schoolId, municipalityId } };
    case 'group':
      return { kind, attributes: { schoolId, group, municipalityId } };
    case 'municipality':
      return { kind, attributes: { municipalityId } };
    case 'none':
      return { kind };
  }
}

describe('ACCESS_TABLE', () => {
  it('matches the hand-written reading of api.md', () => {
    const actual = Object.fromEntries(
      PERMISSIONS.map((permission) => [
        permission,
        Object.fromEntries(ROLES.map((role) => [role, (ACCESS_TABLE[permission].grants as Partial<Record<Role, Scope>>)[role] ?? '-'])),
      ]),
    );
    expect(actual).toEqual(EXPECTED);
  });

  it('grants only scopes that can be judged on the permission resource', () => {
    for (const permission of PERMISSIONS) {
      const rule = ACCESS_TABLE[permission];
      for (const scope of Object.values(rule.grants) as Scope[]) {
        expect([permission, scope, scopeAppliesTo(scope, rule.resource)]).toEqual([permission, scope, true]);
      }
    }
  });

  it('gives the auditor no write and admin no case content', () => {
    const writes: Permission[] = [
      'school:setup',
      'student:enrol',
      'absence:register',
      'absence:correct',
      'concern:override',
      'case:open',
      'case:write',
    ];
    for (const permission of writes) expect(rolesHolding(principal(['auditor']), permission)).toEqual([]);
    const content: Permission[] = ['concern:read', 'case:read', 'case:history', 'case:export', 'ppt-cases:read', 'absence:read'];
    for (const permission of content) expect(rolesHolding(principal(['admin']), permission)).toEqual([]);
  });
});

describe('decide: every permission x every role x in and out of scope', () => {
  const cases: Array<[Permission, Role, Variant, boolean]> = [];
  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const scope = EXPECTED[permission][role];
      for (const variant of VARIANTS_BY_KIND[ACCESS_TABLE[permission].resource]) {
        const allowed = scope !== '-' && !DENIED_BY_SCOPE[scope].includes(variant);
        cases.push([permission, role, variant, allowed]);
      }
    }
  }

  it.each(cases)('%s as %s on %s resource -> allowed %s', (permission, role, variant, allowed) => {
    const kind = ACCESS_TABLE[permission].resource;
    const decision = decide(principal([role]), permission, resourceFor(kind, variant));
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(decision.role).toBe(role);
    expect(decision.reason).not.toContain('Test Person');
  });
});

describe('decide: edge cases', () => {
  it('allows through any one of several roles and names that role', () => {
    const both = principal(['teacher', 'school-leader']);
    const decision = decide(both, 'absence:register', resourceFor('student', 'other-group'));
    expect(decision).toMatchObject({ allowed: true, role: 'school-leader', scope: 'own-schools' });
  });

  it('refuses own-municipality to a caller without a municipality claim', () => {
    const caller = { ...principal(['municipality']), municipality: null };
    expect(decide(caller, 'ppt-statistics:read', resourceFor('municipality', 'home')).allowed).toBe(false);
  });

  it('refuses own-groups when the group matches but the school does not', () => {
    const decision = decide(principal(['teacher']), 'absence:register', resourceFor('student', 'other-school'));
    expect(decision).toEqual({ allowed: false, reason: "teacher: school S2 is not among the caller's schools" });
  });

  it('throws when a route hands the wrong kind of resource', () => {
    expect(() => decide(principal(['auditor']), 'case:read', resourceFor('student', 'home'))).toThrow(
      'case:read is decided on a case, got a student',
    );
  });

  it('lists the holding roles in table order', () => {
    expect(rolesHolding(principal(['auditor', 'ppt', 'teacher']), 'case:read')).toEqual(['ppt', 'auditor']);
  });
});

describe('group claims across schools (security finding 6)', () => {
  const student = (schoolId: string): Resource => ({
    kind: 'student',
    attributes: { studentId: 'x', schoolId, group: '5A', grade: 5, municipalityId: '3024' },
  });
  it('grants a group only at its own school: a teacher of 5A at S1 does not read 5A at S2', () => {
    const teacher: Principal = {
      id: 't',
      name: 'T',
      roles: ['teacher'],
      municipality: '3024',
      schools: ['S1', 'S2'],
      groups: ['S1/5A'],
      children: [],
    };
    expect(decide(teacher, 'absence:read', student('S1')).allowed).toBe(true);
    expect(decide(teacher, 'absence:read', student('S2')).allowed).toBe(false);
  });
  it('reads a bare group id beside exactly one school as of that school, and beside several as nothing', () => {
    expect(qualifiedGroups(['5A'], ['S1'])).toEqual(['S1/5A']);
    expect(qualifiedGroups(['5A', 'S2/9A'], ['S1', 'S2'])).toEqual(['S2/9A']);
    expect(qualifiedGroups(['/5A', 'S1/', '5A'], [])).toEqual([]);
  });
});
