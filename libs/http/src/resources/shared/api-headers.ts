import { type ApiHeaderOptions } from '@nestjs/swagger';

/* Request headers documented on the operations that read them. */

export const IDEMPOTENCY_KEY_API_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes the POST safe to retry: a repeat with the same key and body answers the first response and appends nothing; the same key with another body is a 422.',
  schema: { type: 'string', maxLength: 200 },
};

export const IF_MATCH_API_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description: 'Apply only at this revision, as sent in ETag (e.g. "3"); 412 when the case has moved on. Without it the command is re-decided on the latest state.',
  schema: { type: 'string', example: '"3"' },
};

export const ON_BEHALF_API_HEADERS: ApiHeaderOptions[] = [
  {
    name: 'X-On-Behalf-Of',
    required: false,
    description: 'Secretariat only: the party organisation whose step this records (with X-On-Behalf-Reason).',
    schema: { type: 'string' },
  },
  {
    name: 'X-On-Behalf-Reason',
    required: false,
    description: 'Secretariat only: why the secretariat records the step for the party (with X-On-Behalf-Of).',
    schema: { type: 'string', maxLength: 1000 },
  },
];
