import { type NoteVisibility } from '../vocabulary.js';

export interface Note {
  readonly noteId: string;
  readonly text: string;
  readonly visibility: NoteVisibility;
  readonly byPersonId: string;
  readonly at: string;
}

export interface Evidence {
  readonly evidenceId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly size: number;
  readonly byPersonId: string;
  readonly at: string;
}

export interface Lesson {
  readonly lessonId: string;
  readonly lesson: string;
  readonly clause: string | null;
  readonly at: string;
}

/** The case file: notes, evidence (by content hash) and lessons learned, with who added each and when. */
export interface CaseFileContext {
  readonly notes: readonly Note[];
  readonly evidence: readonly Evidence[];
  readonly lessons: readonly Lesson[];
}

export const EMPTY_CASE_FILE: CaseFileContext = { notes: [], evidence: [], lessons: [] };
