import { ValidationError } from '#core';

/** Our bodies nest three levels at most (body → actions → action); anything far deeper is hostile. */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses a parsed JSON body nested deeper than `maxDepth`, before anything walks it recursively
 * (the idempotency fingerprint, class-transformer, class-validator), where a few thousand levels
 * would exhaust the stack and answer 500. Iterative, so the check itself cannot overflow.
 */
export function assertBodyDepth(body: unknown, maxDepth = MAX_BODY_DEPTH): void {
  const pending: [unknown, number][] = [[body, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      throw new ValidationError(`The request body is nested more than ${maxDepth} levels deep.`, [], 'REQUEST.TOO_DEEPLY_NESTED');
    }
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
}
