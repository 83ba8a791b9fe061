export * from './chain-event.js';
export * from './chain-failure.js';
export * from './event-seal.js';
export * from './log-source.js';
export * from './log-verification.js';
export * from './stream-diagnosis.js';
export * from './verify-store.js';
