export * from './app-settings.js';
export * from './configuration-error.js';
export * from './load-settings.js';
export * from './http-limits.js';
