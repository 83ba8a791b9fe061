import { type CommandExamples } from '../testing/command-examples.js';
import { EXTERNAL_BODIES, REOPENING_GROUNDS, WITHDRAWAL_REASONS } from '../vocabulary.js';
import { type ClosureCommands } from './closure.commands.js';

export const CLOSURE_EXAMPLES: CommandExamples<ClosureCommands> = {
  withdraw: {
    valid: { reasonCode: 'resolved-outside' },
    plausible: ({ bad, variant: v }) => ({ reasonCode: WITHDRAWAL_REASONS[v % 3], reason: bad ? null : 'Reason' }),
  },
  'refer-externally': {
    valid: { body: 'local-government-ombudsman', reference: 'LGO/26/001' },
    plausible: ({ variant: v }) => ({ body: v === 0 ? 'independent-mediation' : EXTERNAL_BODIES[v % 5], reference: v % 2 === 0 ? null : 'REF-1' }),
  },
  'record-external-outcome': {
    valid: { outcome: 'Ombudsman found maladministration' },
    plausible: ({ bad }) => ({ outcome: bad ? '' : 'Outcome reported' }),
  },
  'request-reopening': {
    valid: { grounds: 'new-evidence', reason: 'Minutes show the decision was made earlier' },
    plausible: ({ bad, variant: v }) => ({ grounds: v === 0 ? 'new-evidence' : REOPENING_GROUNDS[v % 3], reason: bad ? '' : 'New papers' }),
  },
  'decide-reopening': {
    valid: { granted: true, reason: 'The minutes are material' },
    plausible: ({ bad, variant: v }) => ({ granted: v % 2 === 0, reason: bad ? '' : 'Decision' }),
  },
};
