import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldError, ValidationError } from '#core';
import { buildAndValidate, NotCompiled, planOf } from './compiled-dto.js';
import { fieldErrorsOf, summariseFieldErrors, unknownFieldError } from './field-errors.js';

/** Unknown fields listed in one answer; the detail counts the rest. */
const UNKNOWN_FIELDS_LISTED = 20;

/**
 * The global pipe: DTOs are validated with class-validator and transformed into their classes;
 * undeclared fields are refused, not dropped, so a typo never silently loses data. Failures leave
 * as the error family's ValidationError (400) with a dotted `field` per problem.
 *
 * Unknown top-level fields never reach class-transformer, whose walk costs time quadratic in the
 * number of fields (80,000 of them held the event loop for seconds): they are found in one pass
 * over the body, the declared fields alone are transformed and validated, and the answer lists both
 * kinds of problem, as class-validator's whitelist would have. Nested objects are small by then
 * (assertBodyShape) and checked field by field by class-validator.
 *
 * Those checks run compiled (compiled-dto.ts): the DTO's decorators are read once, and each request
 * is built and checked in plain loops, with the answers class-transformer and class-validator give;
 * what the compiled checks do not cover goes the libraries' own way.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Never echo the rejected values or the DTO back into the error.
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ClassValidatorError[]) => {
        const fieldErrors = fieldErrorsOf(errors);
        return new ValidationError(summariseFieldErrors(fieldErrors), fieldErrors);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const whole = metadata.data === undefined && (metadata.type === 'body' || metadata.type === 'query');
    const input = whole && metadata.type === 'body' ? requireJsonObject(value) : value;
    if (!whole || !isDtoClass(metadata.metatype) || typeof input !== 'object' || input === null) return super.transform(input, metadata);
    const { declared, unknown, unknownCount } = splitFields(input as Record<string, unknown>, metadata.metatype);
    if (unknownCount === 0) return this.validated(input as Record<string, unknown>, metadata.metatype, metadata);
    const others = await this.problemsWith(declared, metadata.metatype, metadata);
    throw new ValidationError(summariseFieldErrors([...unknown, ...others], 3, unknownCount + others.length), [...unknown, ...others]);
  }

  /** What validating the declared fields alone finds wrong (none: they are fine). */
  private async problemsWith(declared: Record<string, unknown>, dto: DtoClass, metadata: ArgumentMetadata): Promise<readonly FieldError[]> {
    try {
      await this.validated(declared, dto, metadata);
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return error.errors;
      throw error;
    }
  }

  /** The DTO instance built from the body's declared fields, or their ValidationError. */
  protected async validated(input: Record<string, unknown>, dto: DtoClass, metadata: ArgumentMetadata): Promise<unknown> {
    if (planOf(dto) === null) return this.viaLibraries(input, metadata);
    try {
      const { instance, errors } = buildAndValidate(dto, input);
      if (errors.length > 0) throw await this.exceptionFactory([...errors]);
      return instance;
    } catch (error) {
      if (error instanceof NotCompiled) return this.viaLibraries(input, metadata);
      throw error;
    }
  }

  /** class-transformer's plainToInstance then class-validator's validate, as Nest's ValidationPipe runs them. */
  protected viaLibraries(input: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(input, metadata);
  }
}

/**
 * Every body we accept is a JSON object; `null`, arrays and bare values are refused even where the
 * handler takes a loose record. No body at all counts as `{}` (commands that need nothing).
 */
export function requireJsonObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)) return body as Record<string, unknown>;
  const kind = body === null ? 'null' : Array.isArray(body) ? 'an array' : Buffer.isBuffer(body) ? 'binary data' : `a ${typeof body}`;
  throw new ValidationError(`The request body must be a JSON object, not ${kind}.`, [], 'VALIDATION.BODY_NOT_AN_OBJECT');
}

/** A class the pipe validates (not a loose `Record`, `Object` or a primitive's wrapper). */
type DtoClass = abstract new (...args: never[]) => object;
const LOOSE_TYPES: readonly unknown[] = [Object, Array, String, Number, Boolean, Buffer, Date];
const isDtoClass = (metatype: unknown): metatype is DtoClass => typeof metatype === 'function' && !LOOSE_TYPES.includes(metatype);

/** The fields a DTO declares, from class-validator's metadata (what `whitelist` keeps). */
const knownFields = new WeakMap<DtoClass, ReadonlySet<string>>();
function knownFieldsOf(dto: DtoClass): ReadonlySet<string> {
  let names = knownFields.get(dto);
  if (!names) {
    names = new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false).map((m) => m.propertyName));
    knownFields.set(dto, names);
  }
  return names;
}

/** The body's declared fields, and the first of its unknown ones as problems (with how many there are), in one pass. */
function splitFields(input: Record<string, unknown>, dto: DtoClass) {
  const known = knownFieldsOf(dto);
  const declared: Record<string, unknown> = {};
  const unknown: FieldError[] = [];
  let unknownCount = 0;
  for (const field of Object.keys(input)) {
    if (known.has(field)) declared[field] = input[field];
    else if (++unknownCount <= UNKNOWN_FIELDS_LISTED) unknown.push(unknownFieldError(field));
  }
  return { declared, unknown, unknownCount };
}
