/**
 * A stored event whose data or metadata is no longer JSON (its bytes were damaged or edited). Reads
 * stop at it rather than hand on something else; the audit verifier reads around it and reports
 * the event as changed.
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly position: bigint,
    readonly streamId: string,
    readonly revision: bigint,
    readonly eventId: string,
    readonly eventType: string,
    /** Which column could not be read, and why. */
    readonly reason: string,
    /** The metadata when it still parses (so the event's seal can still be placed on its chain). */
    readonly metadata: Record<string, unknown> | null,
  ) {
    super(`The event at position ${position} (${eventType}, revision ${revision} of ${streamId}) cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}
