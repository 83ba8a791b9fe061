import { ValidationError } from '#core';

/** What an If-Match header asks for: a pinned revision, or `*` (any current revision). */
export type IfMatch = { readonly kind: 'any' } | { readonly kind: 'revision'; readonly revision: bigint };

/** `"7"` or the weak `W/"7"`: revisions are our ETags, so a weak one names the same revision. */
export const REVISION_TAG = /^(?:W\/)?"(0|[1-9]\d{0,18})"$/;

/** Parses If-Match; undefined when absent, a 400 ValidationError for anything but one tag or `*`. */
export function parseIfMatch(header: string | string[] | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header.trim() : undefined;
  if (value === '*') return { kind: 'any' };
  const match = value === undefined ? null : REVISION_TAG.exec(value);
  if (match?.[1] === undefined) {
    throw new ValidationError(
      'If-Match must be one entity tag of the form "<revision>" (e.g. "3", as sent in ETag), W/"<revision>" or *.',
      [{ field: 'If-Match', message: 'must be "<revision>", W/"<revision>" or *' }],
      'CONCURRENCY.INVALID_IF_MATCH',
    );
  }
  return { kind: 'revision', revision: BigInt(match[1]) };
}

/**
 * The expectedRevision for WriteOptions: the pinned revision, or undefined when absent or `*`
 * (the case must exist, which the command's own lookup already demands).
 */
export function expectedRevisionFrom(header: string | string[] | undefined): bigint | undefined {
  const ifMatch = parseIfMatch(header);
  return ifMatch?.kind === 'revision' ? ifMatch.revision : undefined;
}
