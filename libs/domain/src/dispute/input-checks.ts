import { ValidationError } from '#core';
import { isValidIsoDate } from '../calendar/index.js';
import { isCompactClause, KNOWN_CLAUSE_RANGES } from '../compact/index.js';
import { type DirectoryLookup } from '../directory/directory-lookup.js';

/** Rules that depend only on what was sent; breaking one is a 400 naming the field. */
export function invalid(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

export function requireText(value: string | null | undefined, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') invalid(field, 'must not be empty');
  return text;
}

export function optionalText(value: string | null | undefined): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
}

/** One of a closed vocabulary (a route, a finding, a reason code): anything else is a 400, never a silent pass. */
export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, 'must be true or false');
  return value;
}

export function requireDate(value: string | null | undefined, field: string): string {
  if (!isValidIsoDate(value)) invalid(field, 'must be a real date as YYYY-MM-DD');
  return value;
}

export function requireWholeNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) invalid(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

export function requireOrganisation(directory: DirectoryLookup, organisationId: string, field: string) {
  const org = directory.organisation(organisationId);
  if (!org) invalid(field, `unknown organisation ${organisationId}`);
  if (org.leftAt !== null) invalid(field, `organisation ${org.name} (${organisationId}) has left the Compact`);
  return org;
}

/** Consent by every party, as the process requires for suspensions, extensions and mediation. */
export function requirePartyConsent(
  consentFrom: readonly string[],
  partyIds: readonly string[],
  field: string,
  rule = 'needs the consent of every party',
): string[] {
  const given = requireOnlyParties(consentFrom, partyIds, field);
  const missing = partyIds.filter((p) => !given.includes(p));
  if (missing.length > 0) invalid(field, `${rule}; missing ${missing.join(', ')}`);
  return given;
}

/** Consent given, where none is needed, still names parties only. */
export function requireOnlyParties(consentFrom: readonly string[], partyIds: readonly string[], field: string): string[] {
  const given = [...new Set(consentFrom)];
  const strangers = given.filter((g) => !partyIds.includes(g));
  if (strangers.length > 0) invalid(field, `${strangers.join(', ')} is not a party to this case`);
  return given;
}

/** A clause of the Compact itself (1.1–5.5): a well-formed id the Compact does not have is a 400 too. */
export function requireClause(value: unknown, field: string): string {
  const id = typeof value === 'string' ? value.trim() : value;
  if (!isCompactClause(id)) invalid(field, `${String(value)} is not a clause of the Compact (${KNOWN_CLAUSE_RANGES})`);
  return id;
}

export function optionalClause(value: string | null | undefined, field: string): string | null {
  return optionalText(value) === null ? null : requireClause(value, field);
}
