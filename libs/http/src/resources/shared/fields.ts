import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateIf, ValidateNested, type ValidationArguments } from 'class-validator';
import { COMPACT_CLAUSES, isCompactClause, isValidIsoDate, KNOWN_CLAUSE_RANGES } from '#domain';

/*
 * Field decorators for request DTOs: each validates one field with ONE clear message (what is wrong
 * with it, never a pile of constraint names) and documents it in OpenAPI in the same breath, so the
 * docs cannot drift from the checks.
 */

/**
 * `required`: must be present. `optional`: may be left out, but not sent as null. `nullable`: may be
 * left out or null (where the domain's payload type says `| null`).
 */
export type Presence = 'required' | 'optional' | 'nullable';

/** Text limits, in characters. */
export const TEXT = {
  /** Names, types, filenames, references, list items. */
  short: 200,
  /** Reasons, grounds, summaries of a step. */
  medium: 5_000,
  /** Details, responses, findings, terms, notes. */
  long: 20_000,
} as const;

export const ID_MAX = 100;
/** Ids are opaque, but printable ASCII without spaces: no control characters or padding slip into a lookup. */
export const ID_PATTERN = /^[\x21-\x7e]+$/;
const CLAUSE_IDS = COMPACT_CLAUSES.map((c) => c.id);
/** Text that is not only white space (JavaScript's \s is exactly what trim() removes). */
export const NOT_BLANK = /\S/;

type Problem = string | null;
type Check = (value: unknown) => Problem;
/** A check that may look at the rest of the body (a field required only with some other value). */
type ObjectCheck = (value: unknown, object: object) => Problem;

