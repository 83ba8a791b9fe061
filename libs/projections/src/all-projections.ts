import { createCasesProjection, type DisputeEventReader } from './cases/cases.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { type Projection } from './projection.js';

export interface ProjectionServices {
  /** The application's reader of stored case events (metadata and upcasting). */
  readonly readDisputeEvent: DisputeEventReader;
}

/** Every read model the application keeps: the directory, and the cases (list, deadline book, work queue). */
export function allProjections(services: ProjectionServices): readonly Projection[] {
  return [directoryProjection, createCasesProjection(services.readDisputeEvent)];
}
