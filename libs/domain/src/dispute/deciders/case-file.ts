import { type DecisionEnv } from '../decision-env.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { invalid, optionalClause, requireOneOf, requireText } from './input-checks.js';
import { NOTE_VISIBILITIES } from '../vocabulary.js';

type C = DisputeContext;

/** Evidence is stored once by its SHA-256; the case keeps only what identifies it. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export const decideAddNote = (c: C, p: DisputeCommandMap['add-note'], _env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'NoteAdded',
    data: {
      noteId: `N${c.notes.length + 1}`,
      text: requireText(p.text, 'text'),
      visibility: p.visibility === undefined ? 'parties' : requireOneOf(p.visibility, NOTE_VISIBILITIES, 'visibility'),
    },
  },
];

export function decideAddEvidence(c: C, p: DisputeCommandMap['add-evidence'], _env: DecisionEnv): DisputeEvent[] {
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
}

export const decideRecordLesson = (c: C, p: DisputeCommandMap['record-lesson'], _env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'LessonRecorded',
    data: { lessonId: `L${c.lessons.length + 1}`, lesson: requireText(p.lesson, 'lesson'), clause: optionalClause(p.clause, 'clause') },
  },
];
