import { actionsOpen } from './actions/actions.states.js';
import { CASE_FILE } from './case-file/case-file.states.js';
import { afterFindings, cdg } from './cdg/cdg.states.js';
import { MISSED_DEADLINES, suspended } from './clocks/clocks.states.js';
import { closed, closing } from './closure/closure.states.js';
import { EMPTY_CONTEXT } from './dispute-context.js';
import { formal } from './formal/formal.states.js';
import { disputeSetup } from './machine-setup.js';
import { informal, newCase } from './raising/raising.states.js';

/**
 * The section 6 process as one machine, put together from each stage's states (`*.states.ts`),
 * whose guards and actions are named in machine-setup.ts. It consumes past-tense facts (events)
 * with their actor and time, so the same machine decides a command (`can`) and replays a stream
 * (`transition`). Deadlines are data carried by events, never XState timers: timers are not
 * durable across replay. Each state's `meta` says what is owed in it (next-steps.ts).
 */
export const disputeMachine = disputeSetup.createMachine({
  id: 'dispute',
  initial: 'new',
  context: EMPTY_CONTEXT,
  on: { ...CASE_FILE, ...MISSED_DEADLINES },
  states: {
    new: newCase,
    informal,
    formal,
    cdg,
    afterFindings,
    actionsOpen,
    suspended,
    closing,
    closed,
  },
});

export type DisputeMachine = typeof disputeMachine;
