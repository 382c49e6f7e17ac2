/**
 * api.md's role table ("Identity and access") as data: per permission, the kind of
 * resource it is decided on and, per role, the attribute scope within which that role
 * holds it. A role that is not listed does not hold the permission at all.
 *
 * Scopes:
 * - `own-groups`: the student's group is in the caller's `groups` AND the student's school
 *   is in the caller's `schools` (group ids are only unique within a school).
 * - `own-schools`: the resource's school is in the caller's `schools`.
 * - `own-municipality`: the resource's municipality is the caller's `municipality`.
 * - `ppt-consented`: a case referred to or consulted with PPT while a PPT consent is
 *   valid, in the caller's municipality.
 * - `own-children`: the student (of a case: the case's student) is in the caller's `children`.
 * - `any`: no attribute condition (the auditor's "read everything"; admin set-up).
 * - `caller-filtered`: the route is about no single resource; the handler must narrow
 *   what it returns by the principal (e.g. `GET /ppt/cases` lists only the caller's
 *   PPT-consented cases in their municipality).
 *
 * Readings of the table that the contract leaves open (change the data, not the code):
 * - admin: "in own municipality: set up schools, calendars, plans and students" (api.md):
 *   set-up in the admin's own `municipality` only; admin holds no read of absence, concern or cases.
 * - teacher: "register absence" includes correcting and retracting registrations
 *   (`absence:correct`) for own groups; a teacher cannot see concern levels or cases.
 * - contact-teacher: as teacher, plus concern levels (read and raise by hand) and cases
 *   (open, read, write, history) for own groups. No Noark export and no school-wide lists:
 *   those span students outside the caller's groups.
 * - school-leader: "everything about students and cases in own schools": every student and
 *   case permission including writing cases, history and export, the absence list, the
 *   school's statistics and tasks.
 * - student-services: "cases and concern levels in own schools": concern read/override,
 *   cases open/read/write/history, the absence list (it shows levels and open cases),
 *   school statistics and tasks. Not absence registration.
 * - ppt: reads such cases (not writes: the contract says "only cases ... ", read as
 *   access to read); PPT statistics of own municipality; the PPT case list.
 * - municipality: aggregate statistics of own municipality: PPT statistics and each of
 *   its schools' statistics (the handler shows counts below 5 as "<5" for this role).
 * - auditor: every read, history and export included, scope `any`; no write permission.
 * - `student:history` (GET /students/:id/known, an addition): a student's record as known at
 *   an instant; auditor `any`, school-leader own schools. Logged like every read of a student.
 * - plans are public reference data: every role may read them.
 * - guardian: own `children` only: report absence (always `reportedByGuardian`), read their
 *   registrations, concern level and tasks, give and withdraw consents in their cases, read the
 *   innsyn. Not case content: the case's records are the school's (the innsyn shows them).
 * - privacy (api.md, Privacy): erasure, blocking and the retention list are the admin's, in own
 *   municipality; the innsyn the guardian's and, on request, the admin's; all logged. A blocked
 *   case is refused to every role but the auditor, whatever the table says (decide.ts).
 */
import type { Role } from './roles.js';
import type { ResourceKind } from './resource-directory.port.js';

export type Scope = 'own-groups' | 'own-schools' | 'own-municipality' | 'ppt-consented' | 'own-children' | 'any' | 'caller-filtered';

export interface PermissionRule {
  /** What the decision is about; `none` for set-up and listing routes. */
  resource: ResourceKind | 'none';
  /** Reads of case content or of a concern level: recorded in the access log. */
  logged?: boolean;
  /** The resource may not exist yet (the first school of a municipality): judged on the id given. */
  newResource?: boolean;
  grants: Partial<Record<Role, Scope>>;
}

