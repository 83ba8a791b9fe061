import { type ApiHeaderOptions } from '@nestjs/swagger';
import { REVISION_TAG } from '../../platform/concurrency/if-match.js';
import { ID_MAX, ID_PATTERN, NOT_BLANK } from './fields.js';
import { ON_BEHALF_REASON_MAX } from './on-behalf-of.js';

/* Request headers documented on the operations that read them, with the patterns their parsers use. */

export { IDEMPOTENCY_KEY_API_HEADER } from '../../platform/openapi/platform-headers.js';

/** A regular expression's body without its ^…$ anchors, to combine it with another. */
const unanchored = (pattern: RegExp): string => pattern.source.replace(/^\^/, '').replace(/\$$/, '');

export const IF_MATCH_API_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description:
    'Apply only at this revision, as sent in ETag ("3"; W/"3" names the same revision; * means any): 412 when the case has moved on. Without it the command is re-decided on the latest state.',
  schema: { type: 'string', pattern: `^(?:\\*|${unanchored(REVISION_TAG)})$`, example: '"3"' },
};

export const ON_BEHALF_API_HEADERS: ApiHeaderOptions[] = [
  {
    name: 'X-On-Behalf-Of',
    required: false,
    description:
      'Secretariat only (403 otherwise): the party organisation whose step this records. Send it with X-On-Behalf-Reason: one without the other is a 400.',
    schema: { type: 'string', minLength: 1, maxLength: ID_MAX, pattern: ID_PATTERN.source },
  },
  {
    name: 'X-On-Behalf-Reason',
    required: false,
    description: 'Secretariat only: why the secretariat records the step for the party. Send it with X-On-Behalf-Of: one without the other is a 400.',
    schema: { type: 'string', minLength: 1, maxLength: ON_BEHALF_REASON_MAX, pattern: NOT_BLANK.source },
  },
];
