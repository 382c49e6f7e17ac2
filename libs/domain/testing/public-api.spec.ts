/** The index files load under native ESM and export what other modules wire in. */
import { describe, expect, it } from '@jest/globals';
import * as events from '../events/index.js';
import * as school from '../school/index.js';
import * as student from '../student/index.js';
import * as cases from '../case/index.js';
import * as shared from '../shared/index.js';

describe('public API', () => {
  it('exports the deciders, views and helpers', () => {
    for (const d of [school.schoolDecider, student.studentDecider, cases.caseDecider]) {
      expect(typeof d.decide).toBe('function');
      expect(typeof d.evolve).toBe('function');
      expect(d.initialState().revision).toBe(-1);
    }
    expect(typeof cases.caseView).toBe('function');
    expect(typeof school.requireRegisteredSchool).toBe('function');
    expect(typeof student.requireEnrolledStudent).toBe('function');
    expect(events.studentStream('s1')).toBe('student-s1');
    expect(events.describeEventType('CaseOpened')).toBe('Sak opprettet / Case opened');
    expect(typeof events.upcast).toBe('function');
    expect(shared.httpStatusOf(new shared.NotFoundError('case-not-found', 'x'))).toBe(404);
  });
});
