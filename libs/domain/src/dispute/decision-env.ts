import { type WorkingDayCalendar } from '../calendar/index.js';
import { type DirectoryLookup } from '../directory/directory-lookup.js';
import { type Actor } from '../shared/actor.js';

/** Everything a decision may read besides the case: the time and actor come in with the command. */
export interface DecisionEnv {
  readonly at: string;
  readonly actor: Actor;
  readonly calendar: WorkingDayCalendar;
  readonly directory: DirectoryLookup;
}
