import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Authenticate, type Principal } from '#application';
import { type AppSettings } from '#config';
import { EVENT_STORE, type EventStore, SqliteEventStore } from '#event-store';

/*
 * TEMPORARY stand-in for ApplicationModule, so the platform's tests do not depend on the
 * application's work in progress. It offers what the platform needs from it and nothing more:
 * the CQRS buses, an Authenticate handler and a real SQLite event store in the test's data dir.
 * Switch: drop `application` from PLATFORM_TEST_OPTIONS (platform-test-options.ts), then delete this file.
 */

/** Tokens the stand-in knows besides the bootstrap admin's. */
export const STAND_IN_TOKENS: Readonly<Record<string, Principal>> = {
  'test-secretariat-token-0001': { personId: 'p-secretariat', name: 'Sam Secretariat', roles: ['secretariat'], organisationId: null },
};

@QueryHandler(Authenticate)
class StandInAuthenticateHandler implements IQueryHandler<Authenticate> {
  async execute(query: Authenticate): Promise<Principal | null> {
    return STAND_IN_TOKENS[query.token] ?? null;
  }
}

@Injectable()
class StandInLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({})
export class StandInApplicationModule {
  static forRoot(settings: AppSettings): DynamicModule {
    return {
      module: StandInApplicationModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: (): EventStore => {
            mkdirSync(settings.dataDir, { recursive: true });
            return SqliteEventStore.open({ filename: join(settings.dataDir, 'events.sqlite') });
          },
        },
        StandInAuthenticateHandler,
        StandInLifecycle,
      ],
      exports: [CqrsModule, EVENT_STORE],
    };
  }
}
