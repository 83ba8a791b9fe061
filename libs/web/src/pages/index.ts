export * from './web-pages.module.js';
export * from './platform/configure-pages.js';
export * from './platform/form-body.js';
export * from './session/session-store.js';