export const ACCESS_TABLE = {
  // An admin sets up its own municipality only (security finding 3); a municipality's first
  // school is registered before the directory knows the municipality (`newResource`).
  'school:setup': { resource: 'municipality', grants: { admin: 'own-municipality' }, newResource: true },
  'student:enrol': { resource: 'school', grants: { admin: 'own-municipality' } },
  // A new group, grade or school: set-up (admin) or the school's leaders.
  'student:move': { resource: 'student', grants: { admin: 'own-municipality', 'school-leader': 'own-schools' } },
  // Per-route counts and the live event position: for the operator, not the public (security finding 4).
  'ops:read': { resource: 'none', grants: { ops: 'any' } },
  // Who am I: every signed-in caller, about itself only.
  'me:read': {
    resource: 'none',
    grants: {
      admin: 'any',
      teacher: 'any',
      'contact-teacher': 'any',
      'school-leader': 'any',
      'student-services': 'any',
      ppt: 'any',
      municipality: 'any',
      auditor: 'any',
      guardian: 'any',
      ops: 'any',
    },
  },
  // A municipality's schools (ids, names, levels, plans): no personal data.
  'schools:list': {
    resource: 'municipality',
    grants: {
      admin: 'own-municipality',
      'school-leader': 'own-municipality',
      'student-services': 'own-municipality',
      ppt: 'own-municipality',
      municipality: 'own-municipality',
      auditor: 'any',
    },
  },
  // A school's groups and students (a teacher sees its own groups only: the handler narrows).
  'roster:read': {
    resource: 'school',
    grants: {
      admin: 'own-municipality',
      teacher: 'own-schools',
      'contact-teacher': 'own-schools',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      auditor: 'any',
    },
  },
  'plans:read': {
    resource: 'none',
    grants: {
      admin: 'any',
      teacher: 'any',
      'contact-teacher': 'any',
      'school-leader': 'any',
      'student-services': 'any',
      ppt: 'any',
      municipality: 'any',
      auditor: 'any',
    },
  },
  'absence:register': {
    resource: 'student',
    grants: { teacher: 'own-groups', 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', guardian: 'own-children' },
  },
  // A whole class's absence for a date (api.md, People and classes: roll call): as one registration each.
  'roll-call:register': {
    resource: 'group',
    grants: { teacher: 'own-groups', 'contact-teacher': 'own-groups', 'school-leader': 'own-schools' },
  },
  'absence:read': {
    resource: 'student',
    grants: {
      teacher: 'own-groups',
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      auditor: 'any',
      guardian: 'own-children',
    },
  },
  // A student's name, school, group and grade (GET /students/:id): whoever may read anything of the student.
  'student:read': {
    resource: 'student',
    grants: {
      teacher: 'own-groups',
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      auditor: 'any',
      guardian: 'own-children',
    },
  },
  'absence:correct': {
    resource: 'student',
    grants: { teacher: 'own-groups', 'contact-teacher': 'own-groups', 'school-leader': 'own-schools' },
  },
  'concern:read': {
    resource: 'student',
    logged: true,
    grants: {
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      auditor: 'any',
      guardian: 'own-children',
    },
  },
  'concern:override': {
    resource: 'student',
    grants: { 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // A contact outside a case (the call home about today's absence): those who follow the student up.
  'contact:record': {
    resource: 'student',
    grants: { 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // A step done by hand: those the plans make responsible (contact teacher, leaders, student services).
  'task:complete': {
    resource: 'student',
    grants: { 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // api.md: "school leaders: the step is not needed here".
  'task:waive': { resource: 'student', grants: { 'school-leader': 'own-schools' } },
  'case:open': {
    resource: 'student',
    grants: { 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // The case list (GET /cases): the handler narrows it to the caller's schools, a contact teacher's to the own groups.
  'cases:list': {
    resource: 'none',
    logged: true,
    grants: {
      'contact-teacher': 'caller-filtered',
      'school-leader': 'caller-filtered',
      'student-services': 'caller-filtered',
      auditor: 'any',
    },
  },
  'case:read': {
    resource: 'case',
    logged: true,
    grants: {
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      ppt: 'ppt-consented',
      auditor: 'any',
    },
  },
  'case:write': {
    resource: 'case',
    grants: { 'contact-teacher': 'own-groups', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // Consents are given and withdrawn by the school with the family, or by the guardian digitally (api.md).
  'case:consent': {
    resource: 'case',
    grants: {
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      guardian: 'own-children',
    },
  },
  // A student's consents across their cases: the guardian's own children, and those who read the cases.
  'consents:read': {
    resource: 'student',
    logged: true,
    grants: {
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      auditor: 'any',
      guardian: 'own-children',
    },
  },
  // Privacy (api.md, Privacy of a child's data): the admin's, in own municipality, every use logged.
  'student:erase': { resource: 'student', logged: true, grants: { admin: 'own-municipality' } },
  'case:block': { resource: 'case', logged: true, grants: { admin: 'own-municipality' } },
  'retention:read': { resource: 'none', logged: true, grants: { admin: 'caller-filtered' } },
  'student:innsyn': { resource: 'student', logged: true, grants: { admin: 'own-municipality', guardian: 'own-children' } },
  'case:history': {
    resource: 'case',
    logged: true,
    grants: {
      'contact-teacher': 'own-groups',
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      auditor: 'any',
    },
  },
  // An addition to api.md: what the school knew about a student at an instant (registrations,
  // concern, cases, tasks as recorded by then). The auditor's "history included"; the school
  // leader's "everything about students … in own schools".
  'student:history': {
    resource: 'student',
    logged: true,
    grants: { 'school-leader': 'own-schools', auditor: 'any' },
  },
  'case:export': {
    resource: 'case',
    logged: true,
    grants: { 'school-leader': 'own-schools', auditor: 'any' },
  },
  'absence-list:read': {
    resource: 'school',
    grants: { 'school-leader': 'own-schools', 'student-services': 'own-schools', auditor: 'any' },
  },
  'school-statistics:read': {
    resource: 'school',
    grants: {
      'school-leader': 'own-schools',
      'student-services': 'own-schools',
      municipality: 'own-municipality',
      auditor: 'any',
    },
  },
  'ppt-statistics:read': {
    resource: 'municipality',
    grants: { ppt: 'own-municipality', municipality: 'own-municipality', auditor: 'any' },
  },
  'ppt-cases:read': {
    resource: 'none',
    logged: true,
    grants: { ppt: 'caller-filtered', auditor: 'any' },
  },
  // A contact teacher sees what is due for the own groups' students (plans.md: "an overdue
  // step is visible to the person responsible"); the handler narrows the school's list to them.
  'tasks:read': {
    resource: 'school',
    grants: { 'contact-teacher': 'own-schools', 'school-leader': 'own-schools', 'student-services': 'own-schools', auditor: 'any' },
  },
  'access-log:read': { resource: 'none', grants: { auditor: 'any' } },
  // An anonymous consultation with PPT (no student): a leader of the school, or PPT of its municipality.
  'ppt-consultation:record': { resource: 'school', grants: { 'school-leader': 'own-schools', ppt: 'own-municipality' } },
  // Routine reviews (plans.md, "Review routines"): those who hold them; a contact teacher the own groups' (the handler narrows).
  'reviews:read': {
    resource: 'school',
    grants: { 'contact-teacher': 'own-schools', 'school-leader': 'own-schools', 'student-services': 'own-schools', auditor: 'any' },
  },
  'review:record': {
    resource: 'school',
    grants: { 'contact-teacher': 'own-schools', 'school-leader': 'own-schools', 'student-services': 'own-schools' },
  },
  // Bergen's report of concerning absence to the department leader: the contact teacher writes it, leaders read it.
  'monthly-report:read': {
    resource: 'school',
    logged: true,
    grants: { 'contact-teacher': 'own-schools', 'school-leader': 'own-schools', 'student-services': 'own-schools', auditor: 'any' },
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof ACCESS_TABLE;

export const PERMISSIONS = Object.keys(ACCESS_TABLE) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(ACCESS_TABLE, value);
}

export function ruleFor(permission: Permission): PermissionRule {
  return ACCESS_TABLE[permission];
}
