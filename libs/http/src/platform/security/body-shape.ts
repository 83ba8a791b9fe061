import { type FieldError, ValidationError } from '#core';

/**
 * How big a parsed JSON body may be in shape, whatever its size in bytes. Our bodies nest three
 * levels (body → actions → action), have at most a dozen fields in one object and 50 items in one
 * list; these bounds are far above that and far below what makes the walks after them costly
 * (class-transformer's is quadratic in the number of fields of one object).
 */
export interface BodyShapeLimits {
  /** Objects and arrays inside one another. */
  readonly depth: number;
  /** Fields in one object. */
  readonly fields: number;
  /** Items in one array. */
  readonly items: number;
  /** Fields and items in the whole body. */
  readonly values: number;
}

export const BODY_SHAPE_LIMITS: BodyShapeLimits = { depth: 8, fields: 50, items: 100, values: 2_000 };

const refuse = (message: string, code: string, field?: string): never => {
  const errors: FieldError[] = field === undefined ? [] : [{ field, message }];
  throw new ValidationError(`The request body ${message}.`, errors, code);
};

/**
 * Refuses a parsed JSON body whose shape is beyond `limits`, before anything walks it (the
 * idempotency fingerprint, class-transformer, class-validator): a body of 80,000 unknown fields
 * (0.87 MB) used to hold the event loop for seconds. Iterative and stopping at the first excess,
 * so the check costs at most `limits.values` steps and cannot overflow the stack. The `field` of
 * the error is the dotted path of the object or list at fault (`actions`, `dates`); none for the root.
 */
export function assertBodyShape(body: unknown, limits: BodyShapeLimits = BODY_SHAPE_LIMITS): void {
  const pending: [unknown, number, string][] = [[body, 0, '']];
  let values = 0;
  while (pending.length > 0) {
    const [value, depth, path] = pending.pop() as [unknown, number, string];
    if (typeof value !== 'object' || value === null) continue;
    const where = path === '' ? undefined : path;
    if (depth >= limits.depth) refuse(`is nested more than ${limits.depth} levels deep`, 'REQUEST.TOO_DEEPLY_NESTED', where);
    const isList = Array.isArray(value);
    if (isList && value.length > limits.items) refuse(`has a list of more than ${limits.items} items`, 'REQUEST.LIST_TOO_LONG', where);
    let fields = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (!isList && ++fields > limits.fields) refuse(`has an object of more than ${limits.fields} fields`, 'REQUEST.TOO_MANY_FIELDS', where);
      if (++values > limits.values) refuse(`holds more than ${limits.values} fields and list items in all`, 'REQUEST.TOO_MANY_VALUES');
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1, path === '' ? key : `${path}.${key}`]);
    }
  }
}
