import { Transform } from 'class-transformer';
import { CASE_PARTS, encodeCursor, LISTABLE_STATES, MAX_PAGE_SIZE } from '#application';
import { isValidIsoDate } from '#domain';
import { Custom, Id, IsoDate, OneOf, Text, TEXT } from '../shared/fields.js';

/* Query strings, validated like bodies: unknown parameters are refused, numbers and flags parsed strictly. */

const WHOLE = /^\d{1,6}$/;
const POSITION = /^\d{1,19}$/;
/** What encodeCursor gives out: base64url, no padding. */
const CURSOR = /^[A-Za-z0-9_-]+$/;

/** "3" → 3; anything else is left for the check to refuse. */
export const toWholeNumber = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && WHOLE.test(value) ? Number(value) : value));

export function wholeNumberBetween(min: number, max: number) {
  return (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `must be a whole number from ${min} to ${max}`);
}

/** A global position in the query string ("42" → 42n). */
export function Position(description: string, example: number): PropertyDecorator {
  return (target, key) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && POSITION.test(value) ? BigInt(value) : value))(target, key);
    Custom('position', (value) => (typeof value === 'bigint' ? null : 'must be a global position (a whole number)'), {
      presence: 'optional',
      type: 'integer',
      format: 'int64',
      minimum: 0,
      example,
      description,
    })(target, key);
  };
}

/** `minPosition`: read-your-writes across clients, e.g. the `position` a command answered. */
const MinPosition = (): PropertyDecorator =>
  Position('Answer only once the read models reflect this global position (e.g. the `position` a command answered). Your own writes are reflected anyway.', 0);

export class ListDisputesQueryDto {
  @Text(100, {
    presence: 'optional',
    description: 'A dotted state (formal.awaitingResponse) or a prefix of one (formal, cdg.panel, closed).',
    example: 'formal',
    documentation: { enum: [...LISTABLE_STATES] },
  })
  readonly state?: string;

  @toWholeNumber()
  @Custom('stage', wholeNumberBetween(1, 4), { presence: 'optional', type: 'integer', minimum: 1, maximum: 4, description: 'The stage, 1 to 4.' })
  readonly stage?: number;

  @Id({ presence: 'optional', description: 'Cases this organisation is party to (complainant or respondent).' })
  readonly organisationId?: string;

  @Text(20, { presence: 'optional', description: 'Cases citing this Compact clause.', example: '3.2' })
  readonly clause?: string;

  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @Custom('overdue', (value) => (typeof value === 'boolean' ? null : 'must be true or false'), {
    presence: 'optional',
    type: 'boolean',
    description: 'true: only cases with something past its due date; false: only cases with nothing overdue.',
  })
  readonly overdue?: boolean;

  @IsoDate({ presence: 'optional', description: 'Opened on or after this day (London).', example: '2026-01-01' })
  readonly openedFrom?: string;

  @IsoDate({ presence: 'optional', description: 'Opened on or before this day (London).', example: '2026-12-31' })
  readonly openedTo?: string;

  @Text(TEXT.short * 2, {
    presence: 'optional',
    description: 'The previous page\'s nextCursor, as it was given (opaque).',
    example: encodeCursor({ openedAt: '2026-03-02T10:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    documentation: { pattern: CURSOR.source },
  })
  readonly cursor?: string;

  @toWholeNumber()
  @Custom('limit', wholeNumberBetween(1, MAX_PAGE_SIZE), {
    presence: 'optional',
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    example: 25,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 25).`,
  })
  readonly limit?: number;

  @MinPosition()
  readonly minPosition?: bigint;
}

export class WorkQueueQueryDto {
  @MinPosition()
  readonly minPosition?: bigint;
}

/** An ISO 8601 instant with a time zone: `2026-03-02T10:00:00Z`, `2026-03-02T11:00:00+01:00`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export class HistoryQueryDto {
  @Custom('instant', (value) => (typeof value === 'string' && INSTANT.test(value) && isValidIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)) ? null : 'must be an instant like 2026-03-02T10:00:00Z'), {
    presence: 'optional',
    type: 'string',
    format: 'date-time',
    example: '2026-03-02T10:00:00Z',
    description: 'Only the events up to this instant, and the state the case was in then.',
  })
  readonly asOf?: string;

  @Position('Only the events up to this global position (the `position` of a history entry or a command\'s answer), and the state the case was in then. With `asOf` too, up to both.', 1_000_000)
  readonly asOfPosition?: bigint;
}

export class ReplayQueryDto {
  @OneOf(CASE_PARTS, {
    presence: 'optional',
    description:
      'Show, at each step, the commands this part of the case could send (`complainant`, `respondent`: a partner of that organisation; `secretariat`, `chair`; `mediator`, `panelist`: whoever was appointed then, none before). Without it, `allowed` is the caller\'s (none for an auditor).',
  })
  readonly as?: (typeof CASE_PARTS)[number];
}
