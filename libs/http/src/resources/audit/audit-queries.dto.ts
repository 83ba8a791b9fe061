import { Position } from '../disputes/dispute-queries.dto.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { Id } from '../shared/fields.js';

export class VerifyQueryDto {
  @Id({ presence: 'optional', description: 'Check only this case\'s stream.', example: EXAMPLE_IDS.case })
  readonly case?: string;
}

export class CheckpointQueryDto {
  @Position('Sign the log as it stood at this global position (default: its head now).', 1)
  readonly position?: bigint;
}
