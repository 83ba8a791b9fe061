import { type CommandExamples } from '../testing/command-examples.js';
import { type ActionsCommands } from './actions.commands.js';

export const ACTIONS_EXAMPLES: CommandExamples<ActionsCommands> = {
  'agree-resolution': {
    valid: { terms: 'The council restores the grant', actions: [] },
    plausible: ({ variant: v, pick, actionInputs }) => ({ terms: 'Terms agreed', actions: actionInputs(v === 0 ? 0 : pick % 3) }),
  },
  'complete-action': {
    valid: { actionId: 'A1' },
    plausible: ({ bad, variant: v, org, openActions, openIds, nth }) => ({
      actionId: bad ? 'A99' : (openActions.find((a) => a.ownerId === org)?.actionId ?? nth(openIds, 'A1')),
      evidence: v % 2 === 0 ? null : 'Receipt',
    }),
  },
  'vary-action': {
    valid: { actionId: 'A1', dueDate: '2026-07-31', reason: 'Budget meeting moved' },
    plausible: ({ bad, variant: v, pick, openIds, nth, later }) => ({
      actionId: nth(openIds, 'A1'),
      dueDate: bad ? null : later(30 + (pick % 60)),
      description: v % 2 === 0 ? null : 'Reworded',
      reason: 'Circumstances changed',
    }),
  },
  'record-missed-action': {
    valid: { actionId: 'A1' },
    plausible: ({ openIds, nth }) => ({ actionId: nth(openIds, 'A1') }),
  },
};
