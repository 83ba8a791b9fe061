export * from './json.js';
export * from './errors.js';
export * from './keyed-mutex.js';
