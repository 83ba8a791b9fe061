import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { type AppSettings } from '#config';
import { AuthFailureLimiter } from './auth/auth-failure-limiter.js';
import { AuthenticationGuard, BOOTSTRAP_ADMIN_SECRET } from './auth/authentication.guard.js';
import { RolesGuard } from './auth/roles.guard.js';
import { IdempotencyGuard } from './idempotency/idempotency.guard.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { EventStoreHealthIndicator } from './observability/event-store.health.js';
import { HealthController } from './observability/health.controller.js';
import { MetricsController } from './observability/metrics.controller.js';
import { METRICS_TOKEN } from './observability/metrics-token.js';
import { PlatformMetrics } from './observability/metrics.js';
import { ProjectionStatusSource } from './observability/projection-status.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { RequestValidationPipe } from './validation/request-validation.pipe.js';

/** How long a replayable response is kept for its Idempotency-Key. */
const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Everything HTTP that is not a resource: problem+json errors, validation, authentication and
 * roles, idempotency, metrics and health (logs are wired where the app is made, see createLogger).
 * Global, so resource modules just use its decorators. Expects a global module providing the CQRS buses and EVENT_STORE (ApplicationModule).
 * Pair with configurePlatform(app, info) for the Fastify-level half.
 */
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyStore) private readonly idempotencyStore: IdempotencyStore) {}

  static forRoot(settings: AppSettings): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule.forRoot()],
      controllers: [HealthController, MetricsController],
      providers: [
        PlatformMetrics,
        ProjectionStatusSource,
        EventStoreHealthIndicator,
        { provide: BOOTSTRAP_ADMIN_SECRET, useValue: settings.bootstrapAdminToken },
        { provide: METRICS_TOKEN, useValue: settings.metricsToken ?? null },
        { provide: AuthFailureLimiter, useFactory: () => new AuthFailureLimiter() },
        {
          provide: IdempotencyStore,
          useFactory: () => {
            const store = IdempotencyStore.open(settings.dataDir);
            store.prune(Date.now() - IDEMPOTENCY_RETENTION_MS);
            return store;
          },
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        // Order matters: roles are checked on the principal authentication found, and an
        // Idempotency-Key is claimed for that principal once it may send the request at all.
        // IdempotencyGuard is one instance, so that configurePlatform's onSend hook shares its state.
        IdempotencyGuard,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useExisting: IdempotencyGuard },
      ],
      exports: [PlatformMetrics, IdempotencyGuard],
    };
  }

  onApplicationShutdown(): void {
    this.idempotencyStore.close();
  }
}
