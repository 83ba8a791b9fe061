import { type ValidationError as ClassValidatorError } from '@nestjs/common';
import { type FieldError } from '#core';

/** class-validator's constraint name for a property the DTO does not declare (forbidNonWhitelisted). */
const UNKNOWN_FIELD = 'whitelistValidation';

/** The problem for a field the DTO does not declare. */
export const unknownFieldError = (field: string): FieldError => ({ field, message: `${field} is not a known field (unknown fields are refused)` });

/**
 * Flattens class-validator's error tree into `{ field, message }` with dotted paths from the body's
 * root: `dates.noticeReceived`, `recommendations.0.dueDate` (array items by index).
 */
export function fieldErrorsOf(errors: readonly ClassValidatorError[], parentPath = ''): FieldError[] {
  const fieldErrors: FieldError[] = [];
  for (const error of errors) {
    const field = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      fieldErrors.push(constraint === UNKNOWN_FIELD ? unknownFieldError(field) : { field, message });
    }
    fieldErrors.push(...fieldErrorsOf(error.children ?? [], field));
  }
  return fieldErrors;
}

/** A one-line human summary for the problem's `detail`; the list is in `errors` (`total`: when it was cut short). */
export function summariseFieldErrors(fieldErrors: readonly FieldError[], shown = 3, total = fieldErrors.length): string {
  if (fieldErrors.length === 0) return 'The request is invalid.';
  const listed = fieldErrors.slice(0, shown).map((e) => (e.message.includes(e.field) ? e.message : `${e.field}: ${e.message}`));
  const more = total > listed.length ? ` (and ${total - listed.length} more)` : '';
  return `The request is invalid: ${listed.join('; ')}${more}.`;
}
