/**
 * A small municipality (m1: barneskole B, ungdomsskole U, kombinert K) and a neighbour (m2),
 * with cases whose records arrive out of business-date order, for the case, statistics and
 * PPT specs. School year 2025/26 with Bærum-like breaks; the expected figures are worked out
 * by hand in the specs.
 */
import type { EvaluationOutcome, ReferralKind, ReferralTarget, SchoolLevel, SchoolYear } from '#domain/events/index.js';
import { fact, type Fact } from './projection-harness.fixtures.js';

export const YEAR_2025: SchoolYear = {
  start: '2025-08-18',
  end: '2026-06-19',
  breaks: [
    { from: '2025-09-29', to: '2025-10-03', name: 'Høstferie' },
    { from: '2025-12-22', to: '2026-01-02', name: 'Juleferie' },
    { from: '2026-02-23', to: '2026-02-27', name: 'Vinterferie' },
    { from: '2026-03-30', to: '2026-04-06', name: 'Påskeferie' },
  ],
};

export const school = (schoolId: string, municipalityId: string, level: SchoolLevel, name = `${schoolId} skole`): Fact =>
  fact('SchoolRegistered', { schoolId, name, municipalityId, level, planId: 'baerum', planVersion: 1, schoolYear: YEAR_2025 });
export const enrol = (studentId: string, schoolId: string, grade: number, name = `Elev ${studentId}`): Fact =>
  fact('StudentEnrolled', { studentId, schoolId, name, grade, group: `${grade}A` });
export const open = (caseId: string, studentId: string, schoolId: string, openedOn: string, phase = 2): Fact =>
  fact('CaseOpened', { caseId, studentId, schoolId, reason: 'Bekymringsfullt fravær', openedOn, phase });
export const consent = (caseId: string, consentId: string, givenAt: string, purpose: 'ppt' | 'bup' = 'ppt'): Fact =>
  fact('ConsentGiven', {
    caseId,
    consentId,
    purpose,
    recipients: [purpose.toUpperCase()],
    givenBy: { name: 'Foresatt', relation: 'guardian' },
    givenAt,
  });
export const withdraw = (caseId: string, consentId: string, at: string): Fact => fact('ConsentWithdrawn', { caseId, consentId, at });
export const refer = (
  caseId: string,
  referralId: string,
  to: ReferralTarget,
  kind: ReferralKind,
  at: string,
  consentId: string | null = null,
): Fact => fact('ReferralMade', { caseId, referralId, to, kind, at, note: `${kind} ${to}`, consentId });
export const changePhase = (caseId: string, phase: number, previousPhase: number, on: string): Fact =>
  fact('PhaseChanged', { caseId, phase, previousPhase, reason: 'Bekymring bekreftet', on });
export const close = (caseId: string, on: string): Fact =>
  fact('CaseClosed', { caseId, outcome: 'resolved', note: 'Tilbake på skolen', on });
export const reopen = (caseId: string, on: string): Fact => fact('CaseReopened', { caseId, reason: 'Fraværet kom tilbake', on });
export const meeting = (
  caseId: string,
  meetingId: string,
  heldAt: string,
  type: 'presence-meeting' | 'resource-team' = 'presence-meeting',
): Fact =>
  fact('MeetingHeld', {
    caseId,
    meetingId,
    type,
    heldAt,
    participants: [{ name: 'Kontaktlærer', role: 'contact-teacher' }],
    minutes: 'Referat',
  });
export const measure = (caseId: string, measureId: string, startsOn: string, evaluateBy: string): Fact =>
  fact('MeasureAgreed', {
    caseId,
    measureId,
    description: 'Fast oppmøte hos miljøterapeut',
    responsible: { name: 'Miljøterapeut', role: 'student-services' },
    startsOn,
    evaluateBy,
  });
export const evaluation = (caseId: string, measureId: string, evaluationId: string, outcome: EvaluationOutcome, on: string): Fact =>
  fact('MeasureEvaluated', { caseId, measureId, evaluationId, outcome, note: 'Evaluert', on });
