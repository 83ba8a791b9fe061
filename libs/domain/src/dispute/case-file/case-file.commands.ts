import { type CommandTable, sentBy } from '../command-rule.js';
import { invalid, optionalClause, requireOneOf, requireText } from '../input-checks.js';
import { NOTE_VISIBILITIES, type NoteVisibility } from '../vocabulary.js';
import { mayParticipate, mayRecordLesson } from './case-file.rules.js';

/** Evidence is stored once by its SHA-256; the case keeps only what identifies it. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/** What adding to the case file asks for, in the words of api.md. */
export interface CaseFileCommands {
  'add-note': { readonly text: string; readonly visibility?: NoteVisibility };
  /** The application stores the bytes by hash; the case records only what identifies them. */
  'add-evidence': { readonly filename: string; readonly contentType: string; readonly sha256: string; readonly size: number };
  'record-lesson': { readonly lesson: string; readonly clause?: string | null };
}

export const CASE_FILE_COMMANDS: CommandTable<CaseFileCommands> = {
  'add-note': {
    events: ['NoteAdded'],
    summary: 'Add a note to the case file',
    who: sentBy('anyone who may see the case, but auditors', mayParticipate),
    decide: (c, p) => [
      {
        type: 'NoteAdded',
        data: {
          noteId: `N${c.notes.length + 1}`,
          text: requireText(p.text, 'text'),
          visibility: p.visibility === undefined ? 'parties' : requireOneOf(p.visibility, NOTE_VISIBILITIES, 'visibility'),
        },
      },
    ],
  },

  /** The one check of an upload's size: the application only decodes and hashes it, and stores it once this has passed. */
  'add-evidence': {
    events: ['EvidenceAdded'],
    summary: 'Add evidence to the case file (stored by SHA-256; 10 MB at most)',
    who: sentBy('anyone who may see the case, but auditors', mayParticipate),
    decide(c, p) {
      if (!SHA256.test(p.sha256)) invalid('sha256', 'must be a lower-case hex SHA-256');
      if (!Number.isInteger(p.size) || p.size < 0 || p.size > MAX_EVIDENCE_BYTES) invalid('contentBase64', 'must be at most 10 MB');
      return [
        {
          type: 'EvidenceAdded',
          data: {
            evidenceId: `E${c.evidence.length + 1}`,
            filename: requireText(p.filename, 'filename'),
            contentType: requireText(p.contentType, 'contentType'),
            sha256: p.sha256,
            size: p.size,
          },
        },
      ];
    },
  },

  'record-lesson': {
    events: ['LessonRecorded'],
    summary: 'Record a lesson learned',
    who: sentBy('secretariat, chair, mediator, panelist', mayRecordLesson),
    decide: (c, p) => [
      {
        type: 'LessonRecorded',
        data: { lessonId: `L${c.lessons.length + 1}`, lesson: requireText(p.lesson, 'lesson'), clause: optionalClause(p.clause, 'clause') },
      },
    ],
  },
};
