/**
 * The recorded facts that fulfil a step: their dates, so the caller can take the first one
 * on or after the trigger (or, for a repeating step, the latest).
 */
import { dateOf, type IsoDate } from '../calendar/index.js';
import type { FollowUpStep, Fulfilment } from '../plans/index.js';
import type { FollowUpFacts } from './follow-up-facts.js';
import type { Occurrence } from './trigger-occurrences.js';

/** Dates (ascending, up to `today`) of the facts that fulfil `step` for `occurrence`. */
export function fulfilmentDates(step: FollowUpStep, occurrence: Occurrence, facts: FollowUpFacts, today: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (const f of step.fulfilledBy) dates.push(...datesOf(f, occurrence, facts));
  const from = occurrence.fulfilFrom ?? occurrence.on;
  return dates.filter((d) => d >= from && d <= today).sort();
}

function datesOf(f: Fulfilment, occurrence: Occurrence, facts: FollowUpFacts): IsoDate[] {
  const c = facts.case;
  switch (f.type) {
    case 'contact':
      return [...(c?.contacts ?? []), ...(facts.contacts ?? [])].filter((x) => x.with === f.with).map((x) => dateOf(x.at));
    case 'meeting':
      return (
        (c?.meetings ?? [])
          .filter((m) => !f.meetingTypes || f.meetingTypes.includes(m.type))
          // The meeting that started a meeting-held step does not fulfil it; a later one does.
          .filter((m) => !occurrence.meeting || m.heldAt > occurrence.meeting.heldAt)
          .map((m) => dateOf(m.heldAt))
      );
    case 'evaluation': {
      const measures = occurrence.measure ? [occurrence.measure] : (c?.measures ?? []);
      // After an evaluation-outcome trigger, the evaluation that started it does not fulfil it.
      const after = occurrence.evaluatedAt;
      return measures.flatMap((m) => m.evaluations.filter((e) => after === undefined || e.at > after).map((e) => dateOf(e.at)));
    }
    case 'phase-advanced': {
      const then = occurrence.phaseThen ?? 0;
      return (c?.phaseChanges ?? []).filter((p) => p.phase > then).map((p) => p.on);
    }
    case 'case-closed':
      return c?.closedOn ? [c.closedOn] : [];
    case 'measure':
      return (c?.measures ?? []).map((m) => m.agreedOn ?? m.startsOn);
    case 'mapping':
      return (c?.mappings ?? []).map((m) => dateOf(m.at));
    case 'consent':
      return (c?.consents ?? []).filter((x) => x.purpose === f.purpose).map((x) => dateOf(x.givenAt));
    case 'referral':
      return (c?.referrals ?? []).map((r) => dateOf(r.at));
    case 'return-plan':
      return c?.returnPlan ? [c.returnPlan.recordedOn ?? c.returnPlan.startsOn] : [];
    case 'guardian-report':
      return occurrence.reportedOn ? [occurrence.reportedOn] : [];
  }
}
