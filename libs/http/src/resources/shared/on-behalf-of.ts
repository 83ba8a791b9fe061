import { type FastifyRequest } from 'fastify';
import { type WriteOptions } from '#application';
import { type FieldError, ValidationError } from '#core';
import { ID_MAX, ID_PATTERN, NOT_BLANK } from './fields.js';

export const ON_BEHALF_OF_HEADER = 'x-on-behalf-of';
export const ON_BEHALF_REASON_HEADER = 'x-on-behalf-reason';
export const ON_BEHALF_REASON_MAX = 1_000;

/**
 * The secretariat records a party's step for them (process.md, Roles) with two headers rather than
 * body fields, so every body stays exactly as api.md writes it: `X-On-Behalf-Of: <orgId>` and
 * `X-On-Behalf-Reason: <why>`. Both or neither, well formed (400 otherwise). Who may use them, and
 * for whom, is the application's rule (actor-selection.ts), the same on every path into the write side.
 */
export function onBehalfOfFrom(headers: FastifyRequest['headers']): WriteOptions['onBehalfOf'] {
  const organisationId = headers[ON_BEHALF_OF_HEADER];
  const reason = headers[ON_BEHALF_REASON_HEADER];
  if (organisationId === undefined && reason === undefined) return undefined;

  const errors: FieldError[] = [];
  if (typeof organisationId !== 'string' || !ID_PATTERN.test(organisationId.trim()) || organisationId.trim().length > ID_MAX) {
    errors.push({ field: 'X-On-Behalf-Of', message: 'must be one header naming the organisation (its id) the step is recorded for' });
  }
  if (typeof reason !== 'string' || !NOT_BLANK.test(reason) || reason.length > ON_BEHALF_REASON_MAX) {
    errors.push({ field: 'X-On-Behalf-Reason', message: `must be one header stating why the secretariat records the step (1 to ${ON_BEHALF_REASON_MAX} characters)` });
  }
  if (errors.length > 0) {
    throw new ValidationError(`Recording on behalf of a party needs both headers: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, errors, 'VALIDATION.ON_BEHALF_OF');
  }
  return { organisationId: (organisationId as string).trim(), reason: (reason as string).trim() };
}
