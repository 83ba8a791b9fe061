import { casesProjection } from './cases/cases.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { type Projection } from './projection.js';

/** Every read model the application keeps: the directory, and the cases (list, deadline book, work queue). */
export function allProjections(): readonly Projection[] {
  return [directoryProjection, casesProjection];
}
