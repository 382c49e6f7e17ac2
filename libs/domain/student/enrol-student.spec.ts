import { describe, it } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import type { EnrolStudent } from './student.commands.js';
import { enrolled, spec } from './student.fixtures.js';

const enrol = (data: Partial<EnrolStudent['data']> = {}): EnrolStudent => ({
  type: 'EnrolStudent',
  data: { studentId: 's1', schoolId: 'hemsedal', name: 'Kari Nordmann', grade: 8, group: '8A', ...data },
});

describe('EnrolStudent', () => {
  it('enrols a new student at a school', () => {
    spec.given([]).when(enrol()).then([enrolled]);
  });
  it('refuses a second enrolment on the same stream', () => {
    spec.given([enrolled]).when(enrol()).thenThrowsCode('student-already-enrolled');
  });
  it.each([0, 11, 7.5])('refuses grade %p (grunnskole is 1..10)', (grade) => {
    spec
      .given([])
      .when(enrol({ grade }))
      .thenThrows(DomainError, (e) => e.code === 'invalid-grade' && e.field === 'grade');
  });
  it('refuses an empty name or group', () => {
    spec
      .given([])
      .when(enrol({ name: ' ' }))
      .thenThrowsCode('invalid-field');
    spec
      .given([])
      .when(enrol({ group: '' }))
      .thenThrowsCode('invalid-field');
  });
});
