export * from './registration.js';
export * from './manual-override.js';
export * from './windows.js';
export * from './absence-index.js';
export * from './spells.js';
export * from './patterns.js';
export * from './evaluate.js';
export * from './changes-over-days.js';