export const contact = (caseId: string, contactId: string, at: string): Fact =>
  fact('ContactRecorded', { caseId, contactId, with: 'guardian', channel: 'phone', at, summary: 'Ringte hjem' });
export const dayAbsence = (studentId: string, absenceId: string, date: string): Fact =>
  fact('AbsenceRegistered', { studentId, absenceId, date, kind: 'day', documented: false, reportedByGuardian: true });

/** Monday–Friday dates from `from` to `to` inclusive (the test windows avoid holidays and breaks). */
export function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The municipality's history in the order it was recorded. Cases:
 * - b1 (B, grade 4): PPT consultation dated 2025-11-10, recorded only after b2's referral.
 * - b2 (B, grade 6): consultation 2025-10-01, referral 2026-01-12; PPT consent withdrawn 2026-01-20.
 * - k1 (K, grade 2): PPT referral 2025-10-20, a barnevern report; absent every school day 5–30 Jan 2026.
 * - k2 (K, grade 9): PPT referral 2025-12-01; absent 19 of those 20 days.
 * - u1 (U, grade 10): PPT consultation 2025-09-15, absent 6–31 Oct 2025, closed 2025-12-19.
 * - u2 (U, grade 8): barnevern only; phase 3 from 2025-11-03; closed 2025-11-28, reopened 2026-01-12.
 * - b3 (B, grade 1): PPT consultation dated 2026-02-02.
 * - x1 (m2): PPT referral; another municipality.
 */
export function municipalityHistory(): Fact[] {
  return [
    school('B', 'm1', 'barneskole', 'Bekkestua barneskole'),
    school('U', 'm1', 'ungdomsskole', 'Ullern ungdomsskole'),
    school('K', 'm1', 'kombinert', 'Kirkerud skole'),
    school('X', 'm2', 'barneskole', 'Annen kommune skole'),
    enrol('sb1', 'B', 4, 'Anna'),
    enrol('sb2', 'B', 6, 'Bjørn'),
    enrol('sb3', 'B', 1, 'Cecilie'),
    enrol('sb4', 'B', 5, 'Dag'),
    enrol('sk1', 'K', 2, 'Emma'),
    enrol('sk2', 'K', 9, 'Filip'),
    enrol('su1', 'U', 10, 'Gro'),
    enrol('su2', 'U', 8, 'Hans'),
    enrol('sx1', 'X', 3, 'Ida'),

    open('u1', 'su1', 'U', '2025-09-01'),
    consent('u1', 'u1-ppt', '2025-09-10'),
    refer('u1', 'u1-r1', 'ppt', 'consultation', '2025-09-15', 'u1-ppt'),
    open('b2', 'sb2', 'B', '2025-09-22'),
    consent('b2', 'b2-ppt', '2025-09-25'),
    refer('b2', 'b2-r1', 'ppt', 'consultation', '2025-10-01T09:30:00Z', 'b2-ppt'),
    open('k1', 'sk1', 'K', '2025-10-06'),
    consent('k1', 'k1-ppt', '2025-10-15'),
    refer('k1', 'k1-r1', 'ppt', 'referral', '2025-10-20', 'k1-ppt'),
    refer('k1', 'k1-r2', 'barnevern', 'referral', '2025-10-21'),
    ...weekdays('2025-10-06', '2025-10-31').map((date, i) => dayAbsence('su1', `su1-a${i}`, date)),
    open('u2', 'su2', 'U', '2025-10-13'),
    changePhase('u2', 3, 2, '2025-11-03'),
    open('b1', 'sb1', 'B', '2025-11-03'),
    consent('b1', 'b1-ppt', '2025-11-05'),
    open('k2', 'sk2', 'K', '2025-11-20'),
    consent('k2', 'k2-ppt', '2025-11-25'),
    refer('k2', 'k2-r1', 'ppt', 'referral', '2025-12-01', 'k2-ppt'),
    refer('u2', 'u2-r1', 'barnevern', 'referral', '2025-11-10'),
    close('u2', '2025-11-28'),
    close('u1', '2025-12-19'),
    open('x1', 'sx1', 'X', '2025-10-01'),
    consent('x1', 'x1-ppt', '2025-10-01'),
    refer('x1', 'x1-r1', 'ppt', 'referral', '2025-10-02', 'x1-ppt'),
    ...weekdays('2026-01-05', '2026-01-30').map((date, i) => dayAbsence('sk1', `sk1-a${i}`, date)),
    ...weekdays('2026-01-05', '2026-01-30')
      .filter((date) => date !== '2026-01-14')
      .map((date, i) => dayAbsence('sk2', `sk2-a${i}`, date)),
    reopen('u2', '2026-01-12'),
    refer('b2', 'b2-r2', 'ppt', 'referral', '2026-01-12', 'b2-ppt'),
    // Written up weeks after the fact.
    refer('b1', 'b1-r1', 'ppt', 'consultation', '2025-11-10', 'b1-ppt'),
    withdraw('b2', 'b2-ppt', '2026-01-20'),
    open('b3', 'sb3', 'B', '2026-01-26'),
    consent('b3', 'b3-ppt', '2026-01-28'),
    refer('b3', 'b3-r1', 'ppt', 'consultation', '2026-02-02', 'b3-ppt'),
  ];
}

