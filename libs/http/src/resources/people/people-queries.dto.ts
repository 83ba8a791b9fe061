import { Transform } from 'class-transformer';
import { GRANTABLE_ROLES } from '#domain';
import { toWholeNumber, wholeNumberBetween } from '../disputes/dispute-queries.dto.js';
import { Custom, Id, OneOf, Text, TEXT } from '../shared/fields.js';

/** GET /people: unknown parameters are refused, numbers and flags parsed strictly. */
export class ListPeopleQueryDto {
  @OneOf(GRANTABLE_ROLES, { presence: 'optional', description: 'Only people holding this role.', example: 'mediator' })
  readonly role?: string;

  @Id({ presence: 'optional', description: 'Only the current members of this organisation.' })
  readonly organisationId?: string;

  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @Custom('active', (value) => (typeof value === 'boolean' ? null : 'must be true or false'), {
    presence: 'optional',
    type: 'boolean',
    description: 'true: only people still active; false: only deactivated ones. Both when left out.',
  })
  readonly active?: boolean;

  @Text(TEXT.short * 2, { presence: 'optional', description: 'The previous page\'s nextCursor.' })
  readonly cursor?: string;

  @toWholeNumber()
  @Custom('limit', wholeNumberBetween(1, 100), { presence: 'optional', type: 'integer', minimum: 1, maximum: 100, description: 'Page size, 1 to 100 (default 25).' })
  readonly limit?: number;
}
