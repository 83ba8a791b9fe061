/** The case file is open at every stage, closed cases included, to those who may see the case. */
export const CASE_FILE = {
  NoteAdded: { guard: 'participant', actions: 'addNote' },
  EvidenceAdded: { guard: 'participant', actions: 'addEvidence' },
  LessonRecorded: { guard: 'lessonAuthor', actions: 'recordLesson' },
} as const;
