import { assertEvent } from 'xstate';
import { type Guard, update } from '../machine-kit.js';
import { mayParticipate, mayRecordLesson } from './case-file.rules.js';

export const caseFileGuards = {
  participant: (({ context, event }) => mayParticipate(context, event.actor)) satisfies Guard,
  lessonAuthor: (({ context, event }) => mayRecordLesson(context, event.actor)) satisfies Guard,
};

export const caseFileActions = {
  addNote: update((c, e) => {
    assertEvent(e, 'NoteAdded');
    return { notes: [...c.notes, { ...e.data, byPersonId: e.actor.personId, at: e.at }] };
  }),
  addEvidence: update((c, e) => {
    assertEvent(e, 'EvidenceAdded');
    return { evidence: [...c.evidence, { ...e.data, byPersonId: e.actor.personId, at: e.at }] };
  }),
  recordLesson: update((c, e) => {
    assertEvent(e, 'LessonRecorded');
    return { lessons: [...c.lessons, { ...e.data, at: e.at }] };
  }),
};
