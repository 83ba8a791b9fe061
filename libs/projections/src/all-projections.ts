import { type WorkingDayCalendar } from '#domain';
import { casesProjection } from './cases/cases.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { type Projection } from './projection.js';
import { createReportProjection } from './report/report.projection.js';

export interface ProjectionServices {
  /** Counts the report's working days (England and Wales). */
  readonly calendar: WorkingDayCalendar;
}

/** Every read model the application keeps: the directory, the cases (list, deadline book, work queue), the annual report. */
export function allProjections(services: ProjectionServices): readonly Projection[] {
  return [directoryProjection, casesProjection, createReportProjection(services.calendar)];
}
