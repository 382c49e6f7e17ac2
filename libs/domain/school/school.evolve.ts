import type { SchoolEvent } from '../events/school.events.js';
import type { SchoolState } from './school.state.js';

export function evolveSchool(state: SchoolState, event: SchoolEvent): SchoolState {
  const revision = state.revision + 1;
  switch (event.type) {
    case 'SchoolRegistered':
      return { status: 'registered', ...event.data, revision };
    case 'SchoolCalendarChanged':
      // Tolerant of order: a calendar change on an unregistered stream cannot be decided,
      // so it only moves the revision (evolve must never throw on stored history).
      return state.status === 'registered' ? { ...state, schoolYear: event.data.schoolYear, revision } : { ...state, revision };
    case 'AnonymousConsultationRecorded':
      return { ...state, revision };
    case 'ReviewHeld':
      return state.status === 'registered'
        ? { ...state, reviewIds: [...(state.reviewIds ?? []), event.data.reviewId], revision }
        : { ...state, revision };
  }
}
