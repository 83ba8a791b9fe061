import { Text, TEXT } from '../shared/fields.js';

/** POST /organisations/{id}/leave: the organisation is no longer a signatory. */
export class LeaveCompactDto {
  @Text(TEXT.medium, { description: 'Why the organisation leaves the Compact.', example: 'The charity has wound up' })
  readonly reason!: string;
}
