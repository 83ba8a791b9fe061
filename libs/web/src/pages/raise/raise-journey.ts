import { type CheckableClause } from '#domain';
import { TEXT } from '#http';
import { type FormField } from '../forms/form-fields.js';

/** One page of the journey: its fields, where the engine's field names point to it. */
export interface RaiseStep {
  readonly slug: string;
  readonly title: string;
  readonly intro?: string;
  readonly fields: readonly FormField[];
  /** Only when the dispute cites one of these clauses (the clause checks read these dates). */
  readonly forClauses?: readonly CheckableClause[];
}

const date = (name: string, label: string, hint?: string): FormField => ({ name, label, kind: 'date', optional: true, hint: hint ?? 'For example, 27 3 2026', errorName: 'the date' });

/**
 * Raising a dispute, one question at a time (a GOV.UK "journey"): who it is against, which
 * undertakings of the Compact, what happened, whether it is urgent, and the dates the 3.2 and 3.4
 * checks read; then the answers to check before sending. The answers wait in the session; the
 * body they make is POST /disputes's, validated by its DTO at every step (each page shows the
 * errors of its own fields) and decided by the engine at the end.
 */
export const RAISE_STEPS: readonly RaiseStep[] = [
  {
    slug: 'respondents',
    title: 'Who is the dispute with?',
    intro: 'Choose the organisations your dispute is with. They must be signatories of the Compact.',
    fields: [{ name: 'respondentIds', label: 'Who is the dispute with?', kind: 'checkboxes', choices: 'other-organisations', errorName: 'an organisation' }],
  },
  {
    slug: 'clauses',
    title: 'Which Compact undertakings are not being kept?',
    intro: 'Choose every undertaking your dispute is about. Clauses 3.2 (12 weeks’ notice) and 3.4 (12-week consultations) are checked against dates you give later.',
    fields: [{ name: 'clauses', label: 'Which Compact undertakings are not being kept?', kind: 'checkboxes', choices: 'clause-list', errorName: 'an undertaking' }],
  },
  {
    slug: 'about',
    title: 'About the dispute',
    fields: [
      { name: 'summary', label: 'Summary', errorName: 'a summary', hint: 'One line that names the dispute, for example “Grant cut with four weeks’ notice”', kind: 'text' },
      { name: 'details', label: 'What happened?', errorName: 'what happened', hint: 'Say what was done or not done, when, and how it affects the people you serve.', kind: 'textarea', maxLength: TEXT.long },
      { name: 'desiredOutcome', label: 'What do you want to happen?', errorName: 'what you want to happen', kind: 'textarea', maxLength: TEXT.medium },
    ],
  },
  {
    slug: 'urgency',
    title: 'Is it urgent?',
    intro:
      'If the change you dispute takes effect within 12 weeks, you can ask for the urgent track: the informal stage is skipped, the dispute starts as a formal complaint, and every deadline is halved.',
    fields: [
      { name: 'urgent', label: 'Do you want the urgent track?', errorName: 'whether you want the urgent track', kind: 'yes-no', yesNo: ['Yes, the change takes effect within 12 weeks', 'No'] },
      date('changeEffective', 'When does (or did) the change take effect?', 'Needed for the urgent track, and for the 12 weeks’ notice check (3.2). For example, 27 3 2026'),
    ],
  },
  {
    slug: 'notice',
    title: 'Notice of the change (clause 3.2)',
    intro: 'Clause 3.2 promises at least 12 weeks’ notice of a change to a grant or contract, unless both sides agree to less. The engine checks the dates you give.',
    forClauses: ['3.2'],
    fields: [
      date('noticeReceived', 'When did you receive notice of the change?'),
      { name: 'shorterNoticeAgreed', label: 'Did both sides agree in writing to shorter notice?', kind: 'yes-no', optional: true },
    ],
  },
  {
    slug: 'consultation',
    title: 'The consultation (clause 3.4)',
    intro: 'Clause 3.4 promises at least 12 weeks for a consultation wherever possible; a shorter one needs a recorded reason.',
    forClauses: ['3.4'],
    fields: [
      date('consultationOpened', 'When did you receive the consultation materials?'),
      date('consultationClosed', 'When did (or will) the consultation close?'),
      { name: 'shorterConsultationReason', label: 'The reason recorded for a shorter consultation', kind: 'textarea', maxLength: TEXT.medium, optional: true },
    ],
  },
];

/** The fields that go into `dates`, as POST /disputes nests them. */
export const DATE_FIELDS = ['noticeReceived', 'changeEffective', 'shorterNoticeAgreed', 'consultationOpened', 'consultationClosed', 'shorterConsultationReason'] as const;

/** The step that asks for a body field (`dates.noticeReceived` → notice), so an error can send you there. */
export function stepOfField(field: string): RaiseStep | undefined {
  const name = field.replace(/^dates\./, '').split('.')[0] ?? '';
  return RAISE_STEPS.find((s) => s.fields.some((f) => f.name === name));
}

/** The steps this dispute goes through: the 3.2 and 3.4 pages only when it cites those clauses. */
export function stepsFor(clauses: readonly string[]): RaiseStep[] {
  return RAISE_STEPS.filter((s) => s.forClauses === undefined || s.forClauses.some((c) => clauses.includes(c)));
}
