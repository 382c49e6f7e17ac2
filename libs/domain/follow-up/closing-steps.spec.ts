/**
 * Steps that close (issue 18): by the record that fulfils them (a contact outside a case too),
 * by a completion by hand, or by a waiver; each for its own occurrence.
 */
import { describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '../calendar/index.js';
import { hemsedalTrafikklysPlan, vindafjordEtnePlan } from '../plans/index.js';
import { dueSteps, type DueStep } from './due-steps.js';
import type { FollowUpFacts } from './follow-up-facts.js';

const calendar = createSchoolCalendar({ start: '2026-08-17', end: '2027-06-18', breaks: [] });
const step = (steps: DueStep[], stepId: string): DueStep => {
  const found = steps.filter((s) => s.stepId === stepId);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('hemsedal-trafikklys (seed 000) line 44 «Umiddelbart varsle ledelsen og sosiallærer»', () => {
  const red: FollowUpFacts = { levelChanges: [{ level: 'red', on: '2026-11-02' }] };
  const notify = (facts: FollowUpFacts, today = '2026-11-23') =>
    step(dueSteps(facts, hemsedalTrafikklysPlan, calendar, today), 'hemsedal-red-notify-leadership');

  it('given a red student, the step is overdue until it is completed by hand, and then done on that day', () => {
    const open = notify(red);
    expect(open).toMatchObject({ status: 'overdue', dueOn: '2026-11-02', fulfilledByRecords: false });
    const done = notify({ ...red, completedSteps: [{ stepId: open.stepId, key: open.key, on: '2026-11-03' }] });
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-11-03', byHand: true, key: open.key });
  });

  it('a completion of another occurrence (an earlier red) does not close this one', () => {
    const facts = {
      ...red,
      completedSteps: [{ stepId: 'hemsedal-red-notify-leadership', key: 'hemsedal-red-notify-leadership@2026-09-01', on: '2026-09-01' }],
    };
    expect(notify(facts).status).toBe('overdue');
  });

  it('a waiver shows as waived from its day, not before', () => {
    const open = notify(red);
    const facts = { ...red, waivedSteps: [{ key: open.key, on: '2026-11-20' }] };
    expect(notify(facts)).toMatchObject({ status: 'waived', doneOn: '2026-11-20' });
    expect(notify(facts, '2026-11-19').status).toBe('overdue');
  });
});

describe('vindafjord-etne (seed 004) line 27 «Kontaktlærar tar kontakt med heim dersom det ikkje er meldt fråvær»', () => {
  const absent: FollowUpFacts = { dayAbsences: [{ date: '2026-11-23', reportedByGuardian: false, recordedOn: '2026-11-23' }] };
  const contactHome = (facts: FollowUpFacts) =>
    step(dueSteps(facts, vindafjordEtnePlan, calendar, '2026-11-23'), 'vindafjord-contact-home-unreported');

  it('given an unreported day absence, a call home outside any case closes the step the same day', () => {
    expect(contactHome(absent)).toMatchObject({ status: 'due', dueOn: '2026-11-23', fulfilledByRecords: true });
    const called = contactHome({ ...absent, contacts: [{ with: 'guardian', at: '2026-11-23T08:40:00Z', channel: 'phone' }] });
    expect(called).toMatchObject({ status: 'done', doneOn: '2026-11-23' });
    expect(called.byHand).toBeUndefined();
  });

  it('a talk with the student is not the contact with the home the plan asks for', () => {
    expect(contactHome({ ...absent, contacts: [{ with: 'student', at: '2026-11-23T08:40:00Z' }] }).status).toBe('due');
  });
});

describe('evaluation outcomes lead on (plans.md, "Evaluation outcomes lead on")', () => {
  const measure = (outcome: 'resolved' | 'progressing' | 'try-other-measures' | 'external-help-needed') => ({
    measureId: 'm1',
    startsOn: '2026-10-12',
    evaluateBy: '2026-11-02',
    evaluations: [{ at: '2026-11-02T12:00:00Z', outcome }],
  });
  const phase1Case = (outcome: Parameters<typeof measure>[0], extra: Partial<NonNullable<FollowUpFacts['case']>> = {}): FollowUpFacts => ({
    case: {
      openedOn: '2026-10-12',
      phase: 1,
      phaseChanges: [{ phase: 1, on: '2026-10-12' }],
      contacts: [],
      meetings: [],
      measures: [measure(outcome)],
      ...extra,
    },
  });
  const after = (facts: FollowUpFacts, stepId: string) => step(dueSteps(facts, vindafjordEtnePlan, calendar, '2026-11-23'), stepId);

  it('vindafjord-etne (seed 001) line 85: "external help needed" in a phase-1 case asks for the next tiltaksfase, done when phase 2 begins', () => {
    expect(after(phase1Case('external-help-needed'), 'vindafjord-after-external-help-needed')).toMatchObject({
      status: 'overdue',
      dueOn: '2026-11-09',
      responsibleRole: 'school-leader',
    });
    const moved = phase1Case('external-help-needed', {
      phase: 2,
      phaseChanges: [
        { phase: 1, on: '2026-10-12' },
        { phase: 2, on: '2026-11-05' },
      ],
    });
    expect(after(moved, 'vindafjord-after-external-help-needed')).toMatchObject({ status: 'done', doneOn: '2026-11-05' });
  });

  it('line 82: "progressing" asks for another evaluation; the one that started it does not count', () => {
    expect(after(phase1Case('progressing'), 'vindafjord-after-progressing').status).toBe('due');
    const again = phase1Case('progressing');
    const evaluations = [...again.case!.measures[0]!.evaluations, { at: '2026-11-20T12:00:00Z', outcome: 'resolved' as const }];
    const evaluatedAgain = { ...again, case: { ...again.case!, measures: [{ ...again.case!.measures[0]!, evaluations }] } };
    expect(after(evaluatedAgain, 'vindafjord-after-progressing')).toMatchObject({ status: 'done', doneOn: '2026-11-20' });
  });

  it('line 176: "resolved" asks to close the case; an outcome the step is not for asks nothing', () => {
    expect(after(phase1Case('resolved'), 'vindafjord-after-resolved')).toMatchObject({ status: 'overdue', dueOn: '2026-11-16' });
    expect(after(phase1Case('resolved', { closedOn: '2026-11-10' }), 'vindafjord-after-resolved')).toMatchObject({
      status: 'done',
      doneOn: '2026-11-10',
    });
    expect(dueSteps(phase1Case('progressing'), vindafjordEtnePlan, calendar, '2026-11-23').map((s) => s.stepId)).not.toContain(
      'vindafjord-after-resolved',
    );
  });
});
