import { describe, it } from '@jest/globals';
import type { ConcernLevelChanged, ConcernTrigger } from '../events/index.js';
import type { RaiseConcern, RecordConcernLevelChange } from './student.commands.js';
import { enrolled, spec, today } from './student.fixtures.js';

const trigger: ConcernTrigger = {
  ruleId: 'hemsedal-trafikklys/yellow-days',
  level: 'yellow',
  description: '10 or more absence days this school year',
  window: { from: '2026-08-17', to: '2026-11-23' },
  count: 10,
  threshold: 10,
  unit: 'days',
};
const record = (level: RecordConcernLevelChange['data']['level'], triggers: ConcernTrigger[] = [trigger]): RecordConcernLevelChange => ({
  type: 'RecordConcernLevelChange',
  data: { studentId: 's1', level, triggers, asOf: today },
});
const changed = (
  from: ConcernLevelChanged['data']['from'],
  to: ConcernLevelChanged['data']['to'],
  triggers: ConcernTrigger[] = [trigger],
): ConcernLevelChanged => ({
  type: 'ConcernLevelChanged',
  schemaVersion: 1,
  data: { studentId: 's1', from, to, triggers, asOf: today },
});

describe('RaiseConcern (by hand)', () => {
  const raise = (data: Partial<RaiseConcern['data']> = {}): RaiseConcern => ({
    type: 'RaiseConcern',
    data: { studentId: 's1', level: 'red', reason: 'udokumentert fravær som bekymrer', ...data },
  });
  it('records the manual raise with its business date', () => {
    spec
      .given([enrolled])
      .when(raise())
      .then([
        {
          type: 'ConcernRaisedManually',
          schemaVersion: 1,
          data: { studentId: 's1', level: 'red', reason: 'udokumentert fravær som bekymrer', on: today },
        },
      ]);
    spec
      .given([enrolled])
      .when(raise({ level: 'yellow', on: '2026-11-20' }))
      .then([
        {
          type: 'ConcernRaisedManually',
          schemaVersion: 1,
          data: { studentId: 's1', level: 'yellow', reason: 'udokumentert fravær som bekymrer', on: '2026-11-20' },
        },
      ]);
  });
  it('refuses green (that is not raising), an empty reason, a future date, an unknown student', () => {
    spec
      .given([enrolled])
      .when(raise({ level: 'green' as never }))
      .thenThrowsCode('invalid-level');
    spec
      .given([enrolled])
      .when(raise({ reason: '' }))
      .thenThrowsCode('invalid-field');
    spec
      .given([enrolled])
      .when(raise({ on: '2026-12-01' }))
      .thenThrowsCode('date-in-future');
    spec.given([]).when(raise()).thenThrowsCode('student-not-found');
  });
});

describe('RecordConcernLevelChange (by the system)', () => {
  it('records a change from the level last recorded (green at first)', () => {
    spec
      .given([enrolled])
      .when(record('yellow'))
      .then([changed('green', 'yellow')]);
    spec
      .given([enrolled, changed('green', 'yellow')])
      .when(record('red'))
      .then([changed('yellow', 'red')]);
    spec
      .given([enrolled, changed('green', 'yellow')])
      .when(record('green', []))
      .then([changed('yellow', 'green', [])]);
  });
  it('is idempotent: the same level again is no event', () => {
    spec.given([enrolled]).when(record('green', [])).thenNothingHappened();
    spec
      .given([enrolled, changed('green', 'yellow')])
      .when(record('yellow'))
      .thenNothingHappened();
  });
  it('refuses an unknown level and an unknown student', () => {
    spec
      .given([enrolled])
      .when(record('orange' as never))
      .thenThrowsCode('invalid-level');
    spec.given([]).when(record('yellow')).thenThrowsCode('student-not-found');
  });
});
