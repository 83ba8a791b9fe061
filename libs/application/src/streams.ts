/** Stream names: one stream per case, organisation and person. Nothing else knows the prefixes. */
export const disputeStream = (caseId: string): string => `dispute-${caseId}`;
export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;
export const personStream = (personId: string): string => `person-${personId}`;

export const isDisputeStream = (streamId: string): boolean => streamId.startsWith('dispute-');
export const caseIdOf = (streamId: string): string => streamId.slice('dispute-'.length);
