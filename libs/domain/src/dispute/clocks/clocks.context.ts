import { type StepName } from '../dispute-context.js';
import { type Deadline } from './deadline-rules.js';

/** What the case keeps of its clocks: every deadline it ever had, and its suspension. */
export interface ClocksContext {
  readonly deadlines: readonly Deadline[];
  /** While suspended: the step it returns to, and when the suspension began and ends. */
  readonly suspension: { readonly from: StepName; readonly suspendedOn: string; readonly until: string } | null;
  readonly suspensions: number;
  readonly extensions: number;
}

export const EMPTY_CLOCKS: ClocksContext = { deadlines: [], suspension: null, suspensions: 0, extensions: 0 };
