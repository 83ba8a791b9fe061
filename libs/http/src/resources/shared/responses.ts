import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/* Response shapes, for the OpenAPI document. Revisions and positions are bigint inside and JSON numbers on the wire. */

export class CommandResultDto {
  @ApiProperty({ description: 'The id of the case (or organisation, or person) written to.' })
  readonly id!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'The stream\'s new revision (0 for the first event): send it back as If-Match: "<revision>".' })
  readonly revision!: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'The global position of the last event written; later reads by the same caller reflect at least this.' })
  readonly position!: number;
}

export class RegisteredPersonDto extends CommandResultDto {
  @ApiProperty({ description: 'The person\'s bearer token. Shown this once; only its hash is kept.' })
  readonly token!: string;
}

export class OrganisationDto {
  @ApiProperty({ description: 'Same as organisationId.' })
  readonly id!: string;

  @ApiProperty()
  readonly organisationId!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: ['statutory', 'vcs'] })
  readonly sector!: string;

  @ApiProperty()
  readonly type!: string;

  @ApiProperty({ format: 'date-time' })
  readonly signedAt!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  readonly leftAt!: string | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] })
  readonly items!: OrganisationDto[];
}
