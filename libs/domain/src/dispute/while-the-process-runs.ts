import { COMPLAINANT_AGREES } from './actions/actions.states.js';
import { SUSPENSION_AND_EXTENSION } from './clocks/clocks.states.js';
import { WITHDRAWAL } from './closure/closure.states.js';

/** Open to the parties and the secretariat at every step of stages 1–3. */
export const WHILE_THE_PROCESS_RUNS = { ...WITHDRAWAL, ...SUSPENSION_AND_EXTENSION } as const;

/** At stages 1 and 2 the parties settle it between them: the complainant records what they agreed. */
export const WHILE_THE_PARTIES_TALK = { ...COMPLAINANT_AGREES, ...WHILE_THE_PROCESS_RUNS } as const;