/** One constraint whose message is the problem found, prefixed with the field's name. */
function Checked(name: string, check: ObjectCheck): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => check(value, args?.object ?? {}) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${check(args?.value, args?.object ?? {}) ?? 'is invalid'}`,
    },
  });
}

function presenceOf(presence: Presence, check: Check, requiredWhen?: RequiredWhen): ObjectCheck {
  return (value, object) => {
    const absent = value === undefined || value === null;
    if (absent && requiredWhen?.test(object)) return requiredWhen.message;
    if (value === undefined) return presence === 'required' ? 'is required' : null;
    if (value === null) return presence === 'nullable' ? null : presence === 'required' ? 'is required (not null)' : 'must not be null';
    return check(value);
  };
}

/** An optional field that becomes required depending on another field of the body. */
export interface RequiredWhen {
  readonly test: (object: object) => boolean;
  /** Said after the field's name: "is required unless the response is accept". */
  readonly message: string;
}

/** Skip the field's other rules (nested validation) when it may be absent and is. */
function skipWhenAbsent(presence: Presence): PropertyDecorator[] {
  if (presence === 'required') return [];
  return presence === 'nullable' ? [IsOptional()] : [ValidateIf((_object: unknown, value: unknown) => value !== undefined)];
}

function documented(presence: Presence, options: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({ ...options, required: presence === 'required', ...(presence === 'nullable' ? { nullable: true } : {}) } as ApiPropertyOptions);
}

const trimmed = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const trimmedItems = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value));

export const textProblem =
  (max: number): Check =>
  (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (!NOT_BLANK.test(value)) return 'must not be empty';
    if (value.length > max) return `must be at most ${max} characters`;
    return null;
  };

const idProblem: Check = (value) => {
  if (typeof value !== 'string') return 'must be a string id';
  if (value === '') return 'must not be empty';
  if (value.length > ID_MAX) return `must be at most ${ID_MAX} characters`;
  if (!ID_PATTERN.test(value)) return 'must be an id (printable characters, no spaces)';
  return null;
};

const dateProblem: Check = (value) => (isValidIsoDate(value) ? null : 'must be a real date as YYYY-MM-DD');

// ---- the decorators ------------------------------------------------------------------------------

interface FieldOptions {
  readonly description: string;
  readonly presence?: Presence;
  readonly example?: unknown;
  readonly requiredWhen?: RequiredWhen;
  /** What a later check enforces as well (e.g. the application's vocabulary), for the document. */
  readonly documentation?: ApiPropertyOptions;
}

/** Free text: trimmed, not empty, at most `max` characters. */
export function Text(max: number, options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, {
      type: String,
      minLength: 1,
      maxLength: max,
      pattern: NOT_BLANK.source,
      description: options.description,
      example: options.example,
      ...options.documentation,
    } as ApiPropertyOptions),
    trimmed(),
    Checked('text', presenceOf(presence, textProblem(max), options.requiredWhen)),
  );
}

/** An id from another resource (organisation, person, action). */
export function Id(options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { type: String, minLength: 1, maxLength: ID_MAX, pattern: ID_PATTERN.source, description: options.description, example: options.example }),
    trimmed(),
    Checked('id', presenceOf(presence, idProblem)),
  );
}

/** A calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30). */
export function IsoDate(options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { type: String, format: 'date', description: options.description, example: options.example ?? '2026-03-02' }),
    Checked('isoDate', presenceOf(presence, dateProblem)),
  );
}

/** One of a closed vocabulary from the domain. */
export function OneOf(values: readonly string[], options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { enum: [...values], type: String, description: options.description, example: options.example ?? values[0] }),
    Checked('oneOf', presenceOf(presence, (value) => (typeof value === 'string' && values.includes(value) ? null : `must be one of ${values.join(', ')}`))),
  );
}

/** A whole number in [min, max] (max optional); a JSON number, not a numeric string. */
export function WholeNumber(min: number, max: number | undefined, options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
  return applyDecorators(
    documented(presence, { type: 'integer', minimum: min, ...(max !== undefined ? { maximum: max } : {}), description: options.description, example: options.example ?? min }),
    Checked(
      'wholeNumber',
      presenceOf(presence, (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max) ? null : `must be a whole number ${range}`,
      ),
    ),
  );
}

/** true or false (a JSON boolean, not "true"). */
export function Flag(options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { type: Boolean, description: options.description, example: options.example ?? true }),
    Checked('flag', presenceOf(presence, (value) => (typeof value === 'boolean' ? null : 'must be true or false'))),
  );
}

interface ListOptions extends FieldOptions {
  readonly min?: number;
  readonly max: number;
}

function listProblem(min: number, max: number, item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return 'must be a list';
    if (value.length < min) return min === 1 ? 'must have at least one item' : `must have at least ${min} items`;
    if (value.length > max) return `must have at most ${max} items`;
    for (const [index, entry] of value.entries()) {
      const problem = item(entry);
      if (problem !== null) return `item ${index} ${problem}`;
    }
    return null;
  };
}

/** A list of ids (respondents, consenting organisations). */
export function IdList(options: ListOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const min = options.min ?? 0;
  return applyDecorators(
    documented(presence, {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: ID_MAX, pattern: ID_PATTERN.source },
      minItems: min,
      maxItems: options.max,
      description: options.description,
      example: options.example,
    }),
    trimmedItems(),
    Checked('idList', presenceOf(presence, listProblem(min, options.max, idProblem))),
  );
}

/** A list of short texts (attendees). */
export function TextList(itemMax: number, options: ListOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const min = options.min ?? 0;
  return applyDecorators(
    documented(presence, {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: itemMax, pattern: NOT_BLANK.source },
      minItems: min,
      maxItems: options.max,
      description: options.description,
      example: options.example,
    }),
    trimmedItems(),
    Checked('textList', presenceOf(presence, listProblem(min, options.max, textProblem(itemMax)))),
  );
}

/** A list from a closed vocabulary (roles). */
export function OneOfList(values: readonly string[], options: ListOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const min = options.min ?? 0;
  const item: Check = (value) => (typeof value === 'string' && values.includes(value) ? null : `must be one of ${values.join(', ')}`);
  return applyDecorators(
    documented(presence, {
      type: 'array',
      items: { type: 'string', enum: [...values] },
      minItems: min,
      maxItems: options.max,
      description: options.description,
      example: options.example ?? [values[0]],
    }),
    Checked('oneOfList', presenceOf(presence, listProblem(min, options.max, item))),
  );
}

/** One of the Compact's own clauses (the domain's list), not just something shaped like one. */
export const clauseProblem: Check = (value) => {
  if (typeof value !== 'string') return 'must be a string';
  return isCompactClause(value.trim()) ? null : `must be a clause of the Compact (${KNOWN_CLAUSE_RANGES})`;
};

/** Compact clause ids, like `3.2`. */
export function ClauseList(options: ListOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const min = options.min ?? 0;
  return applyDecorators(
    documented(presence, {
      type: 'array',
      items: { type: 'string', enum: CLAUSE_IDS, example: '3.2' },
      minItems: min,
      maxItems: options.max,
      description: options.description,
      example: options.example ?? ['3.2'],
    }),
    trimmedItems(),
    Checked('clauseList', presenceOf(presence, listProblem(min, options.max, clauseProblem))),
  );
}

/** One Compact clause id. */
export function Clause(options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { type: String, enum: CLAUSE_IDS, description: options.description, example: options.example ?? '3.2' }),
    trimmed(),
    Checked('clause', presenceOf(presence, clauseProblem)),
  );
}

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A nested object validated by its own DTO class (unknown fields inside are refused too). */
export function NestedObject(type: () => Class, options: FieldOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  return applyDecorators(
    documented(presence, { type: type(), description: options.description }),
    ...skipWhenAbsent(presence),
    Checked('object', presenceOf(presence, (value) => (isPlainObject(value) ? null : 'must be an object'))),
    ValidateNested(),
    Type(type),
  );
}

/** A list of nested objects, each validated by its DTO class. */
export function NestedList(type: () => Class, options: ListOptions): PropertyDecorator {
  const presence = options.presence ?? 'required';
  const min = options.min ?? 0;
  return applyDecorators(
    documented(presence, { type: type(), isArray: true, minItems: min, maxItems: options.max, description: options.description }),
    ...skipWhenAbsent(presence),
    Checked('list', presenceOf(presence, listProblem(min, options.max, (item) => (isPlainObject(item) ? null : 'must be an object')))),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** A field whose rule is particular to it: `check` answers the problem (after the field's name) or null. */
export function Custom(name: string, check: (value: unknown) => string | null, api: ApiPropertyOptions & FieldOptions): PropertyDecorator {
  const presence = api.presence ?? 'required';
  const { presence: _presence, requiredWhen, ...documentation } = api;
  return applyDecorators(documented(presence, documentation as ApiPropertyOptions), Checked(name, presenceOf(presence, check, requiredWhen)));
}
