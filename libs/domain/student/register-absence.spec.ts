import { describe, expect, it } from '@jest/globals';
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import type { RegisterAbsence } from './student.commands.js';
import { enrolled, registered, spec } from './student.fixtures.js';

const register = (data: Partial<RegisterAbsence['data']> = {}): RegisterAbsence => ({
  type: 'RegisterAbsence',
  data: { studentId: 's1', absenceId: 'a1', date: '2026-11-20', kind: 'day', ...data },
});

describe('RegisterAbsence', () => {
  it('registers a day absence, flags defaulting to false', () => {
    spec
      .given([enrolled])
      .when(register())
      .then([registered('a1')]);
  });
  it('registers a lesson absence with lessons and subject', () => {
    spec
      .given([enrolled])
      .when(register({ kind: 'lesson', lessons: 2, subject: 'Matematikk', documented: true, reportedByGuardian: true, reason: 'tannlege' }))
      .then([
        registered('a1', {
          kind: 'lesson',
          lessons: 2,
          subject: 'Matematikk',
          documented: true,
          reportedByGuardian: true,
          reason: 'tannlege',
        }),
      ]);
  });
  it.each(['late', 'left-early'] as const)('registers %s with minutes', (kind) => {
    spec
      .given([enrolled])
      .when(register({ kind, minutes: 15 }))
      .then([registered('a1', { kind, minutes: 15 })]);
  });

  it('refuses a student that was never enrolled (404)', () => {
    spec
      .given([])
      .when(register())
      .thenThrows(NotFoundError, (e) => e.code === 'student-not-found');
  });

  describe('refuses a day that is not a school day, saying why', () => {
    it.each([
      ['2026-11-21', /weekend/],
      ['2026-12-25', /holiday: Første juledag/],
      ['2026-09-30', /break: Høstferie/],
      ['2026-08-14', /outside-school-year/],
      ['2027-06-21', /outside-school-year/],
    ])('%s', (date, why) => {
      spec
        .given([enrolled])
        .when(register({ date }))
        .thenThrows(DomainError, (e) => e.code === 'not-a-school-day' && e.field === 'date' && why.test(e.message));
    });
    it('with a plain-string reason from the calendar too', () => {
      spec
        .given([enrolled])
        .when(register({ date: '2026-11-19' }), { isSchoolDay: () => false, nonSchoolReason: () => 'holiday' })
        .thenThrows(DomainError, (e) => e.message.includes('(holiday)') && e.details?.reason === 'holiday');
      spec
        .given([enrolled])
        .when(register({ date: '2026-11-19' }), { isSchoolDay: () => false, nonSchoolReason: undefined })
        .thenThrows(DomainError, (e) => e.message.includes('not in the school calendar'));
    });
  });

  describe('shape rules (plans.md common model)', () => {
    it.each([undefined, 0, -1, 1.5])('a lesson absence needs whole lessons ≥ 1, not %p', (lessons) => {
      spec
        .given([enrolled])
        .when(register({ kind: 'lesson', lessons }))
        .thenThrows(DomainError, (e) => e.code === 'invalid-lessons' && e.field === 'lessons');
    });
    it.each(['late', 'left-early'] as const)('%s needs minutes ≥ 1', (kind) => {
      spec.given([enrolled]).when(register({ kind })).thenThrowsCode('invalid-minutes');
      spec
        .given([enrolled])
        .when(register({ kind, minutes: 0 }))
        .thenThrowsCode('invalid-minutes');
    });
    it('lessons and minutes belong only to their kinds', () => {
      spec
        .given([enrolled])
        .when(register({ kind: 'day', lessons: 2 }))
        .thenThrowsCode('invalid-lessons');
      spec
        .given([enrolled])
        .when(register({ kind: 'lesson', lessons: 1, minutes: 10 }))
        .thenThrowsCode('invalid-minutes');
      spec
        .given([enrolled])
        .when(register({ kind: 'late', minutes: 5, lessons: 1 }))
        .thenThrowsCode('invalid-lessons');
    });
    it('refuses an unknown kind and a malformed date', () => {
      spec
        .given([enrolled])
        .when(register({ kind: 'holiday' as never }))
        .thenThrowsCode('invalid-kind');
      spec
        .given([enrolled])
        .when(register({ date: '20.11.2026' }))
        .thenThrowsCode('invalid-date');
    });
  });

  it('refuses a reused absenceId', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(register({ date: '2026-11-19' }))
      .thenThrowsCode('absence-already-registered');
  });
  it('api.md: a day is the whole day: nothing else on a date with a live day, and no day on a date with any live registration', () => {
    spec
      .given([enrolled, registered('a1')])
      .when(register({ absenceId: 'a2' }))
      .thenThrowsCode('duplicate-day-absence');
    spec
      .given([enrolled, registered('a1')])
      .when(register({ absenceId: 'a2', kind: 'late', minutes: 10 }))
      .thenThrowsCode('duplicate-day-absence');
    spec
      .given([enrolled, registered('a1', { kind: 'lesson', lessons: 1 })])
      .when(register({ absenceId: 'a2' }))
      .thenThrowsCode('duplicate-day-absence');
    spec
      .given([enrolled, registered('a1', { kind: 'lesson', lessons: 1 })])
      .when(register({ absenceId: 'a2', kind: 'late', minutes: 5 }))
      .then([registered('a2', { kind: 'late', minutes: 5 })]);
  });
  it('allows a day absence on a date whose earlier one was retracted', () => {
    const retracted = {
      type: 'AbsenceRetracted',
      schemaVersion: 1,
      data: { studentId: 's1', absenceId: 'a1', reason: 'feil elev', on: '2026-11-20' },
    } as const;
    spec
      .given([enrolled, registered('a1'), retracted])
      .when(register({ absenceId: 'a2' }))
      .then([registered('a2')]);
  });
  it('writes no undefined keys (events are stored as JSON)', () => {
    spec
      .given([enrolled])
      .when(register())
      .then([registered('a1')]);
    expect(Object.keys(registered('a1').data)).not.toContain('lessons');
  });
});
