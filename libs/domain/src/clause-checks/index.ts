export * from './clause-check.js';
export * from './notice-check.js';
export * from './consultation-check.js';
export { TWELVE_WEEKS_IN_DAYS } from './twelve-weeks.js';
