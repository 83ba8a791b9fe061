import { type CommandExamples } from '../testing/command-examples.js';
import { type RaisingCommands } from './raising.commands.js';

export const RAISING_EXAMPLES: CommandExamples<RaisingCommands> = {
  raise: {
    valid: {
      caseId: 'case-1',
      respondentIds: ['council'],
      clauses: ['3.2'],
      summary: 'Grant cut without notice',
      details: 'The council cut our grant with four weeks notice.',
      desiredOutcome: 'Reinstate the grant for 12 weeks',
    },
    plausible: () => ({ caseId: 'case-x', respondentIds: ['council'], clauses: ['3.2'], summary: 's', details: 'd', desiredOutcome: 'o' }),
  },
  acknowledge: { valid: {}, plausible: () => ({}) },
};
