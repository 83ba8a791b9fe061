export * from './iso-date.js';
export * from './due-date.js';
export * from './bank-holidays.js';
export * from './working-day-calendar.js';
