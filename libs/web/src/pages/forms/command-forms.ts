import { type Type } from '@nestjs/common';
import {
  AddEvidenceDto,
  AddNoteDto,
  AgreeResolutionDto,
  AppointMediatorDto,
  AppointPanelDto,
  ChooseRouteDto,
  CompleteActionDto,
  DecideReopeningDto,
  DeclareConflictDto,
  EmptyBodyDto,
  EndMediationDto,
  ExtendDeadlineDto,
  ExtendResponseDeadlineDto,
  IssueFindingsDto,
  LodgeFormalDto,
  ObjectToAppointmentDto,
  RecordExternalOutcomeDto,
  RecordHearingDto,
  RecordLessonDto,
  RecordSessionDto,
  ReferExternallyDto,
  ReferToCdgDto,
  RequestReopeningDto,
  RespondDto,
  RespondToFindingsDto,
  RuleOnObjectionDto,
  SuspendDto,
  TEXT,
  VaryActionDto,
  WithdrawDto,
} from '#http';
import { type PageCommandName } from '../cases/case-words.js';
import { type Choice, type FormField } from './form-fields.js';

/** One command's form: how it asks for the command's body. Its DTO (the API's own) validates the answers. */
export interface CommandForm {
  readonly title: string;
  readonly intro?: string;
  /** A warning shown above the button, for steps that cannot be undone. */
  readonly warning?: string;
  readonly submit: string;
  readonly dto: Type;
  readonly fields: readonly FormField[];
  /** The form uploads a file (multipart). */
  readonly upload?: boolean;
}

const choices = (...pairs: [string, string, string?][]): Choice[] => pairs.map(([value, text, hint]) => ({ value, text, ...(hint && { hint }) }));

/** Free text; `errorName` defaults to the label in lower case ("Enter your reasons"). */
const text = (max: number) => (name: string, label: string, hint?: string, optional = false): FormField => ({
  name,
  label,
  kind: 'textarea',
  maxLength: max,
  errorName: label.endsWith('?') ? 'your answer' : label.charAt(0).toLowerCase() + label.slice(1),
  ...(hint && { hint }),
  ...(optional && { optional }),
});
const longText = text(TEXT.long);
const mediumText = text(TEXT.medium);
const date = (name: string, label: string, hint = 'For example, 27 3 2026'): FormField => ({ name, label, kind: 'date', hint, errorName: 'the date' });
const consent = (hint: string): FormField => ({ name: 'consentFrom', label: 'Which parties consent?', kind: 'checkboxes', choices: 'parties', hint, errorName: 'a party that consents' });

/** An agreed action or recommendation, as each row of the list asks for it. */
const ACTION_ROW: readonly FormField[] = [
  { name: 'description', label: 'What is to be done', kind: 'text' },
  { name: 'ownerId', label: 'Who does it', kind: 'select', choices: 'organisations' },
  date('dueDate', 'Due by'),
  { name: 'clause', label: 'Compact clause it answers', kind: 'select', choices: 'clauses', optional: true },
];

