/** What every successful command answers: the stream's new revision and the global position of its last event. */
export interface CommandResult {
  readonly id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** Options every write accepts from the edge. */
export interface WriteOptions {
  /** If-Match: apply only at this revision (412 otherwise); no retry. */
  readonly expectedRevision?: bigint;
  /** Idempotency-Key: a retry with the same key appends nothing and answers the first result. */
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  /** Secretariat recording a party's step for them. */
  readonly onBehalfOf?: { readonly organisationId: string; readonly reason: string };
}
