import { join } from 'node:path';
import { Inject, Injectable, type DynamicModule, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_SETTINGS, type AppSettings } from '#config';
import { WorkingDayCalendar } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ALL_PROJECTIONS, DirectoryReadModel, ReadModels } from '#projections';
import { createCalendar } from './calendar.js';
import { CLOCK, type Clock, SettableClock, SystemClock } from './clock.js';
import { COMMAND_OBSERVER, type CommandObserver, NO_OBSERVER } from './command-observer.js';
import { DirectoryService } from './directory/directory.service.js';
import { DisputeCommandService } from './dispute/dispute-command.service.js';
import { DisputeQueries } from './dispute/dispute-queries.service.js';
import { DisputeRepository } from './dispute/dispute-repository.js';
import { EVIDENCE_STORE, type EvidenceStore } from './dispute/evidence-store.js';
import { FileEvidenceStore } from './dispute/file-evidence-store.js';
import { createEventStore } from './event-store.factory.js';
import { HANDLERS } from './handlers.js';

/** Starts the read models once the app is up; on shutdown stops them, then closes the store. */
@Injectable()
class ApplicationLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    this.readModels.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.stop();
    await this.store.close();
  }
}

export interface ApplicationExtras {
  /** Replaces the default (no-op) metrics observer of the write path. */
  readonly observer?: Provider;
}

@Module({})
export class ApplicationModule {
  static forRoot(settings: AppSettings, extras: ApplicationExtras = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_SETTINGS, useValue: settings },
      { provide: EVENT_STORE, useFactory: () => createEventStore(settings) },
      { provide: CLOCK, useFactory: (): Clock => (settings.clockFixed ? new SettableClock(settings.clockFixed) : new SystemClock()) },
      { provide: WorkingDayCalendar, useFactory: createCalendar },
      extras.observer ?? { provide: COMMAND_OBSERVER, useValue: NO_OBSERVER },
      {
        provide: ReadModels,
        useFactory: (store: EventStore) => new ReadModels(store, settings.dataDir, ALL_PROJECTIONS),
        inject: [EVENT_STORE],
      },
      {
        provide: DirectoryReadModel,
        useFactory: (readModels: ReadModels) => new DirectoryReadModel(() => readModels.db('directory')),
        inject: [ReadModels],
      },
      { provide: EVIDENCE_STORE, useFactory: (): EvidenceStore => new FileEvidenceStore(join(settings.dataDir, 'evidence')) },
      { provide: DisputeRepository, useFactory: (store: EventStore) => new DisputeRepository(store), inject: [EVENT_STORE] },
      {
        provide: DisputeCommandService,
        useFactory: (
          store: EventStore,
          repository: DisputeRepository,
          directory: DirectoryReadModel,
          calendar: WorkingDayCalendar,
          clock: Clock,
          evidence: EvidenceStore,
          observer: CommandObserver,
        ) => new DisputeCommandService(store, repository, directory, calendar, clock, evidence, observer),
        inject: [EVENT_STORE, DisputeRepository, DirectoryReadModel, WorkingDayCalendar, CLOCK, EVIDENCE_STORE, COMMAND_OBSERVER],
      },
      {
        provide: DisputeQueries,
        useFactory: (store: EventStore, repository: DisputeRepository, clock: Clock) => new DisputeQueries(store, repository, clock),
        inject: [EVENT_STORE, DisputeRepository, CLOCK],
      },
      {
        provide: DirectoryService,
        useFactory: (store: EventStore, readModels: ReadModels, directory: DirectoryReadModel, clock: Clock) =>
          new DirectoryService(store, readModels, directory, clock),
        inject: [EVENT_STORE, ReadModels, DirectoryReadModel, CLOCK],
      },
      ApplicationLifecycle,
      ...HANDLERS,
    ];
    return {
      module: ApplicationModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [
        CqrsModule,
        APP_SETTINGS,
        EVENT_STORE,
        CLOCK,
        WorkingDayCalendar,
        ReadModels,
        DirectoryReadModel,
        EVIDENCE_STORE,
        DisputeRepository,
        DisputeCommandService,
        DisputeQueries,
        DirectoryService,
      ],
    };
  }
}
