export * from './platform/index.js';
export * from './resources/index.js';
