/**
 * The follow-up facts a student's own stream holds beside absences: steps completed or waived
 * by hand and contacts outside a case. One fold for every reader (the tasks projection and the
 * auditor's "known as of"), so both read the same events the same way.
 */
import type { StudentEvent } from '../events/index.js';
import type { ContactFact } from '../follow-up/follow-up-facts.js';

export interface StudentFollowUpRecords {
  /** `by`: who completed it (the actor's id), where the reader knows it. */
  completedSteps: { stepId: string; key: string; on: string; by?: string }[];
  waivedSteps: { key: string; on: string; reason: string; by?: string }[];
  contacts: ContactFact[];
}

export const emptyStudentFollowUpRecords = (): StudentFollowUpRecords => ({ completedSteps: [], waivedSteps: [], contacts: [] });

/** Adds what `event` records to `records` (in place); false when the event records none of it. */
export function addStudentFollowUpRecord(records: StudentFollowUpRecords, event: StudentEvent, by?: string): boolean {
  const who = by === undefined ? {} : { by };
  switch (event.type) {
    case 'FollowUpStepCompleted':
      records.completedSteps.push({ stepId: event.data.stepId, key: event.data.occurrence, on: event.data.on, ...who });
      return true;
    case 'FollowUpStepWaived':
      records.waivedSteps.push({ key: event.data.occurrence, on: event.data.on, reason: event.data.reason, ...who });
      return true;
    case 'StudentContactRecorded':
      records.contacts.push({ with: event.data.with, at: event.data.at, channel: event.data.channel });
      return true;
    default:
      return false;
  }
}
