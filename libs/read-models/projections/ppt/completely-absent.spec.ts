import { describe, expect, it } from '@jest/globals';
import { dayAbsenceDatesOf, packRegistration, type StudentRegistration } from '../follow-up-students/follow-up-student-doc.js';
import { isCompletelyAbsent } from './completely-absent.js';

const day = (date: string): StudentRegistration => ({ date, kind: 'day', documented: false, reportedByGuardian: false });
const window = ['2026-01-05', '2026-01-06', '2026-01-07'];
const absent = (registrations: Record<string, StudentRegistration>) =>
  new Set(
    dayAbsenceDatesOf({
      registrations: Object.entries(registrations).map(([id, r]) => packRegistration(id, r, r.recordedOn, r.reportedOn)),
    }),
  );

describe('isCompletelyAbsent', () => {
  it('needs a day-absence on every school day of the window', () => {
    expect(isCompletelyAbsent(absent({ a: day('2026-01-05'), b: day('2026-01-06'), c: day('2026-01-07') }), window, 3)).toBe(true);
    expect(isCompletelyAbsent(absent({ a: day('2026-01-05'), c: day('2026-01-07') }), window, 3)).toBe(false);
  });

  it('never turns lessons into days', () => {
    const lessons: StudentRegistration = { date: '2026-01-06', kind: 'lesson', lessons: 6, documented: false, reportedByGuardian: false };
    expect(isCompletelyAbsent(absent({ a: day('2026-01-05'), b: lessons, c: day('2026-01-07') }), window, 3)).toBe(false);
  });

  it('proves nothing from a window the calendars cannot fill', () => {
    expect(isCompletelyAbsent(absent({ a: day('2026-01-05'), b: day('2026-01-06'), c: day('2026-01-07') }), window, 20)).toBe(false);
  });
});
