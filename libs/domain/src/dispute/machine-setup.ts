import { setup } from 'xstate';
import { actionsActions, actionsGuards } from './actions/actions.machine.js';
import { caseFileActions, caseFileGuards } from './case-file/case-file.machine.js';
import { cdgActions, cdgGuards } from './cdg/cdg.machine.js';
import { clocksActions, clocksGuards } from './clocks/clocks.machine.js';
import { closureActions, closureGuards } from './closure/closure.machine.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeMachineEvent } from './dispute-events.js';
import { formalActions, formalGuards } from './formal/formal.machine.js';
import { type DisputeStateMeta } from './machine-kit.js';
import { raisingActions, raisingGuards } from './raising/raising.machine.js';
import { sharedActions, sharedGuards } from './shared.machine.js';

/**
 * Every stage's named guards and actions in one setup: each stage's states (`*.states.ts`) are
 * written against it, and dispute-machine.ts puts them together into the one machine.
 */
export const disputeSetup = setup({
  types: { context: {} as DisputeContext, events: {} as DisputeMachineEvent, meta: {} as DisputeStateMeta },
  guards: {
    ...sharedGuards,
    ...raisingGuards,
    ...formalGuards,
    ...cdgGuards,
    ...actionsGuards,
    ...clocksGuards,
    ...closureGuards,
    ...caseFileGuards,
  },
  actions: {
    ...sharedActions,
    ...raisingActions,
    ...formalActions,
    ...cdgActions,
    ...actionsActions,
    ...clocksActions,
    ...closureActions,
    ...caseFileActions,
  },
});
