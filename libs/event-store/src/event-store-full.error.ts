import { diskFullCode, StorageFullError } from '#core';

/**
 * The event store has no room to write: the append was not committed, nothing of it is in the
 * log, and the same append succeeds once space is freed. Adapters translate their driver's "disk
 * full" into this, keeping the driver's error as `cause`.
 */
export class EventStoreFullError extends StorageFullError {
  constructor(options: { readonly cause: unknown }) {
    super(
      `The event store's disk is full (${diskFullCode(options.cause) ?? 'no space'}): nothing of this request was written. It can be sent again once space is freed.`,
      'event store',
      options,
    );
  }
}
