import { type CommandExamples } from '../testing/command-examples.js';
import { NOTE_VISIBILITIES } from '../vocabulary.js';
import { type CaseFileCommands } from './case-file.commands.js';

export const CASE_FILE_EXAMPLES: CommandExamples<CaseFileCommands> = {
  'add-note': {
    valid: { text: 'Called the council officer' },
    plausible: ({ bad, variant: v }) => ({ text: bad ? '' : 'A note', visibility: NOTE_VISIBILITIES[v % 2] }),
  },
  'add-evidence': {
    valid: { filename: 'letter.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64), size: 1024 },
    plausible: ({ bad }) => ({ filename: 'f.pdf', contentType: 'application/pdf', sha256: 'b'.repeat(64), size: bad ? 10 * 1024 * 1024 + 1 : 100 }),
  },
  'record-lesson': {
    valid: { lesson: 'Check notice periods before budget decisions', clause: '3.2' },
    plausible: ({ bad, variant: v }) => ({ lesson: bad ? '' : 'A lesson', clause: v % 2 === 0 ? null : '3.4' }),
  },
};
