export * from './event-store.port.js';
export * from './event-store-closed.error.js';
export * from './event-store-full.error.js';
export * from './sqlite/sqlite-event-store.js';
