import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '#core';
import { fieldErrorsOf, summariseFieldErrors } from './field-errors.js';

/**
 * The global pipe: DTOs are validated with class-validator and transformed into their classes;
 * undeclared fields are refused, not dropped, so a typo never silently loses data. Failures leave
 * as the error family's ValidationError (400) with a dotted `field` per problem.
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
    const wholeBody = metadata.type === 'body' && metadata.data === undefined;
    return super.transform(wholeBody ? requireJsonObject(value) : value, metadata);
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
