import { join } from 'node:path';
import { Inject, Injectable, type DynamicModule, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { APP_SETTINGS, type AppSettings } from '#config';
import { WorkingDayCalendar } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  allProjections,
  CASES_PROJECTION,
  CaseListReadModel,
  CaseMembershipReadModel,
  DeadlineBookReadModel,
  DIRECTORY_PROJECTION,
  DirectoryReadModel,
  ReadModels,
  WorkQueueReadModel,
} from '#projections';
import { createCalendar } from './calendar.js';
import { CLOCK, type Clock, SettableClock, SystemClock } from './clock.js';
import { COMMAND_OBSERVER, NO_OBSERVER } from './command-observer.js';
import { DirectoryNames } from './directory/directory-names.js';
import { DirectoryQueries } from './directory/directory-queries.js';
import { DIRECTORY_HANDLERS } from './directory/directory.handlers.js';
import { DirectoryService } from './directory/directory.service.js';
import { DisputeCommandService } from './dispute/dispute-command.service.js';
import { DisputeQueries } from './dispute/dispute-queries.service.js';
import { DisputeRepository } from './dispute/dispute-repository.js';
import { GetEvidenceHandler } from './dispute/evidence-download.js';
import { EVIDENCE_STORE, type EvidenceStore } from './dispute/evidence-store.js';
import { FileEvidenceStore } from './dispute/file-evidence-store.js';
import { createEventStore } from './event-store.factory.js';
import { HANDLERS } from './handlers.js';
import { DisputeListQueries } from './read-side/dispute-list.queries.js';
import { ProjectionAdmin } from './read-side/projection-admin.js';
import { READ_SIDE_HANDLERS } from './read-side/read-side.handlers.js';
import { ReadYourWrites } from './read-side/read-your-writes.js';
import { WorkQueueQueries } from './read-side/work-queue.queries.js';
import { AnnualReportQueries } from './report/annual-report.queries.js';
import { REPORT_PROVIDERS } from './report/report.providers.js';
import { DEADLINE_SCHEDULER_OPTIONS, DeadlineScheduler, type DeadlineSchedulerOptions } from './scheduler/deadline-scheduler.js';

/**
 * Starts the read models once the app is up, then the deadline scheduler; on shutdown stops the
 * scheduler (waiting for a run in progress), then the read models, then closes the store.
 */
@Injectable()
class ApplicationLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
  ) {}

  private schedulerTimer: NodeJS.Immediate | null = null;

  onApplicationBootstrap(): void {
    this.readModels.start();
    // The CQRS module registers its handlers in its own bootstrap hook, which may run after this
    // one: the scheduler's first run must wait until the buses are ready.
    this.schedulerTimer = setImmediate(() => {
      this.schedulerTimer = null;
      this.scheduler.start();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.schedulerTimer) clearImmediate(this.schedulerTimer);
    await this.scheduler.stop();
    await this.readModels.stop();
    await this.store.close();
  }
}

export interface ApplicationExtras {
  /** Replaces the default (no-op) metrics observer of the write path. */
  readonly observer?: Provider;
  /** The deadline scheduler's interval (default 30 s; 0: one run at start only) and catch-up wait. */
  readonly scheduler?: DeadlineSchedulerOptions;
}

/** The read models the application keeps, built as it builds them (a consistency check rebuilds the same). */
export const applicationProjections = (calendar: WorkingDayCalendar = createCalendar()) => allProjections({ calendar });

/** A read model over one projection's file, which ReadModels owns (and swaps on a rebuild). */
const readModel = <T>(type: new (db: () => Database.Database) => T, projection: string): Provider => ({
  provide: type,
  useFactory: (readModels: ReadModels) => new type(() => readModels.db(projection)),
  inject: [ReadModels],
});

@Module({})
export class ApplicationModule {
  static forRoot(settings: AppSettings, extras: ApplicationExtras = {}): DynamicModule {
    const providers: Provider[] = [
      // What depends on the settings is made here; everything else is an @Injectable() class.
      { provide: APP_SETTINGS, useValue: settings },
      { provide: EVENT_STORE, useFactory: () => createEventStore(settings) },
      { provide: CLOCK, useFactory: (): Clock => (settings.clockFixed ? new SettableClock(settings.clockFixed) : new SystemClock()) },
      { provide: WorkingDayCalendar, useFactory: createCalendar },
      extras.observer ?? { provide: COMMAND_OBSERVER, useValue: NO_OBSERVER },
      { provide: DEADLINE_SCHEDULER_OPTIONS, useValue: extras.scheduler ?? {} },
      { provide: EVIDENCE_STORE, useFactory: (): EvidenceStore => new FileEvidenceStore(join(settings.dataDir, 'evidence')) },
      {
        provide: ReadModels,
        useFactory: (store: EventStore, calendar: WorkingDayCalendar) => new ReadModels(store, settings.dataDir, applicationProjections(calendar)),
        inject: [EVENT_STORE, WorkingDayCalendar],
      },
      readModel(CaseListReadModel, CASES_PROJECTION),
      readModel(WorkQueueReadModel, CASES_PROJECTION),
      readModel(DeadlineBookReadModel, CASES_PROJECTION),
      readModel(CaseMembershipReadModel, CASES_PROJECTION),
      readModel(DirectoryReadModel, DIRECTORY_PROJECTION),
      ReadYourWrites,
      DisputeListQueries,
      WorkQueueQueries,
      ProjectionAdmin,
      DeadlineScheduler,
      DisputeRepository,
      DisputeCommandService,
      DisputeQueries,
      DirectoryNames,
      DirectoryService,
      DirectoryQueries,
      ApplicationLifecycle,
      ...HANDLERS,
      ...READ_SIDE_HANDLERS,
      ...DIRECTORY_HANDLERS,
      GetEvidenceHandler,
      ...REPORT_PROVIDERS,
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
        DirectoryQueries,
        CaseListReadModel,
        WorkQueueReadModel,
        DeadlineBookReadModel,
        ReadYourWrites,
        DisputeListQueries,
        WorkQueueQueries,
        ProjectionAdmin,
        DeadlineScheduler,
        AnnualReportQueries,
      ],
    };
  }
}
