export { DeciderSpecification } from './decider-specification.js';
export type { DeciderSpec, WhenStep, ThenStep } from './decider-specification.js';
export { fixedCalendar } from './fixed-calendar.js';
