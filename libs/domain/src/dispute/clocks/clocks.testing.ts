import { type CommandExamples } from '../testing/command-examples.js';
import { type ClocksCommands } from './clocks.commands.js';

export const CLOCKS_EXAMPLES: CommandExamples<ClocksCommands> = {
  suspend: {
    valid: { reason: 'Budget review under way', workingDays: 20, consentFrom: ['charity', 'council'] },
    plausible: ({ bad, variant: v, pick, c, parties }) => ({
      reason: 'Talks',
      workingDays: bad ? 41 : 1 + (pick % 40),
      consentFrom: bad ? [c.complainantId] : parties,
      // Once a panel is appointed its chair consents too; variant 7 forgets (a 400).
      ...(c.panel !== null && v !== 7 ? { panelChairConsent: true } : {}),
    }),
  },
  resume: { valid: {}, plausible: () => ({}) },
  'extend-deadline': {
    valid: { workingDays: 5, reason: 'Both sides need the papers', consentFrom: ['charity', 'council'] },
    plausible: ({ bad, pick, parties }) => ({ workingDays: bad ? 0 : 1 + (pick % 20), reason: 'Both agree', consentFrom: parties }),
  },
  'record-missed-deadline': {
    valid: { deadlineId: 'acknowledgement-1' },
    plausible: ({ c, nth }) => ({
      deadlineId: nth(
        c.deadlines.filter((d) => d.status === 'open').map((d) => d.id),
        nth(
          c.deadlines.map((d) => d.id),
          'acknowledgement-1',
        ),
      ),
    }),
  },
};
