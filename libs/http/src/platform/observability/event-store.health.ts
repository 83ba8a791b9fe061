import { Inject, Injectable, Logger } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Gauge } from 'prom-client';
import { StorageFullError } from '#core';
import { EVENT_STORE, type EventStore } from '#event-store';
import { METRIC_NAMES, PlatformMetrics } from './metrics.js';

const PING_TIMEOUT_MS = 2_000;

/**
 * Readiness of the event store: a ping that must answer within two seconds, and the store taking
 * writes (not after a full disk refused an append, until it takes them again). Writability is
 * also the `event_store_writable` gauge, read on each scrape.
 */
@Injectable()
export class EventStoreHealthIndicator {
  private readonly logger = new Logger(EventStoreHealthIndicator.name);

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PlatformMetrics) metrics: PlatformMetrics,
  ) {
    const fullReason = () => this.fullReason();
    new Gauge({
      name: METRIC_NAMES.eventStoreWritable,
      help: '1 while the event store takes writes, 0 while its disk is full (commands are answered 507).',
      registers: [metrics.registry],
      // prom-client calls this with the gauge as `this` on each scrape.
      async collect() {
        this.set((await fullReason()) === null ? 1 : 0);
      },
    });
  }

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

  async isWritable<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    const reason = await this.fullReason();
    if (reason === null) return indicator.up();
    return indicator.down({ message: `The event store's disk is full: commands are refused (507) until space is freed.`, reason });
  }

  /** Null while writable; the store's own word for why not (SQLITE_FULL, ENOSPC) otherwise. */
  private async fullReason(): Promise<string | null> {
    try {
      await withTimeout(this.store.checkWritable?.() ?? Promise.resolve(), PING_TIMEOUT_MS);
      return null;
    } catch (error) {
      if (error instanceof StorageFullError) return error.reason;
      // Unreachable, closed: isReachable reports that; it says nothing about space.
      return null;
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
