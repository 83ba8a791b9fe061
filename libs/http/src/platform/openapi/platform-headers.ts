import { type ApiHeaderOptions } from '@nestjs/swagger';
import { ACCEPTABLE_KEY } from '../idempotency/idempotency-key.js';

/** The idempotency guard reads this on every POST: documented on each (operation-rules.ts). */
export const IDEMPOTENCY_KEY_API_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Makes the POST safe to retry: a repeat with the same key and request answers the first response and appends nothing; the same key with another request is a 422. 1 to 200 visible ASCII characters (a UUID is a good choice).',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: ACCEPTABLE_KEY.source, example: '5b0f8f5e-8a0e-4c8e-9d55-1f3b8c1d2a77' },
};
