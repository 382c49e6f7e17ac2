import { describe, it } from '@jest/globals';
import { NotFoundError } from '../shared/domain-error.js';
import type { AbsenceCorrected, AbsenceRetracted } from '../events/index.js';
import type { CorrectAbsence } from './student.commands.js';
import { enrolled, registered, spec, today } from './student.fixtures.js';

const correct = (changes: CorrectAbsence['data']['changes'], extra: Partial<CorrectAbsence['data']> = {}): CorrectAbsence => ({
  type: 'CorrectAbsence',
  data: { studentId: 's1', absenceId: 'a1', changes, reason: 'feil dato', ...extra },
});
const corrected = (
  changes: AbsenceCorrected['data']['changes'],
  previous: AbsenceCorrected['data']['previous'],
  on = today,
): AbsenceCorrected => ({
  type: 'AbsenceCorrected',
  schemaVersion: 1,
  data: { studentId: 's1', absenceId: 'a1', changes, previous, reason: 'feil dato', on },
});
const retracted: AbsenceRetracted = {
  type: 'AbsenceRetracted',
  schemaVersion: 1,
  data: { studentId: 's1', absenceId: 'a1', reason: 'x', on: today },
};

describe('CorrectAbsence', () => {
  it('records the new and the previous values of each changed field', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ date: '2026-11-19', documented: true }))
      .then([corrected({ date: '2026-11-19', documented: true }, { date: '2026-11-20', documented: false })]);
  });
  it('leaves unchanged fields out, even when the correction repeats them', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ date: '2026-11-20', documented: true }))
      .then([corrected({ documented: true }, { documented: false })]);
  });
  it('takes the business date `on` when given', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ documented: true }, { on: '2026-11-21' }))
      .then([corrected({ documented: true }, { documented: false }, '2026-11-21')]);
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ documented: true }, { on: '2026-11-24' }))
      .thenThrowsCode('date-in-future');
  });
  it('drops lessons when a lesson absence becomes a day absence', () => {
    spec
      .given([enrolled, registered('a1', { kind: 'lesson', lessons: 2 })])
      .when(correct({ kind: 'day' }))
      .then([corrected({ kind: 'day', lessons: null }, { kind: 'lesson', lessons: 2 })]);
  });
  it('needs lessons when a day absence becomes a lesson absence', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ kind: 'lesson' }))
      .thenThrowsCode('invalid-lessons');
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ kind: 'lesson', lessons: 3 }))
      .then([corrected({ kind: 'lesson', lessons: 3 }, { kind: 'day', lessons: null })]);
  });
  it('removes an optional field given as null', () => {
    spec
      .given([enrolled, registered('a1', { reason: 'syk' })])
      .when(correct({ reason: null }))
      .then([corrected({ reason: null }, { reason: 'syk' })]);
  });
  it('refuses a moved date that is not a school day', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ date: '2026-11-22' }))
      .thenThrows((e) => (e as { code?: string }).code === 'not-a-school-day' && String(e).includes('weekend'));
  });
  it('does not re-check the calendar when the date stays (calendars may change later)', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ documented: true }), { isSchoolDay: () => false })
      .then([corrected({ documented: true }, { documented: false })]);
  });
  it('refuses a correction that changes nothing', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({}))
      .thenThrowsCode('nothing-to-correct');
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ kind: 'day' }))
      .thenThrowsCode('nothing-to-correct');
  });
  it('needs a reason', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(correct({ documented: true }, { reason: '' }))
      .thenThrowsCode('invalid-field');
  });
  it('refuses an unknown or a retracted registration', () => {
    spec
      .given([enrolled])
      .when(correct({ documented: true }))
      .thenThrows(NotFoundError, (e) => e.code === 'absence-not-found');
    spec
      .given([enrolled, registered('a1'), retracted])
      .when(correct({ documented: true }))
      .thenThrowsCode('absence-retracted');
  });
  it('refuses moving a day absence onto a date that already has one', () => {
    spec
      .given([enrolled, registered('a1'), registered('a2', { date: '2026-11-19' })])
      .when(correct({ date: '2026-11-19' }))
      .thenThrowsCode('duplicate-day-absence');
  });
  it('refuses an unknown student', () => {
    spec
      .given([])
      .when(correct({ documented: true }))
      .thenThrowsCode('student-not-found');
  });
});
