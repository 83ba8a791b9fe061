import { ValidationError } from '#core';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** 1 to 200 visible ASCII characters: room for a UUID or a client's own scheme, nothing that breaks a log line. */
export const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, undefined when absent; a 400 ValidationError when malformed or repeated. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && ACCEPTABLE_KEY.test(header)) return header;
  throw new ValidationError(
    'Idempotency-Key must be one header of 1 to 200 visible ASCII characters (a UUID is a good choice).',
    [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }],
    'IDEMPOTENCY.INVALID_KEY',
  );
}
