/**
 * The follow-up engine's facts (libs/domain/follow-up) for one student, from the student's
 * `follow-up-students` document and the `cases` projection's case documents. The case is the one the student has on the day
 * asked about: the case open then, else the last one opened before it.
 */
import type { CaseFacts, FollowUpFacts } from '#domain/follow-up/index.js';
import type { CaseDoc } from '../cases/case-doc.js';
import { studentRegistrations, type FollowUpStudentDoc } from '../follow-up-students/follow-up-student-doc.js';
import { entryOn, statusOn } from '../cases/case-timeline.js';

/** The case the student's tasks belong to on `today`, if any. */
export function caseForTasks(cases: readonly CaseDoc[], today: string): CaseDoc | undefined {
  const started = cases.filter((c) => c.openedOn <= today);
  return (
    started.find((c) => statusOn(c, today) === 'open') ??
    [...started].sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : 0)).at(-1)
  );
}

export function caseFacts(doc: CaseDoc, today: string): CaseFacts {
  const status = entryOn(doc.statusHistory, today);
  return {
    openedOn: doc.openedOn,
    phase: entryOn(doc.phaseHistory, today)?.phase ?? doc.phase,
    phaseChanges: doc.phaseHistory.map((p) => ({ phase: p.phase, on: p.on })),
    contacts: doc.contacts.map((c) => ({ with: c.with, at: c.at, channel: c.channel })),
    meetings: doc.meetings.map((m) => ({ type: m.type, heldAt: m.heldAt })),
    measures: doc.measures.map((m) => ({
      measureId: m.measureId,
      startsOn: m.startsOn,
      evaluateBy: m.evaluateBy,
      evaluations: m.evaluations.map((e) => ({ at: e.on, outcome: e.outcome })),
    })),
    mappings: doc.mappings.map((m) => ({ at: m.on })),
    consents: doc.consents.map((c) => ({ purpose: c.purpose, givenAt: c.givenAt })),
    referrals: doc.referrals.map((r) => ({ to: r.to, at: r.at })),
    ...(doc.returnPlan ? { returnPlan: { startsOn: doc.returnPlan.startsOn } } : {}),
    ...(status?.status === 'closed' ? { closedOn: status.on } : {}),
  };
}

export function followUpFacts(student: FollowUpStudentDoc, caseDoc: CaseDoc | undefined, today: string): FollowUpFacts {
  const registrations = studentRegistrations(student);
  return {
    levelChanges: [...student.levels]
      .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.seq - b.seq))
      .map((l) => ({ level: l.level, on: l.asOf })),
    dayAbsences: registrations
      .filter((r) => r.kind === 'day')
      .map((r) => ({
        date: r.date,
        reportedByGuardian: r.reportedByGuardian,
        ...(r.recordedOn === undefined ? {} : { recordedOn: r.recordedOn }),
        ...(r.reportedOn === undefined ? {} : { reportedOn: r.reportedOn }),
      })),
    lessonAbsences: registrations
      .filter((r) => r.kind === 'lesson')
      .map((r) => ({ date: r.date, ...(r.lessons === undefined ? {} : { lessons: r.lessons }) })),
    ...(caseDoc ? { case: caseFacts(caseDoc, today) } : {}),
    ...(student.byHand ?? {}),
  };
}
