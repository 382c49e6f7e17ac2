/**
 * The follow-up loop on the student's stream (issue 18; api.md, Absence and Read models):
 * overrides that expire or are withdrawn, contacts outside a case, steps completed or waived by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { ConcernRaisedManually, FollowUpStepCompleted, StudentContactRecorded } from '../events/index.js';
import { activeOverride } from '../concern/manual-override.js';
import { overridesOf } from '../concern/concern-inputs.js';
import { fold } from '../shared/decider.js';
import type { TaskAsShown } from './student.commands.js';
import { studentDecider } from './student.decider.js';
import { enrolled, registered, spec, today } from './student.fixtures.js';

const raised = (data: Partial<ConcernRaisedManually['data']> = {}): ConcernRaisedManually => ({
  type: 'ConcernRaisedManually',
  schemaVersion: 1,
  data: { studentId: 's1', level: 'red', reason: 'bekymring', on: '2026-11-02', overrideId: 'o1', ...data },
});

describe('concern overrides: until and withdrawal', () => {
  it('records until with the raise, and refuses an until before the day it is raised', () => {
    spec
      .given([enrolled])
      .when({ type: 'RaiseConcern', data: { studentId: 's1', level: 'red', reason: 'bekymring', overrideId: 'o1', until: '2026-12-18' } })
      .then([raised({ on: today, until: '2026-12-18' })]);
    spec
      .given([enrolled])
      .when({ type: 'RaiseConcern', data: { studentId: 's1', level: 'red', reason: 'bekymring', overrideId: 'o1', until: '2026-11-01' } })
      .thenThrowsCode('invalid-until');
  });

  it('withdraws once; a second withdrawal, an unknown id and an override that ran out are refused', () => {
    const withdraw = {
      type: 'WithdrawConcernOverride' as const,
      data: { studentId: 's1', overrideId: 'o1', reason: 'fraværet har gått ned' },
    };
    spec
      .given([enrolled, raised()])
      .when(withdraw)
      .then([
        {
          type: 'ConcernOverrideWithdrawn',
          schemaVersion: 1,
          data: { studentId: 's1', overrideId: 'o1', reason: 'fraværet har gått ned', on: today },
        },
      ]);
    spec
      .given([
        enrolled,
        raised(),
        { type: 'ConcernOverrideWithdrawn', schemaVersion: 1, data: { studentId: 's1', overrideId: 'o1', reason: 'x', on: today } },
      ])
      .when(withdraw)
      .thenThrowsCode('override-already-withdrawn');
    spec
      .given([enrolled, raised()])
      .when({ ...withdraw, data: { ...withdraw.data, overrideId: 'nope' } })
      .thenThrowsCode('override-not-found');
    spec
      .given([enrolled, raised({ until: '2026-11-20' })])
      .when(withdraw)
      .thenThrowsCode('override-expired');
    spec
      .given([enrolled, raised()])
      .when({ ...withdraw, data: { ...withdraw.data, reason: ' ' } })
      .thenThrowsCode('invalid-field');
  });

  it('an override holds from its day to its until, and not from the day it is withdrawn', () => {
    const withUntil = fold(studentDecider, [enrolled, raised({ until: '2026-11-20' })]);
    if (withUntil.status !== 'enrolled') throw new Error('not enrolled');
    expect(activeOverride(overridesOf(withUntil), '2026-11-20')?.level).toBe('red');
    expect(activeOverride(overridesOf(withUntil), '2026-11-23')).toBeUndefined();
    const withdrawn = fold(studentDecider, [
      enrolled,
      raised(),
      { type: 'ConcernOverrideWithdrawn', schemaVersion: 1, data: { studentId: 's1', overrideId: 'o1', reason: 'x', on: '2026-11-10' } },
    ]);
    if (withdrawn.status !== 'enrolled') throw new Error('not enrolled');
    expect(activeOverride(overridesOf(withdrawn), '2026-11-09')?.level).toBe('red');
    expect(activeOverride(overridesOf(withdrawn), '2026-11-10')).toBeUndefined();
  });
});

describe('contacts outside a case', () => {
  const contact = (data: Partial<StudentContactRecorded['data']> = {}) => ({
    type: 'RecordStudentContact' as const,
    data: {
      studentId: 's1',
      contactId: 'k1',
      with: 'guardian' as const,
      channel: 'phone' as const,
      at: '2026-11-23T08:40:00Z',
      summary: 'Ringte mor',
      ...data,
    },
  });
  it('records the call home about a registration of the student', () => {
    spec
      .given([enrolled, registered('a1', { date: today })])
      .when(contact({ absenceIds: ['a1', 'a1'] }))
      .then([
        {
          type: 'StudentContactRecorded',
          schemaVersion: 1,
          data: {
            studentId: 's1',
            contactId: 'k1',
            with: 'guardian',
            channel: 'phone',
            at: '2026-11-23T08:40:00Z',
            summary: 'Ringte mor',
            absenceIds: ['a1'],
          },
        },
      ]);
  });
  it('refuses an absence that is not the student’s, a contact in the future, and the same contact id twice', () => {
    spec
      .given([enrolled])
      .when(contact({ absenceIds: ['a9'] }))
      .thenThrowsCode('absence-not-found');
    spec
      .given([enrolled])
      .when(contact({ at: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
    const recorded: StudentContactRecorded = {
      type: 'StudentContactRecorded',
      schemaVersion: 1,
      data: { studentId: 's1', contactId: 'k1', with: 'guardian', channel: 'phone', at: today, summary: 'x' },
    };
    spec.given([enrolled, recorded]).when(contact()).thenThrowsCode('contact-already-recorded');
  });
});

describe('steps completed and waived by hand', () => {
  const task = (over: Partial<TaskAsShown> = {}): TaskAsShown => ({
    taskId: 's1.00000000000000000001',
    stepId: 'hemsedal-red-notify-leadership',
    occurrence: 'hemsedal-red-notify-leadership@2026-11-02',
    status: 'overdue',
    fulfilledByRecords: false,
    ...over,
  });
  const completed: FollowUpStepCompleted = {
    type: 'FollowUpStepCompleted',
    schemaVersion: 1,
    data: {
      studentId: 's1',
      taskId: 's1.00000000000000000001',
      stepId: 'hemsedal-red-notify-leadership',
      occurrence: 'hemsedal-red-notify-leadership@2026-11-02',
      on: '2026-11-20',
      note: 'Varslet rektor',
    },
  };
  it('Hemsedal (seed 000) «Umiddelbart varsle ledelsen»: done by hand on the day it was done', () => {
    spec
      .given([enrolled])
      .when({ type: 'CompleteTask', data: { studentId: 's1', task: task(), on: '2026-11-20', note: 'Varslet rektor' } })
      .then([completed]);
  });
  it('refuses a second completion, a step its own records fulfil, a future day, and a task that is not open', () => {
    spec
      .given([enrolled, completed])
      .when({ type: 'CompleteTask', data: { studentId: 's1', task: task(), on: today } })
      .thenThrowsCode('task-not-open');
    spec
      .given([enrolled])
      .when({ type: 'CompleteTask', data: { studentId: 's1', task: task({ fulfilledByRecords: true }), on: today } })
      .thenThrowsCode('task-fulfilled-by-record');
    spec
      .given([enrolled])
      .when({ type: 'CompleteTask', data: { studentId: 's1', task: task(), on: '2026-11-24' } })
      .thenThrowsCode('date-in-future');
    spec
      .given([enrolled])
      .when({ type: 'CompleteTask', data: { studentId: 's1', task: task({ status: 'done' }), on: today } })
      .thenThrowsCode('task-not-open');
  });
  it('a waiver needs a reason and closes the task once', () => {
    const waive = {
      type: 'WaiveTask' as const,
      data: { studentId: 's1', task: task(), reason: 'Ikke nødvendig: fulgt opp av helsesykepleier' },
    };
    spec
      .given([enrolled])
      .when(waive)
      .then([
        {
          type: 'FollowUpStepWaived',
          schemaVersion: 1,
          data: {
            studentId: 's1',
            taskId: task().taskId,
            stepId: task().stepId,
            occurrence: task().occurrence,
            on: today,
            reason: 'Ikke nødvendig: fulgt opp av helsesykepleier',
          },
        },
      ]);
    spec
      .given([enrolled])
      .when({ ...waive, data: { ...waive.data, reason: '' } })
      .thenThrowsCode('invalid-field');
    spec.given([enrolled, completed]).when(waive).thenThrowsCode('task-not-open');
  });
});
