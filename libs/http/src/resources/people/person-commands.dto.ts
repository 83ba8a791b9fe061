import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { GRANTABLE_ROLES } from '#domain';
import { ID_MAX, OneOf, Text, TEXT } from '../shared/fields.js';
import { EXAMPLE_IDS } from '../shared/examples.js';

/* Bodies of the admin commands on a person: POST /people/{id}/{command}. */

/** POST /people/{id}/grant-role and /revoke-role. */
export class RoleChangeDto {
  @OneOf(GRANTABLE_ROLES, { description: 'The role (process.md, Roles).', example: 'mediator' })
  readonly role!: string;
}

const ID = /^[\x21-\x7e]+$/;

const organisationIdProblem = (value: unknown, object: object): string | null => {
  if (value === undefined) return Object.hasOwn(object, 'organisationId') ? 'must not be undefined' : 'is required: an organisation id, or null for none';
  if (value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') return 'must be an organisation id, or null for none';
  if (value.length > ID_MAX) return `must be at most ${ID_MAX} characters`;
  return ID.test(value.trim()) ? null : 'must be an id (printable characters, no spaces)';
};

/**
 * `organisationId` must be sent, and may be null: an empty body must never quietly take someone
 * out of their organisation, so "to none" is said out loud.
 */
function TargetOrganisation(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: String,
      nullable: true,
      required: true,
      minLength: 1,
      maxLength: ID_MAX,
      description: 'The organisation the person now acts for, or null: they belong to none from now on. The membership just ended keeps its dates (the 12-month conflict-of-interest rule reads them).',
      example: EXAMPLE_IDS.respondent,
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    ValidateBy({
      name: 'organisationId',
      validator: {
        validate: (value: unknown, args) => organisationIdProblem(value, args?.object ?? {}) === null,
        defaultMessage: (args) => `organisationId ${organisationIdProblem(args?.value, args?.object ?? {}) ?? 'is invalid'}`,
      },
    }),
  );
}

/** POST /people/{id}/move. */
export class MovePersonDto {
  @TargetOrganisation()
  readonly organisationId!: string | null;
}

/** POST /people/{id}/deactivate. */
export class DeactivatePersonDto {
  @Text(TEXT.medium, { description: 'Why the person no longer takes part (kept in the directory\'s log).', example: 'Left the council; no longer a mediator' })
  readonly reason!: string;
}
