/**
 * One follow-up case (sak) as the plans describe it: contact home and a conversation with
 * the student, a meeting with minutes, mapping by Tiltakssirkelen, measures evaluated after
 * about three weeks, and for the students who do not get better: phase changes, consents and
 * referrals (PPT/BUP only while a consent of that purpose is valid; barnevern needs none),
 * sometimes a return plan, some consents withdrawn, and the resolved cases closed.
 * Nothing is dated after the business-date cap: the case simply stops where "today" is.
 */
import { ageOn } from '#domain/shared/dates.js';
import type { SchoolCalendar } from '#domain/calendar/index.js';
import type { CaseCommand } from '#domain/case/index.js';
import type { EvaluationOutcome, MeetingType, PersonRef } from '#domain/events/index.js';
import type { Actor } from '#event-store/event-store.port.js';
import {
  evaluationNote,
  guardianContact,
  mappingDomains,
  mappingSummary,
  measureDescription,
  meetingMinutes,
  referralNote,
  returnGoals,
  studentContact,
  studentView,
} from './case-texts.js';
import { adultName } from './names.js';
import { instantOn, type Planned } from './planned.js';
import type { Random } from './random.js';

export interface CaseStaff {
  contactTeacher: Actor & { name: string };
  leader: Actor & { name: string };
  services: Actor & { name: string };
}

export interface CasePlanInput {
  caseId: string;
  studentId: string;
  schoolId: string;
  planId: string;
  severity: 'yellow' | 'red';
  openedOn: string;
  cap: string;
  maxPhase: number;
  grade: number;
  /** The student's birth date: the student's own consent counts from 15 (plans.md, "Consent"). */
  birthDate: string;
  completeAbsence: boolean;
  calendar: SchoolCalendar;
  staff: CaseStaff;
  /** A UUID for the n-th id of `kind` inside the case (contact, meeting, measure …). */
  childId: (kind: string, n: number) => string;
}

/** Stops the script when a record would be dated after the cap. */
class CapReached extends Error {}

