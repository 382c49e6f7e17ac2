/**
 * The shapes of the service's answers the pages read. The OpenAPI document declares requests
 * in full but most answers by example only, so these are written from api.md; the end-to-end
 * browser tests run them against the real service.
 */
export type Role =
  'admin' | 'teacher' | 'contact-teacher' | 'school-leader' | 'student-services' | 'ppt' | 'municipality' | 'auditor' | 'guardian' | 'ops';
export type Level = 'green' | 'yellow' | 'red';

export interface Me {
  sub: string;
  name: string;
  roles: Role[];
  municipality: string | null;
  schools: { schoolId: string; name: string | null }[];
  groups: string[];
  /** A guardian's children (student ids). */
  children: string[];
  /** The service's business date: forms default to it. */
  today: string;
}

export interface SignInConfig {
  mode: 'dev' | 'oidc' | 'token';
  oidc: { issuer: string; clientId: string } | null;
}
export interface DevPerson {
  sub: string;
  name: string;
  role: Role;
}

export interface RosterRow {
  studentId: string;
  name: string;
  grade: number;
  group: string;
  level?: Level;
}
export interface GroupRow {
  groupId: string;
  grade: number;
  students: number;
}
export interface StudentProfile {
  studentId: string;
  name: string;
  schoolId: string;
  schoolName: string | null;
  grade: number;
  group: string;
}

export interface Trigger {
  ruleId: string;
  level: Level;
  description: string;
  window: { from: string; to: string };
  count: number;
  threshold: number;
  unit: string;
}
export interface Concern {
  studentId: string;
  planId: string;
  level: Level;
  triggers: Trigger[];
  override?: { level: Level; reason: string } | null;
}

export type AbsenceKind = 'day' | 'lesson' | 'late' | 'left-early';
export interface Registration {
  absenceId: string;
  date: string;
  kind: AbsenceKind;
  lessons?: number;
  minutes?: number;
  reason?: string;
  documented: boolean;
  reportedByGuardian: boolean;
  retracted: boolean;
}

export type TaskStatus = 'due' | 'overdue' | 'done' | 'waived';
export interface Task {
  taskId: string;
  scope: 'student' | 'school';
  studentId?: string;
  studentName?: string;
  group?: string;
  caseId?: string;
  step: { id: string; title: string; planId: string };
  responsibleRole: Role;
  dueOn: string;
  status: TaskStatus;
  closedBy: 'record' | 'hand';
}

export interface CaseRow {
  caseId: string;
  studentId: string;
  studentName: string | null;
  group: string | null;
  schoolId: string;
  phase: number;
  phaseName: string | null;
  status: 'open' | 'closed';
  openedOn: string;
  nextDueOn: string | null;
}

export interface Person {
  name: string;
  role: string;
}
export interface CaseDoc {
  caseId: string;
  studentId: string;
  studentName: string | null;
  schoolId: string;
  status: 'open' | 'closed';
  phase: number;
  phaseName: string | null;
  revision: number;
  reason?: string;
  openedOn: string;
  contacts: { contactId: string; at: string; with: string; channel: string; summary: string; studentView?: string }[];
  meetings: { meetingId: string; heldAt: string; type?: string; participants: Person[]; minutes: string; studentView?: string }[];
  measures: {
    measureId: string;
    description: string;
    responsible: Person;
    startsOn: string;
    evaluateBy: string;
    evaluations?: { outcome: string; note: string; on?: string }[];
  }[];
  mappings: { summary: string; domains: Record<string, string | undefined> }[];
  consents: {
    consentId: string;
    purpose: string;
    recipients: string[];
    givenBy: { name: string };
    givenAt: string;
    withdrawnAt?: string | null;
  }[];
  referrals: { referralId?: string; to: string; kind: string; at: string; note: string }[];
  returnPlan: { goals: string[]; presenceGuide: Person; startsOn: string } | null;
  closure: { outcome: string; note: string; on?: string } | null;
  integrity?: { valid: boolean; events: number };
}

export interface HistoryEntry {
  revision: number;
  type: string;
  label: string;
  data: Record<string, unknown>;
  actor: { id: string; role: string; name: string | null };
  occurredAt: string;
  recordedAt: string;
  hash: string;
  previousHash: string | null;
}

export interface AbsenceListRow {
  studentId: string;
  name: string;
  grade: number;
  group: string;
  days: number;
  lessons: number;
  lates: number;
  leftEarly: number;
  schoolDays: number;
  absencePercent: number;
  level: Level;
  openCase: boolean;
}

export type Count = number | string;
export interface SchoolStatistics {
  students: Count;
  byLevel: Record<Level, Count>;
  openCases: Count;
  casesByPhase: Record<string, Count>;
  referrals: Record<string, Count>;
}
export interface SchoolRow {
  schoolId: string;
  name: string;
  level: string;
  planId: string;
}

export interface PptCase {
  caseId: string;
  status: string;
  student: { id: string; name: string; grade: number };
  school: { id: string; name: string };
  schoolLevel: string;
  phase: number;
}
export interface PptStatisticsRow {
  schoolLevel: string;
  consulted: Count;
  referred: Count;
  sum: Count;
  completelyAbsent: Count;
  previous: { consulted: Count; referred: Count; sum: Count; completelyAbsent: Count } | null;
}
export interface PptStatistics {
  asOf: string;
  compareTo: string | null;
  rows: PptStatisticsRow[];
}

export interface AccessLogEntry {
  at: string;
  actor: { id: string; role: string };
  action: string;
  target: { type: string; id: string };
}

/** GET /students/:id/consents: the child's consents in all its cases. */
export interface ChildConsent {
  caseId: string;
  caseStatus: 'open' | 'closed';
  consentId: string;
  purpose: string;
  recipients: string[];
  givenBy: { name: string; relation: 'guardian' | 'student' };
  givenAt: string;
  givenOn: string;
  withdrawnAt?: string;
  withdrawnOn?: string;
}

/** GET /students/:id/tasks/history: a step the plan asked for, and how it stands. */
export interface TaskHistoryRow {
  taskId: string;
  step: { id: string; title: string };
  responsibleRole: string;
  dueOn: string;
  status: string;
}
