/**
 * How a chain broke, as an auditor would say it:
 * - `changed`: the event's content (type, data or metadata) is not what was sealed, or it was
 *   sealed again after a change, so the next event's chain no longer points to it;
 * - `removed`: an event that was there is missing (its revision, or its position in the log);
 * - `reordered`: an event is sealed for another place than the one it stands in;
 * - `inserted`: an event that is not on the chain (no valid seal linking it, or a copy of another's).
 */
export type ChainFailureKind = 'changed' | 'removed' | 'reordered' | 'inserted';

export interface ChainFailure {
  readonly kind: ChainFailureKind;
  /** The stream, or null for a gap in the log whose stream cannot be told. */
  readonly streamId: string | null;
  /** Where the event stands now, or for a removed one the revision it was sealed at. */
  readonly revision: bigint | null;
  /** Its global position (for a removed event, where it was, when the log shows it). */
  readonly position: bigint | null;
  readonly eventId: string | null;
  readonly type: string | null;
  /** One sentence for a person. */
  readonly detail: string;
}

/** Failures in log order: by position, then stream and revision. */
export function compareFailures(a: ChainFailure, b: ChainFailure): number {
  const pa = a.position ?? -1n;
  const pb = b.position ?? -1n;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const sa = a.streamId ?? '';
  const sb = b.streamId ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ra = a.revision ?? -1n;
  const rb = b.revision ?? -1n;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}
