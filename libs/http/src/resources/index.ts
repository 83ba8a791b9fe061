export * from './resources.module.js';
export { ON_BEHALF_OF_HEADER, ON_BEHALF_REASON_HEADER } from './shared/on-behalf-of.js';
export * from './shared/responses.js';
export * from './disputes/command-dtos.js';
export * from './disputes/raise-dispute.dto.js';
export * from './disputes/dispute-queries.dto.js';
export * from './organisations/sign-organisation.dto.js';
export * from './people/register-person.dto.js';
