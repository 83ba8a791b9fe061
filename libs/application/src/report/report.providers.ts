import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { WorkingDayCalendar } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ReadModels } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { GetAnnualReportHandler } from './annual-report.messages.js';
import { AnnualReportQueries } from './annual-report.queries.js';

@Injectable()
class ReportLifecycle implements OnApplicationShutdown {
  constructor(@Inject(AnnualReportQueries) private readonly reports: AnnualReportQueries) {}
  onApplicationShutdown(): Promise<void> {
    return this.reports.close();
  }
}

/** The annual report's pieces, registered by the ApplicationModule. */
export const REPORT_PROVIDERS: Provider[] = [
  {
    provide: AnnualReportQueries,
    useFactory: (readModels: ReadModels, store: EventStore, clock: Clock, calendar: WorkingDayCalendar) => new AnnualReportQueries(readModels, store, clock, calendar),
    inject: [ReadModels, EVENT_STORE, CLOCK, WorkingDayCalendar],
  },
  GetAnnualReportHandler,
  ReportLifecycle,
];