/** The business date a fact is about; null for set-up facts, which hold at every date. */
export function businessDateOf(f: Fact): string | null {
  const d = f.data as Record<string, string>;
  const raw =
    {
      CaseOpened: d.openedOn,
      ContactRecorded: d.at,
      MeetingHeld: d.heldAt,
      MappingRecorded: d.on,
      MeasureAgreed: d.startsOn,
      MeasureEvaluated: d.on,
      ConsentGiven: d.givenAt,
      ConsentWithdrawn: d.at,
      ReferralMade: d.at,
      PhaseChanged: d.on,
      ReturnPlanAgreed: d.startsOn,
      CaseClosed: d.on,
      CaseReopened: d.on,
      AbsenceRegistered: d.date,
    }[f.type] ?? null;
  return raw === null ? null : raw.slice(0, 10);
}

/**
 * A municipality of 40 schools and 20,000 students for the PPT statistics (issue 4's size): every
 * tenth student has a case, half of those involve PPT, some close again, some students are absent
 * for most of January. Shared by the e2e test (its counts) and bench/ppt-statistics.bench.ts (its speed).
 */
export const PPT_SCHOOLS = 40;
export const PPT_STUDENTS_PER_SCHOOL = 500;
export const PPT_ABSENT_DAYS = weekdays('2026-01-05', '2026-01-30');

export function pptMunicipality(m: string): Fact[] {
  const facts: Fact[] = [];
  for (let s = 0; s < PPT_SCHOOLS; s++) {
    const schoolId = `${m}-s${s}`;
    facts.push(school(schoolId, m, s % 3 === 0 ? 'kombinert' : s % 3 === 1 ? 'barneskole' : 'ungdomsskole'));
    for (let i = 0; i < PPT_STUDENTS_PER_SCHOOL; i++) {
      const studentId = `${schoolId}-e${i}`;
      facts.push(enrol(studentId, schoolId, 1 + (i % 10)));
      // Every tenth student has a case; half of those involve PPT; some are closed again.
      if (i % 10 !== 0) continue;
      const caseId = `${studentId}-c`;
      facts.push(open(caseId, studentId, schoolId, '2025-09-01'));
      if (i % 20 !== 0) continue;
      facts.push(
        consent(caseId, `${caseId}-ppt`, '2025-09-10'),
        refer(caseId, `${caseId}-r`, 'ppt', i % 40 === 0 ? 'referral' : 'consultation', '2025-09-15', `${caseId}-ppt`),
      );
      if (i % 60 === 0) facts.push(close(caseId, '2025-12-19'));
      if (i % 100 === 0) facts.push(...PPT_ABSENT_DAYS.map((date, k) => dayAbsence(studentId, `${studentId}-a${k}`, date)));
    }
  }
  return facts;
}
