export * from './roles.js';
export * from './access-table.js';
export * from './decide.js';
export * from './resource-directory.port.js';
export * from './access-log.port.js';