export function planCase(r: Random, input: CasePlanInput): Planned<CaseCommand>[] {
  const { caseId, staff, calendar } = input;
  const out: Planned<CaseCommand>[] = [];
  const counters = new Map<string, number>();
  const id = (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return input.childId(kind, n);
  };
  let today = input.openedOn;
  /** Moves the script's date on by `schoolDays` (deadlines are counted in school days). */
  const advance = (schoolDays: number): string => {
    const next = calendar.addSchoolDays(today, schoolDays);
    if (next > input.cap) throw new CapReached();
    today = next;
    return today;
  };
  // Envelopes carry the actor's id and role only; staff names belong in the records, not in metadata.
  const push = (command: CaseCommand, actor: Actor) =>
    out.push({ command, actor: { id: actor.id, role: actor.role }, occurredAt: instantOn(today, r, 7, 14) });
  const guardian: PersonRef = { name: adultName(r), role: 'guardian' };
  const person = (a: { name: string; role: string }): PersonRef => ({ name: a.name, role: a.role });
  let phase = input.planId === 'baerum' ? (input.severity === 'red' ? 3 : 2) : 1;

  const meeting = (type: MeetingType, extra: PersonRef[] = []) =>
    push(
      {
        type: 'HoldMeeting',
        data: {
          caseId,
          meetingId: id('meeting'),
          type,
          heldAt: today,
          participants: [
            person(staff.contactTeacher),
            guardian,
            person(staff.leader),
            ...(r.chance(0.7) ? [{ name: 'Eleven', role: 'student' }] : []),
            ...extra,
          ],
          minutes: meetingMinutes(r, type),
          ...(r.chance(0.6) ? { studentView: studentView(r) } : {}),
        },
      },
      staff.services,
    );
  const changePhase = (to: number, reason: string) => {
    if (to > input.maxPhase || to === phase) return;
    push({ type: 'ChangePhase', data: { caseId, phase: to, reason, on: today } }, staff.leader);
    phase = to;
  };
  const consent = (purpose: 'ppt' | 'bup' | 'stafettlogg' | 'school-nurse', recipients: string[]): string => {
    const consentId = id('consent');
    // Drawn for every grade-10 consent, so the rest of the script does not depend on the birthday.
    const byStudent = input.grade >= 10 && r.chance(0.3) && ageOn(input.birthDate, today) >= 15;
    push(
      {
        type: 'GiveConsent',
        data: {
          caseId,
          consentId,
          purpose,
          recipients,
          givenBy: byStudent ? { name: 'Eleven', relation: 'student' } : { name: guardian.name, relation: 'guardian' },
          givenAt: today,
        },
      },
      staff.leader,
    );
    return consentId;
  };
  const evaluate = (measureId: string, outcome: EvaluationOutcome) =>
    push(
      {
        type: 'EvaluateMeasure',
        data: {
          caseId,
          measureId,
          evaluationId: id('evaluation'),
          outcome,
          note: evaluationNote(r, outcome),
          ...(r.chance(0.5) ? { studentView: studentView(r) } : {}),
          on: today,
        },
      },
      staff.contactTeacher,
    );

  try {
    const reason = input.severity === 'red' ? 'Alvorlig fravær' : 'Bekymringsfullt fravær';
    push(
      { type: 'OpenCase', data: { caseId, studentId: input.studentId, schoolId: input.schoolId, reason, openedOn: today, phase } },
      staff.contactTeacher,
    );
    push(
      {
        type: 'RecordContact',
        data: { caseId, contactId: id('contact'), with: 'guardian', channel: 'phone', at: today, summary: guardianContact(r) },
      },
      staff.contactTeacher,
    );
    advance(r.int(1, 3));
    push(
      {
        type: 'RecordContact',
        data: {
          caseId,
          contactId: id('contact'),
          with: 'student',
          channel: 'meeting',
          at: today,
          summary: studentContact(r),
          studentView: studentView(r),
        },
      },
      staff.contactTeacher,
    );
    if (input.planId === 'vindafjord-etne') consent('stafettlogg', ['Stafettloggen']);
    advance(r.int(2, 5));
    meeting(
      input.planId === 'bergen-smoras'
        ? 'presence-meeting'
        : input.planId === 'vindafjord-etne'
          ? 'shared-understanding'
          : r.pick(['presence-meeting', 'shared-understanding'] as const),
    );
    advance(r.int(1, 3));
    push(
      {
        type: 'RecordMapping',
        data: { caseId, mappingId: id('mapping'), domains: mappingDomains(r), summary: mappingSummary(r), on: today },
      },
      staff.services,
    );
    const measures: string[] = [];
    for (let k = r.chance(0.4) ? 2 : 1; k > 0; k--) {
      const measureId = id('measure');
      measures.push(measureId);
      const responsible = r.chance(0.6) ? person(staff.contactTeacher) : person(staff.services);
      push(
        {
          type: 'AgreeMeasure',
          data: {
            caseId,
            measureId,
            description: measureDescription(r),
            responsible,
            startsOn: today,
            evaluateBy: calendar.addSchoolDays(today, 15),
          },
        },
        staff.contactTeacher,
      );
    }
    for (let extra = input.severity === 'red' ? r.int(1, 4) : r.int(0, 2); extra > 0; extra--) {
      advance(r.int(2, 5));
      push(
        {
          type: 'RecordContact',
          data: {
            caseId,
            contactId: id('contact'),
            with: 'guardian',
            channel: r.pick(['phone', 'message'] as const),
            at: today,
            summary: guardianContact(r),
          },
        },
        staff.contactTeacher,
      );
    }
    advance(r.int(10, 15));
    const outcome = r.weighted<EvaluationOutcome>(
      input.severity === 'red'
        ? [
            ['resolved', 10],
            ['progressing', 30],
            ['try-other-measures', 25],
            ['external-help-needed', 35],
          ]
        : [
            ['resolved', 40],
            ['progressing', 35],
            ['try-other-measures', 15],
            ['external-help-needed', 10],
          ],
    );
    for (const measureId of measures) evaluate(measureId, outcome);

    if (outcome === 'resolved') {
      if (r.chance(0.7)) {
        advance(r.int(3, 10));
        push(
          {
            type: 'CloseCase',
            data: { caseId, outcome: 'resolved', note: 'Fraværet er tilbake på normalt nivå; saken avsluttes.', on: today },
          },
          staff.leader,
        );
      }
      return out;
    }
    if (outcome === 'progressing') {
      advance(r.int(10, 15));
      const second = r.weighted<EvaluationOutcome>([
        ['resolved', 50],
        ['progressing', 30],
        ['external-help-needed', 20],
      ]);
      evaluate(measures[0]!, second);
      if (second === 'resolved') {
        if (r.chance(0.6)) {
          advance(r.int(3, 10));
          push(
            { type: 'CloseCase', data: { caseId, outcome: 'resolved', note: 'Tiltakene har virket; saken avsluttes.', on: today } },
            staff.leader,
          );
        }
        return out;
      }
      if (second === 'progressing') return out;
    }

    // Not resolved: the next phase, the resource team, and help from outside the school.
    changePhase(phase + 1, 'Tiltakene har ikke hatt ønsket effekt');
    advance(r.int(2, 5));
    meeting('resource-team', [person(staff.services)]);
    if (r.chance(0.05)) {
      // A consent given and withdrawn before anything was shared: no referral follows from it.
      const nurse = consent('school-nurse', ['Helsesykepleier']);
      advance(r.int(1, 3));
      push(
        { type: 'WithdrawConsent', data: { caseId, consentId: nurse, at: today, note: 'Foresatte ønsker ikke at opplysninger deles nå' } },
        staff.leader,
      );
    }
    const wantsPpt = outcome === 'external-help-needed' || r.chance(0.5);
    let pptConsent: string | null = null;
    if (wantsPpt) {
      advance(r.int(1, 3));
      pptConsent = consent('ppt', ['PPT']);
      advance(r.int(1, 4));
      const kind = r.chance(0.55) ? 'consultation' : 'referral';
      push(
        { type: 'MakeReferral', data: { caseId, referralId: id('referral'), to: 'ppt', kind, at: today, note: referralNote(r, 'ppt') } },
        staff.leader,
      );
    }
    if (input.severity === 'red' && r.chance(0.25)) {
      advance(r.int(2, 5));
      consent('bup', ['BUP', 'Fastlege']);
      advance(r.int(1, 3));
      push(
        {
          type: 'MakeReferral',
          data: { caseId, referralId: id('referral'), to: 'bup', kind: 'referral', at: today, note: referralNote(r, 'bup') },
        },
        staff.leader,
      );
    }
    if (input.severity === 'red' && r.chance(0.06)) {
      advance(r.int(1, 5));
      push(
        {
          type: 'MakeReferral',
          data: { caseId, referralId: id('referral'), to: 'barnevern', kind: 'referral', at: today, note: referralNote(r, 'barnevern') },
        },
        staff.leader,
      );
    }
    advance(r.int(5, 10));
    meeting('interdisciplinary', [{ name: adultName(r), role: 'ppt' }]);
    if (input.completeAbsence || input.planId === 'vindafjord-etne' || r.chance(0.2)) {
      changePhase(Math.min(input.maxPhase, phase + 1), 'Behov for videre tiltak og tverrfaglig samarbeid');
      push(
        {
          type: 'AgreeReturnPlan',
          data: { caseId, goals: returnGoals(r), presenceGuide: person(staff.services), startsOn: calendar.addSchoolDays(today, 3) },
        },
        staff.services,
      );
    }
    if (pptConsent && r.chance(0.1)) {
      advance(r.int(5, 15));
      push(
        {
          type: 'WithdrawConsent',
          data: { caseId, consentId: pptConsent, at: today, note: 'Foresatte trakk samtykket etter møte med PPT' },
        },
        staff.leader,
      );
    }
    advance(r.int(10, 15));
    const measureId = id('measure');
    push(
      {
        type: 'AgreeMeasure',
        data: {
          caseId,
          measureId,
          description: measureDescription(r),
          responsible: person(staff.services),
          startsOn: today,
          evaluateBy: calendar.addSchoolDays(today, 15),
        },
      },
      staff.services,
    );
    advance(15);
    evaluate(
      measureId,
      r.weighted<EvaluationOutcome>([
        ['resolved', 30],
        ['progressing', 50],
        ['try-other-measures', 20],
      ]),
    );
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
  }
  return out;
}
