import { type CommandExamples } from '../testing/command-examples.js';
import { type FormalCommands } from './formal.commands.js';

export const FORMAL_EXAMPLES: CommandExamples<FormalCommands> = {
  'lodge-formal': {
    valid: { grounds: 'Informal discussion did not restore the grant' },
    plausible: ({ bad }) => ({ grounds: bad ? '' : 'Informal talks failed' }),
  },
  'extend-response-deadline': {
    valid: { workingDays: 10, reason: 'Cabinet only meets after the due date' },
    plausible: ({ bad, pick }) => ({ workingDays: bad ? 11 : 1 + (pick % 10), reason: 'Cabinet timing' }),
  },
  respond: {
    valid: { response: 'The notice period followed the funding policy' },
    plausible: ({ bad }) => ({ response: bad ? ' ' : 'Our written response' }),
  },
  'refer-to-cdg': {
    valid: { reason: 'The response does not deal with the 12 weeks notice' },
    plausible: ({ bad }) => ({ reason: bad ? '' : 'Still unresolved' }),
  },
};
