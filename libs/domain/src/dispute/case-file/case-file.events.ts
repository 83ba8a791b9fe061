import { type NoteVisibility } from '../vocabulary.js';

/** What anyone who may see the case adds to its file, at any stage. */
export interface CaseFileEvents {
  NoteAdded: { readonly noteId: string; readonly text: string; readonly visibility: NoteVisibility };
  EvidenceAdded: {
    readonly evidenceId: string;
    readonly filename: string;
    readonly contentType: string;
    readonly sha256: string;
    readonly size: number;
  };
  LessonRecorded: { readonly lessonId: string; readonly lesson: string; readonly clause: string | null };
}
