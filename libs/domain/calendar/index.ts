export * from './dates.js';
export * from './norwegian-holidays.js';
export * from './school-calendar.js';
export * from './periods.js';
