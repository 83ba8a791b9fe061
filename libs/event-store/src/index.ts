export * from './event-store.port.js';
export * from './event-store-closed.error.js';
export * from './event-store-full.error.js';
export * from './sqlite/sqlite-event-store.js';
export * from './event-store-errors.js';
export * from './eventstoredb/eventstoredb-event-store.js';
export type { SubscriptionDrop } from './eventstoredb/eventstoredb-subscription.js';
export { CONNECTION_STRING_SCHEMES, redactedConnectionString } from './eventstoredb/connection-string.js';
export * from './copy-log.js';
