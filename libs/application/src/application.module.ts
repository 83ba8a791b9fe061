import { join } from 'node:path';
import { Inject, Injectable, type DynamicModule, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { APP_SETTINGS, type AppSettings } from '#config';
import { WorkingDayCalendar } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  allProjections,
  CASES_PROJECTION,
  CaseListReadModel,
  CaseMembershipReadModel,
  DeadlineBookReadModel,
  DirectoryReadModel,
  ReadModels,
  WorkQueueReadModel,
} from '#projections';
import { createCalendar } from './calendar.js';
import { CLOCK, type Clock, SettableClock, SystemClock } from './clock.js';
import { COMMAND_OBSERVER, type CommandObserver, NO_OBSERVER } from './command-observer.js';
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
import { toDisputeMachineEvent } from './recorded-events.js';
import { AnnualReportQueries } from './report/annual-report.queries.js';
import { REPORT_PROVIDERS } from './report/report.providers.js';
import { DeadlineScheduler, type DeadlineSchedulerOptions } from './scheduler/deadline-scheduler.js';

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

/** The read models the application keeps, built as it builds them (a consistency check rebuilds the same). */
export const applicationProjections = () => allProjections({ readDisputeEvent: (event) => toDisputeMachineEvent(event), calendar: createCalendar() });

export interface ApplicationExtras {
  /** Replaces the default (no-op) metrics observer of the write path. */
  readonly observer?: Provider;
  /** The deadline scheduler's interval (default 30 s; 0: one run at start only) and catch-up wait. */
  readonly scheduler?: DeadlineSchedulerOptions;
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
        useFactory: (store: EventStore) => new ReadModels(store, settings.dataDir, applicationProjections()),
        inject: [EVENT_STORE],
      },
      {
        provide: CaseListReadModel,
        useFactory: (readModels: ReadModels) => new CaseListReadModel(() => readModels.db(CASES_PROJECTION)),
        inject: [ReadModels],
      },
      {
        provide: WorkQueueReadModel,
        useFactory: (readModels: ReadModels) => new WorkQueueReadModel(() => readModels.db(CASES_PROJECTION)),
        inject: [ReadModels],
      },
      {
        provide: DeadlineBookReadModel,
        useFactory: (readModels: ReadModels) => new DeadlineBookReadModel(() => readModels.db(CASES_PROJECTION)),
        inject: [ReadModels],
      },
      { provide: ReadYourWrites, useFactory: (readModels: ReadModels) => new ReadYourWrites(readModels), inject: [ReadModels] },
      {
        provide: DisputeListQueries,
        useFactory: (cases: CaseListReadModel, ryw: ReadYourWrites, clock: Clock, calendar: WorkingDayCalendar) =>
          new DisputeListQueries(cases, ryw, clock, calendar),
        inject: [CaseListReadModel, ReadYourWrites, CLOCK, WorkingDayCalendar],
      },
      {
        provide: WorkQueueQueries,
        useFactory: (queue: WorkQueueReadModel, ryw: ReadYourWrites, clock: Clock, calendar: WorkingDayCalendar) =>
          new WorkQueueQueries(queue, ryw, clock, calendar),
        inject: [WorkQueueReadModel, ReadYourWrites, CLOCK, WorkingDayCalendar],
      },
      { provide: ProjectionAdmin, useFactory: (readModels: ReadModels) => new ProjectionAdmin(readModels), inject: [ReadModels] },
      {
        provide: DeadlineScheduler,
        useFactory: (
          commands: CommandBus,
          readModels: ReadModels,
          book: DeadlineBookReadModel,
          store: EventStore,
          clock: Clock,
          calendar: WorkingDayCalendar,
        ) => new DeadlineScheduler(commands, readModels, book, store, clock, calendar, extras.scheduler),
        inject: [CommandBus, ReadModels, DeadlineBookReadModel, EVENT_STORE, CLOCK, WorkingDayCalendar],
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
        useFactory: (store: EventStore, repository: DisputeRepository, clock: Clock, directory: DirectoryReadModel) =>
          new DisputeQueries(store, repository, clock, new DirectoryNames(directory)),
        inject: [EVENT_STORE, DisputeRepository, CLOCK, DirectoryReadModel],
      },
      {
        provide: DirectoryService,
        useFactory: (store: EventStore, readModels: ReadModels, directory: DirectoryReadModel, clock: Clock) =>
          new DirectoryService(store, readModels, directory, clock),
        inject: [EVENT_STORE, ReadModels, DirectoryReadModel, CLOCK],
      },
      {
        provide: CaseMembershipReadModel,
        useFactory: (readModels: ReadModels) => new CaseMembershipReadModel(() => readModels.db(CASES_PROJECTION)),
        inject: [ReadModels],
      },
      {
        provide: DirectoryQueries,
        useFactory: (directory: DirectoryReadModel, cases: CaseMembershipReadModel, ryw: ReadYourWrites) => new DirectoryQueries(directory, cases, ryw),
        inject: [DirectoryReadModel, CaseMembershipReadModel, ReadYourWrites],
      },
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
