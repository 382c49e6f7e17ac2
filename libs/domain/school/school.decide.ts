import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { requireOneOf, requirePositiveInteger, requireText } from '../shared/require.js';
import { SCHOOL_LEVELS } from '../events/values.js';
import type { SchoolCalendarChanged, SchoolEvent, SchoolRegistered } from '../events/school.events.js';
import type { SchoolCommand, SchoolContext } from './school.commands.js';
import { recordAnonymousConsultation, recordReview } from './review.decide.js';
import type { RegisteredSchool, SchoolState } from './school.state.js';
import { validSchoolYear } from './school-year.js';

/** Throws `school-not-found` (404) unless the school stream holds a registered school. */
export function requireRegisteredSchool(state: SchoolState, schoolId?: string): RegisteredSchool {
  if (state.status !== 'registered')
    throw new NotFoundError('school-not-found', schoolId ? `school ${schoolId} is not registered` : 'the school is not registered');
  return state;
}

export function decideSchool(command: SchoolCommand, state: SchoolState, context: SchoolContext): SchoolEvent[] {
  switch (command.type) {
    case 'RecordReview':
      return [recordReview(command, requireRegisteredSchool(state, command.data.schoolId), context)];
    case 'RecordAnonymousConsultation':
      return [recordAnonymousConsultation(command, requireRegisteredSchool(state, command.data.schoolId), context)];
    case 'RegisterSchool': {
      const d = command.data;
      if (state.status === 'registered')
        throw new DomainError('school-already-registered', `school ${state.schoolId} is already registered`, 'id');
      const event: SchoolRegistered = {
        type: 'SchoolRegistered',
        schemaVersion: 1,
        data: {
          schoolId: requireText(d.schoolId, 'id'),
          name: requireText(d.name, 'name'),
          municipalityId: requireText(d.municipalityId, 'municipalityId'),
          level: requireOneOf(d.level, SCHOOL_LEVELS, 'level', 'invalid-level'),
          planId: requireText(d.planId, 'planId'),
          planVersion: requirePositiveInteger(d.planVersion, 'planVersion', 'invalid-field'),
          schoolYear: validSchoolYear(d.schoolYear),
        },
      };
      return [event];
    }
    case 'ChangeSchoolCalendar': {
      const school = requireRegisteredSchool(state, command.data.schoolId);
      const schoolYear = validSchoolYear(command.data.schoolYear);
      const event: SchoolCalendarChanged = {
        type: 'SchoolCalendarChanged',
        schemaVersion: 1,
        data: { schoolId: school.schoolId, schoolYear, previous: school.schoolYear, reason: requireText(command.data.reason, 'reason') },
      };
      return [event];
    }
  }
}
