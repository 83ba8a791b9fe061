/**
 * Failures of the store itself (not of an append's expectation), in the port's words, so callers
 * never see a driver's error classes. Each keeps the driver's error as `cause` for the log.
 */

/** The store cannot be reached now (connection refused or lost, timeout, no leader): retry later. */
export class EventStoreUnavailableError extends Error {
  constructor(message = 'The event store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** The store refused the credentials or their rights (e.g. reading $all needs more than a stream's ACL). */
export class EventStoreAccessDeniedError extends Error {
  constructor(message = 'The event store refused access', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreAccessDeniedError';
  }
}

/** The stream was deleted in the store (never done by this engine; an operator did it): nothing can be appended. */
export class StreamDeletedError extends Error {
  constructor(readonly streamId: string, options?: { cause?: unknown }) {
    super(`Stream ${streamId} has been deleted in the event store`, options);
    this.name = 'StreamDeletedError';
  }
}
