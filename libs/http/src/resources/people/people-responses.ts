import { ApiProperty, PickType } from '@nestjs/swagger';
import { GRANTABLE_ROLES } from '#domain';

/* What the directory's reads answer, for the OpenAPI document. */

export class OrganisationRefDto {
  @ApiProperty({ description: 'The organisation id.' })
  readonly organisationId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Its name in the directory (null if unknown to it).' })
  readonly organisationName!: string | null;
}

export class MembershipDto extends OrganisationRefDto {
  @ApiProperty({ format: 'date-time', description: 'When the person joined it (or was registered with it).' })
  readonly from!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When they left it; null while they still belong.' })
  readonly to!: string | null;
}


export class PersonDto {
  @ApiProperty({ description: 'The person id.' })
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ format: 'email' })
  readonly email!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...GRANTABLE_ROLES] }, description: 'What the person may do (process.md, Roles).' })
  readonly roles!: string[];

  @ApiProperty({ type: String, nullable: true, description: 'The organisation the person acts for now; null for none.' })
  readonly organisationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly organisationName!: string | null;

  @ApiProperty({ type: [OrganisationRefDto], description: 'Authorities the person is Compact lead councillor for (Compact 5.4).' })
  readonly compactLeadFor!: OrganisationRefDto[];

  @ApiProperty({ type: [MembershipDto], description: 'Every organisation the person has belonged to, with dates: what the 12-month conflict-of-interest rule reads.' })
  readonly memberships!: MembershipDto[];

  @ApiProperty({ description: 'False once deactivated: their token is refused and they cannot be appointed.' })
  readonly active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly deactivatedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly registeredAt!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'The person\'s stream revision; also sent as ETag, for If-Match on the admin commands.' })
  readonly revision!: number;
}

export class PersonListDto {
  @ApiProperty({ type: [PersonDto] })
  readonly items!: PersonDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class MeDto extends PickType(PersonDto, ['id', 'name', 'roles', 'organisationId', 'organisationName', 'compactLeadFor'] as const) {
  @ApiProperty({ description: 'True for BOOTSTRAP_ADMIN_TOKEN (id `bootstrap-admin`), which has no person record behind it.' })
  readonly bootstrap!: boolean;
}
