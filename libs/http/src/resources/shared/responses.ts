import { ApiProperty } from '@nestjs/swagger';

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

  @ApiProperty({ type: String, format: 'date-time' })
  readonly signedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it left the Compact; null while it is a signatory.' })
  readonly leftAt!: string | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] })
  readonly items!: OrganisationDto[];
}

class ProjectionFailureDto {
  @ApiProperty({ type: 'integer', format: 'int64' }) readonly position!: number;
  @ApiProperty() readonly eventId!: string;
  @ApiProperty() readonly eventType!: string;
  @ApiProperty() readonly error!: string;
}

class HaltedStreamDto extends ProjectionFailureDto {
  @ApiProperty({ example: 'dispute-3c9e1f2a-7b6d-4c5e-9f8a-2b1c0d9e8f7a' }) readonly streamId!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Later events of the stream not applied until a rebuild.' }) readonly skippedEvents!: number;
}

class ProjectionStatusDto {
  @ApiProperty({ example: 'cases' }) readonly name!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'The last log position applied.' }) readonly checkpoint!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'The last position in the log.' }) readonly head!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Positions behind the log.' }) readonly lag!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly failures!: number;
  @ApiProperty({ type: ProjectionFailureDto, nullable: true }) readonly lastFailure!: ProjectionFailureDto | null;
  @ApiProperty({ type: [HaltedStreamDto], description: 'Streams whose later events wait for a rebuild (the first few).' }) readonly haltedStreams!: HaltedStreamDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'How many streams are halted in all.' }) readonly haltedStreamCount!: number;
  @ApiProperty() readonly rebuilding!: boolean;
}

export class ProjectionStatusListDto {
  @ApiProperty({ type: [ProjectionStatusDto] }) readonly projections!: ProjectionStatusDto[];
}

class ProjectionRebuiltDto {
  @ApiProperty({ example: 'cases' }) readonly name!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'The fresh file\'s checkpoint when it was swapped in.' }) readonly position!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly events!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly failures!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Streams the fresh file halted: the cause of their failure is still there.' }) readonly haltedStreams!: number;
  @ApiProperty({ type: 'number', minimum: 0 }) readonly milliseconds!: number;
}

export class ProjectionRebuildDto {
  @ApiProperty({ type: [ProjectionRebuiltDto] }) readonly rebuilt!: ProjectionRebuiltDto[];
}
