import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '../shared/domain-error.js';
import { fold } from '../shared/decider.js';
import type { SchoolCalendarChanged, SchoolRegistered } from '../events/index.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ChangeSchoolCalendar, RegisterSchool } from './school.commands.js';
import { schoolDecider } from './school.decider.js';
import { requireRegisteredSchool } from './school.decide.js';

const spec = DeciderSpecification.for(schoolDecider, { today: '2026-11-23' });
const year = { start: '2026-08-17', end: '2027-06-18', breaks: [{ from: '2026-09-28', to: '2026-10-02', name: 'Høstferie' }] };
const register = (data: Partial<RegisterSchool['data']> = {}): RegisterSchool => ({
  type: 'RegisterSchool',
  data: {
    schoolId: 'hemsedal',
    name: 'Hemsedal skule',
    municipalityId: '3042',
    level: 'kombinert',
    planId: 'hemsedal-trafikklys',
    planVersion: 1,
    schoolYear: year,
    ...data,
  },
});
const registered: SchoolRegistered = {
  type: 'SchoolRegistered',
  schemaVersion: 1,
  data: {
    schoolId: 'hemsedal',
    name: 'Hemsedal skule',
    municipalityId: '3042',
    level: 'kombinert',
    planId: 'hemsedal-trafikklys',
    planVersion: 1,
    schoolYear: year,
  },
};
const nextYear = { start: '2027-08-16', end: '2028-06-16', breaks: [] };
const change: ChangeSchoolCalendar = {
  type: 'ChangeSchoolCalendar',
  data: { schoolId: 'hemsedal', schoolYear: nextYear, reason: 'nytt skoleår' },
};
const changed: SchoolCalendarChanged = {
  type: 'SchoolCalendarChanged',
  schemaVersion: 1,
  data: { schoolId: 'hemsedal', schoolYear: nextYear, previous: year, reason: 'nytt skoleår' },
};

describe('RegisterSchool', () => {
  it('registers a school with its plan and school year', () => {
    spec.given([]).when(register()).then([registered]);
  });
  it('defaults breaks to none', () => {
    spec
      .given([])
      .when(register({ schoolYear: { start: year.start, end: year.end } }))
      .then([{ ...registered, data: { ...registered.data, schoolYear: { start: year.start, end: year.end, breaks: [] } } }]);
  });
  it('refuses a second registration', () => {
    spec.given([registered]).when(register()).thenThrowsCode('school-already-registered');
  });
  it('refuses an unknown level, a bad plan version, a year ending before it starts, a break outside the year', () => {
    spec
      .given([])
      .when(register({ level: 'videregående' as never }))
      .thenThrowsCode('invalid-level');
    spec
      .given([])
      .when(register({ planVersion: 0 }))
      .thenThrowsCode('invalid-field');
    spec
      .given([])
      .when(register({ schoolYear: { start: '2027-06-18', end: '2026-08-17' } }))
      .thenThrowsCode('invalid-school-year');
    spec
      .given([])
      .when(register({ schoolYear: { ...year, breaks: [{ from: '2027-07-01', to: '2027-07-05', name: 'Sommer' }] } }))
      .thenThrowsCode('invalid-school-year');
    spec
      .given([])
      .when(register({ schoolYear: { ...year, breaks: [{ from: '2026-10-02', to: '2026-09-28', name: 'Høstferie' }] } }))
      .thenThrowsCode('invalid-school-year');
    spec
      .given([])
      .when(register({ schoolYear: { start: '2026-08-32', end: year.end } }))
      .thenThrowsCode('invalid-date');
  });

  it('refuses a school year without sane bounds: longer than 13 months, or outside 2000–2100 (security finding 1)', () => {
    spec
      .given([])
      .when(register({ schoolYear: { start: '1900-01-01', end: '9999-12-31' } }))
      .thenThrows(
        Error,
        (e) =>
          (e as { code?: string; field?: string }).code === 'invalid-school-year' && (e as { field?: string }).field === 'schoolYear.start',
      );
    spec
      .given([])
      .when(register({ schoolYear: { start: '2026-08-17', end: '2027-09-18' } }))
      .thenThrows(
        Error,
        (e) =>
          (e as { code?: string; field?: string }).code === 'invalid-school-year' && (e as { field?: string }).field === 'schoolYear.end',
      );
    // Thirteen months to the day is allowed (a year that runs into an August start of the next).
    expect(() =>
      schoolDecider.decide(register({ schoolYear: { start: '2026-08-17', end: '2027-09-17', breaks: [] } }), schoolDecider.initialState(), {
        today: '2026-11-23',
      }),
    ).not.toThrow();
  });
});

describe('ChangeSchoolCalendar', () => {
  it('replaces the school year and keeps the previous one in the event', () => {
    spec.given([registered]).when(change).then([changed]);
    expect(fold(schoolDecider, [registered, changed])).toMatchObject({ schoolYear: nextYear, revision: 1 });
  });
  it('refuses an unknown school (404) and an invalid year', () => {
    spec
      .given([])
      .when(change)
      .thenThrows(NotFoundError, (e) => e.code === 'school-not-found');
    spec
      .given([registered])
      .when({ ...change, data: { ...change.data, schoolYear: { start: '2027-08-16', end: '2027-08-01' } } })
      .thenThrowsCode('invalid-school-year');
    spec
      .given([registered])
      .when({ ...change, data: { ...change.data, reason: '' } })
      .thenThrowsCode('invalid-field');
  });
});

describe('school state', () => {
  it('requireRegisteredSchool answers the school or 404', () => {
    expect(requireRegisteredSchool(fold(schoolDecider, [registered])).planId).toBe('hemsedal-trafikklys');
    expect(() => requireRegisteredSchool(fold(schoolDecider, []), 'x')).toThrow(/school x is not registered/);
  });
  it('evolve tolerates a calendar change before registration', () => {
    expect(fold(schoolDecider, [changed])).toEqual({ status: 'none', revision: 0 });
  });
});
