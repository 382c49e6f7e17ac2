export * from './follow-up-facts.js';
export * from './deadlines.js';
export * from './trigger-occurrences.js';
export * from './fulfilment.js';
export * from './due-steps.js';
export * from './review-slots.js';
export * from './task-history.js';
