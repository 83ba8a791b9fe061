import { GRANTABLE_ROLES } from '#domain';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { Custom, Id, OneOfList, Text, TEXT } from '../shared/fields.js';

/** Roles a person may be given (`system` belongs to the engine alone): the domain's list. */
export { GRANTABLE_ROLES };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** POST /people: someone who will act in the process, with the roles they hold. */
export class RegisterPersonDto {
  @Text(TEXT.short, { description: 'How the person is shown (a role name is fine: "Mediator 1").', example: 'Council officer' })
  readonly name!: string;

  @Custom('email', (value) => (typeof value === 'string' && value.length <= 254 && EMAIL.test(value.trim()) ? null : 'must be an email address'), {
    type: String,
    // The check's own rule (not format: email, which is stricter than what the server takes).
    pattern: EMAIL.source,
    maxLength: 254,
    description: 'Contact address: something@somewhere.tld, no spaces.',
    example: 'officer@council.example',
  })
  readonly email!: string;

  @Id({ presence: 'nullable', description: 'The organisation the person acts for; required for partners.', example: EXAMPLE_IDS.respondent })
  readonly organisationId?: string | null;

  @OneOfList(GRANTABLE_ROLES, { min: 1, max: GRANTABLE_ROLES.length * 2, description: 'What the person may do (process.md, Roles).', example: ['partner'] })
  readonly roles!: string[];

  @Id({
    presence: 'nullable',
    description: 'A statutory authority the person is Compact lead councillor for (Compact 5.4); such a person is never appointed on its cases.',
    example: EXAMPLE_IDS.respondent,
  })
  readonly compactLeadFor?: string | null;
}
