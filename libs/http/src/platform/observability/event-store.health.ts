import { Inject, Injectable, Logger } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '#event-store';

const PING_TIMEOUT_MS = 2_000;

/** Readiness of the event store: a ping that must answer within two seconds. */
@Injectable()
export class EventStoreHealthIndicator {
  private readonly logger = new Logger(EventStoreHealthIndicator.name);

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async isReachable<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(this.store.ping(), PING_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      // The cause goes to the log only; the health body must not carry internals.
      this.logger.warn({ err: error }, 'Event store ping failed');
      return indicator.down({ message: 'The event store did not answer.' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
