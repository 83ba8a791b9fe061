import { type WorkingDayCalendar } from '#domain';
import { createCasesProjection, type DisputeEventReader } from './cases/cases.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { type Projection } from './projection.js';
import { createReportProjection } from './report/report.projection.js';

export interface ProjectionServices {
  /** The application's reader of stored case events (metadata and upcasting). */
  readonly readDisputeEvent: DisputeEventReader;
  /** Counts the report's working days (England and Wales). */
  readonly calendar: WorkingDayCalendar;
}

/** Every read model the application keeps: the directory, the cases (list, deadline book, work queue), the annual report. */
export function allProjections(services: ProjectionServices): readonly Projection[] {
  return [directoryProjection, createCasesProjection(services.readDisputeEvent), createReportProjection(services.readDisputeEvent, services.calendar)];
}
