import { throwOnResponseViolations } from './response-violations.js';

// Fails the test during which a test server answered outside its /docs-json, however the request
// was sent (api() already throws at the request itself; this catches plain fetch() too).
afterEach(() => {
  throwOnResponseViolations();
});
