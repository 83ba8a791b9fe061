import { type ExpectedRevision } from './event-store.port.js';

/** Whether an append's expectation holds for a stream whose last revision is `actual` (null: no stream). */
export function expectationHolds(expected: ExpectedRevision, actual: bigint | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === null;
    case 'stream_exists':
      return actual !== null;
    default:
      return actual === expected;
  }
}

/** A read's limit: a non-negative integer, or the adapter's fallback when omitted. */
export function limitOf(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}
