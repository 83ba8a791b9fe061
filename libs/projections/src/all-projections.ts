import { directoryProjection } from './directory/directory.projection.js';
import { type Projection } from './projection.js';

/** Every read model the application keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = [directoryProjection];
