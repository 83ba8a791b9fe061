import { ApiProperty } from '@nestjs/swagger';

/** One piece of evidence as the case view lists it (GET /disputes/{id}); the bytes are at GET /disputes/{id}/evidence/{sha256}. */
export class EvidenceViewDto {
  @ApiProperty({ example: 'E1' })
  readonly evidenceId!: string;

  @ApiProperty({ description: 'The file\'s name as uploaded.', example: 'notice-letter.pdf' })
  readonly filename!: string;

  @ApiProperty({ description: 'Its media type as uploaded.', example: 'application/pdf' })
  readonly contentType!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Bytes.' })
  readonly size!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Lower-case hex SHA-256 of the bytes: the file\'s address.' })
  readonly sha256!: string;

  @ApiProperty({ description: 'Who added it (person id).' })
  readonly byPersonId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Their name in the directory.' })
  readonly byPersonName!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When it was added.' })
  readonly at!: string;
}
