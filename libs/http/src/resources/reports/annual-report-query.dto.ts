import { Transform } from 'class-transformer';
import { EDITIONS } from '#reporting';
import { Custom, OneOf } from '../shared/fields.js';

const POSITION = /^\d{1,19}$/;

/** `?edition=cdg|public&asOf=<position>`: unknown parameters are refused like unknown body fields. */
export class AnnualReportQueryDto {
  @OneOf(EDITIONS, {
    presence: 'optional',
    description: 'cdg (the default): the full edition, organisations named, for the secretariat, the chair and auditors. public: for anyone, no token needed; no organisation named, counts below 3 shown as "fewer than 3".',
    example: 'public',
  })
  readonly edition?: (typeof EDITIONS)[number];

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && POSITION.test(value) ? BigInt(value) : value))
  @Custom('asOf', (value) => (typeof value === 'bigint' ? null : 'must be a global log position (a whole number)'), {
    presence: 'optional',
    type: 'integer',
    format: 'int64',
    minimum: 0,
    description: 'Recompute the report from the log as it was at this global position (not from the live read model). The same year, edition and position always give the same JSON and CSV bytes.',
  })
  readonly asOf?: bigint;
}
