export * from './compact-clauses.js';
