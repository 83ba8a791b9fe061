/** Stream names: one stream per case, organisation and person. Nothing else knows the prefixes. */
export const DISPUTE_STREAM_PREFIX = 'dispute-';
export const ORGANISATION_STREAM_PREFIX = 'organisation-';

export const disputeStream = (caseId: string): string => `${DISPUTE_STREAM_PREFIX}${caseId}`;
export const organisationStream = (organisationId: string): string => `${ORGANISATION_STREAM_PREFIX}${organisationId}`;
export const personStream = (personId: string): string => `person-${personId}`;

/** The case a stream holds, or null for any other stream (an organisation's, a person's). */
export const caseIdOfStream = (streamId: string): string | null =>
  streamId.startsWith(DISPUTE_STREAM_PREFIX) ? streamId.slice(DISPUTE_STREAM_PREFIX.length) : null;