export const COMMAND_FORMS: { readonly [K in PageCommandName]: CommandForm } = {
  acknowledge: {
    title: 'Acknowledge the dispute',
    intro: 'Acknowledging tells the complainant and the Compact Development Group that your organisation has received the dispute (or the formal complaint) and will take part. It does not mean you agree with it.',
    submit: 'Acknowledge',
    dto: EmptyBodyDto,
    fields: [],
  },
  'lodge-formal': {
    title: 'Make a formal complaint',
    intro: 'The dispute moves to the formal stage (stage 2): the respondent must acknowledge the complaint within 5 working days and send a written response within 20.',
    submit: 'Make the formal complaint',
    dto: LodgeFormalDto,
    fields: [longText('grounds', 'Why are you taking the dispute to the formal stage?', 'Say what was tried informally and why it has not resolved the dispute.')],
  },
  'extend-response-deadline': {
    title: 'Extend the response deadline',
    intro: 'Your organisation may extend the deadline for its written response once, by up to 10 working days, before the deadline passes.',
    submit: 'Extend the deadline',
    dto: ExtendResponseDeadlineDto,
    fields: [{ name: 'workingDays', label: 'How many working days more?', kind: 'number', hint: 'From 1 to 10' }, mediumText('reason', 'Why is more time needed?')],
  },
  respond: {
    title: 'Send the written response',
    intro: 'The complainant then has 20 working days to accept your response or refer the dispute to the Compact Development Group.',
    submit: 'Send the response',
    dto: RespondDto,
    fields: [longText('response', 'Your written response')],
  },
  'refer-to-cdg': {
    title: 'Refer the dispute to the Compact Development Group',
    intro: 'The dispute moves to stage 3. The secretariat checks the referral and the chair chooses mediation or a panel within 10 working days.',
    submit: 'Refer to the CDG',
    dto: ReferToCdgDto,
    fields: [mediumText('reason', 'Why are you referring the dispute?')],
  },
  'choose-route': {
    title: 'Choose the route',
    intro: 'Mediation needs every party’s agreement. The route is chosen once for each referral.',
    submit: 'Choose this route',
    dto: ChooseRouteDto,
    fields: [
      { name: 'route', label: 'Which route?', kind: 'radios', errorName: 'an answer', choices: choices(['mediation', 'Mediation', 'Every party must agree to it'], ['panel', 'A panel hearing', 'Three panel members hear both sides and issue findings']) },
      consent('For mediation, tick every party: each must have agreed.'),
      mediumText('reason', 'Your reasons', undefined, true),
    ],
  },
  'appoint-mediator': {
    title: 'Appoint a mediator',
    intro: 'Nobody may be appointed who belongs, or belonged in the last 12 months, to a party, or is the Compact lead councillor of a party authority: the engine refuses such an appointment and says why.',
    submit: 'Appoint',
    dto: AppointMediatorDto,
    fields: [{ name: 'personId', label: 'Who will mediate?', kind: 'radios', errorName: 'an answer', choices: 'mediators' }],
  },
  'appoint-panel': {
    title: 'Appoint a panel',
    intro: 'Three different panel members: an independent chair who belongs to no signatory, one from a statutory body and one from the voluntary and community sector. Nobody with a conflict of interest may sit.',
    submit: 'Appoint the panel',
    dto: AppointPanelDto,
    fields: [
      { name: 'chairId', label: 'Panel chair', kind: 'select', choices: 'panelists' },
      { name: 'statutoryMemberId', label: 'Member from a statutory body', kind: 'select', choices: 'panelists' },
      { name: 'vcsMemberId', label: 'Member from the voluntary and community sector', kind: 'select', choices: 'panelists' },
    ],
  },
  'declare-conflict': {
    title: 'Declare a conflict of interest',
    warning: 'You will stand down from this case and will not be appointed to it again.',
    submit: 'Declare and stand down',
    dto: DeclareConflictDto,
    fields: [mediumText('interest', 'What is your interest?')],
  },
  'object-to-appointment': {
    title: 'Object to an appointment',
    intro: 'A party may object within 5 working days of an appointment. The chair rules on the objection.',
    submit: 'Object',
    dto: ObjectToAppointmentDto,
    fields: [{ name: 'personId', label: 'Whose appointment?', kind: 'radios', errorName: 'an answer', choices: 'appointees' }, mediumText('grounds', 'Your grounds')],
  },
  'rule-on-objection': {
    title: 'Rule on an objection',
    submit: 'Record the ruling',
    dto: RuleOnObjectionDto,
    fields: [
      { name: 'personId', label: 'Which objection?', kind: 'radios', errorName: 'an answer', choices: 'pending-objections' },
      { name: 'upheld', label: 'Is the objection upheld?', kind: 'yes-no', errorName: 'an answer', yesNo: ['Yes: the appointee stands down', 'No: the appointment stands'] },
      mediumText('reason', 'Your reasons'),
    ],
  },
  'record-session': {
    title: 'Record a mediation session',
    submit: 'Record the session',
    dto: RecordSessionDto,
    fields: [date('heldOn', 'When was it held?'), { name: 'attendees', label: 'Who attended?', kind: 'lines', hint: 'One person or organisation on each line' }, longText('summary', 'What happened')],
  },
  'end-mediation': {
    title: 'End mediation without agreement',
    warning: 'The case goes back to the Compact Development Group, which appoints a panel.',
    submit: 'End mediation',
    dto: EndMediationDto,
    fields: [longText('summary', 'Why is mediation ending?')],
  },
  'record-hearing': {
    title: 'Record the panel hearing',
    intro: 'The panel then has 10 working days to issue its findings.',
    submit: 'Record the hearing',
    dto: RecordHearingDto,
    fields: [date('heldOn', 'When was it held?'), longText('summary', 'What was heard')],
  },
  'issue-findings': {
    title: 'Issue the panel’s findings',
    intro: 'Each party then accepts, partly accepts or declines the findings within 20 working days. A recommendation becomes an agreed action when its owner accepts it.',
    submit: 'Issue the findings',
    dto: IssueFindingsDto,
    fields: [
      { name: 'finding', label: 'The panel’s finding', kind: 'radios', errorName: 'an answer', choices: choices(['upheld', 'Upheld'], ['partly-upheld', 'Partly upheld'], ['not-upheld', 'Not upheld']) },
      longText('findings', 'The findings, in words'),
      { name: 'recommendations', label: 'Recommendations', kind: 'rows', rowFields: ACTION_ROW, rowLabel: 'Recommendation', optional: true },
    ],
  },
  'respond-to-findings': {
    title: 'Respond to the findings',
    intro: 'Comply or explain: accept the findings, or give your reasons for accepting them only in part or declining them.',
    submit: 'Send the response',
    dto: RespondToFindingsDto,
    fields: [
      { name: 'response', label: 'Your response', kind: 'radios', errorName: 'an answer', choices: choices(['accept', 'Accept'], ['partly-accept', 'Partly accept'], ['decline', 'Decline']) },
      longText('reasons', 'Your reasons', 'Needed unless you accept', true),
    ],
  },
  'agree-resolution': {
    title: 'Record an agreed resolution',
    intro: 'The terms the parties agreed, with any actions someone must carry out. With no actions, the case closes as resolved.',
    submit: 'Record the resolution',
    dto: AgreeResolutionDto,
    fields: [longText('terms', 'The terms agreed'), { name: 'actions', label: 'Agreed actions', kind: 'rows', rowFields: ACTION_ROW, rowLabel: 'Action', optional: true }],
  },
  'complete-action': {
    title: 'Record an agreed action as done',
    submit: 'Record as done',
    dto: CompleteActionDto,
    fields: [{ name: 'actionId', label: 'Which action?', kind: 'radios', errorName: 'an answer', choices: 'open-actions' }, mediumText('evidence', 'What shows it was done?', undefined, true)],
  },
  'vary-action': {
    title: 'Change an agreed action',
    submit: 'Change the action',
    dto: VaryActionDto,
    fields: [
      { name: 'actionId', label: 'Which action?', kind: 'radios', errorName: 'an answer', choices: 'open-actions' },
      { ...date('dueDate', 'New due date'), optional: true },
      { name: 'description', label: 'New description', kind: 'text', optional: true },
      mediumText('reason', 'Why does it change?'),
    ],
  },
  suspend: {
    title: 'Suspend the case',
    intro: 'Every party must consent, and once a panel is appointed the panel chair too. The clocks pause for at most 40 working days at a time; the case then returns to its step with the working days it had left.',
    submit: 'Suspend',
    dto: SuspendDto,
    fields: [
      mediumText('reason', 'Why is the case suspended?'),
      { name: 'workingDays', label: 'For how many working days?', kind: 'number', hint: 'From 1 to 40' },
      consent('Tick every party that consents.'),
      { name: 'panelChairConsent', label: 'Has the panel chair consented?', kind: 'yes-no', optional: true, hint: 'Only once a panel is appointed', yesNo: ['Yes', 'No'] },
    ],
  },
  resume: { title: 'Resume the case', intro: 'The clocks start again with the working days they had left.', submit: 'Resume', dto: EmptyBodyDto, fields: [] },
  'extend-deadline': {
    title: 'Extend the current deadline',
    intro: 'The current step’s deadline moves by the working days every party agreed to.',
    submit: 'Extend',
    dto: ExtendDeadlineDto,
    fields: [{ name: 'workingDays', label: 'How many working days more?', kind: 'number' }, mediumText('reason', 'Why?'), consent('Tick every party that consents.')],
  },
  withdraw: {
    title: 'Withdraw the dispute',
    warning: 'The case closes as withdrawn. Nothing is deleted.',
    submit: 'Withdraw the dispute',
    dto: WithdrawDto,
    fields: [
      { name: 'reasonCode', label: 'Why are you withdrawing?', kind: 'radios', errorName: 'an answer', choices: choices(['resolved-outside', 'It was resolved another way'], ['no-longer-relevant', 'It is no longer relevant'], ['other', 'Another reason']) },
      mediumText('reason', 'In your own words', undefined, true),
    ],
  },
  'refer-externally': {
    title: 'Refer the dispute to an outside body',
    intro: 'The Local Government Ombudsman takes complaints about councils (not parish or town councils); the health ombudsman about NHS bodies.',
    submit: 'Refer',
    dto: ReferExternallyDto,
    fields: [
      {
        name: 'body',
        label: 'Where is it going?',
        kind: 'radios',
        choices: choices(
          ['local-government-ombudsman', 'The Local Government Ombudsman'],
          ['health-ombudsman', 'The Parliamentary and Health Service Ombudsman'],
          ['independent-mediation', 'Independent mediation'],
          ['legal-advice', 'Legal advice'],
          ['other', 'Somewhere else'],
        ),
      },
      { name: 'reference', label: 'Their reference', kind: 'text', optional: true },
    ],
  },
  'record-external-outcome': { title: 'Record the outside body’s decision', submit: 'Record', dto: RecordExternalOutcomeDto, fields: [longText('outcome', 'What did they decide?')] },
  'request-reopening': {
    title: 'Ask to reopen the case',
    intro: 'Within 60 working days of closure, or of a missed action’s due date. The chair decides within 10 working days. A case is reopened once at most.',
    submit: 'Ask to reopen',
    dto: RequestReopeningDto,
    fields: [
      { name: 'grounds', label: 'On what grounds?', kind: 'radios', errorName: 'an answer', choices: choices(['action-not-delivered', 'An agreed action was not delivered'], ['new-evidence', 'There is new evidence'], ['procedural-defect', 'The process was not followed']) },
      mediumText('reason', 'Explain'),
    ],
  },
  'decide-reopening': {
    title: 'Decide on reopening',
    submit: 'Record the decision',
    dto: DecideReopeningDto,
    fields: [{ name: 'granted', label: 'Is the case reopened?', kind: 'yes-no', errorName: 'an answer', yesNo: ['Yes: it resumes at the stage it closed in', 'No: it stays closed'] }, mediumText('reason', 'Your reasons')],
  },
  'add-note': {
    title: 'Add a note',
    submit: 'Add the note',
    dto: AddNoteDto,
    fields: [
      longText('text', 'Note'),
      {
        name: 'visibility',
        label: 'Who may read it?',
        kind: 'radios',
        optional: true,
        choices: choices(['parties', 'Everyone who can see the case'], ['cdg', 'The Compact Development Group only', 'The parties will not see it, and neither will you if you are a party']),
      },
    ],
  },
  'add-evidence': {
    title: 'Add evidence',
    intro: 'A letter, an email, minutes or any other file up to 10 MB. Everyone who can see the case can download it.',
    submit: 'Upload',
    dto: AddEvidenceDto,
    fields: [],
    upload: true,
  },
  'record-lesson': {
    title: 'Record a lesson learned',
    intro: 'Lessons are listed, by clause, in the Compact’s annual report.',
    submit: 'Record the lesson',
    dto: RecordLessonDto,
    fields: [longText('lesson', 'The lesson'), { name: 'clause', label: 'Which Compact clause is it about?', kind: 'select', choices: 'clauses', optional: true }],
  },
};
