/** Raised by any call on a store after close(); appends queued before close() still commit. */
export class EventStoreClosedError extends Error {
  constructor() {
    super('The event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
