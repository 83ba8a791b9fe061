import { type DisputeCommandName, type Finding, type IsoDate } from '#domain';

/** One command of a demo story: its name in api.md's words and the body it sends. */
export interface DemoCommand {
  readonly name: DisputeCommandName;
  readonly payload: Record<string, unknown>;
}

export interface DemoActionInput {
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: IsoDate;
  readonly clause: string;
}

const command = (name: DisputeCommandName, payload: Record<string, unknown> = {}): DemoCommand => ({ name, payload });

/**
 * Every process command the demo sends, in one place: when the process rules change (who must
 * consent, which state allows what), this is the file to adapt, and the demo plan test names the
 * case, step and instant of anything that no longer fits.
 */
export const PROCESS_STEPS = {
  acknowledge: () => command('acknowledge'),
  lodgeFormal: (grounds: string) => command('lodge-formal', { grounds }),
  /** The respondent's one-off extension, while the written response is owed. */
  extendResponse: (workingDays: number, reason: string) => command('extend-response-deadline', { workingDays, reason }),
  respond: (response: string) => command('respond', { response }),
  referToCdg: (reason: string) => command('refer-to-cdg', { reason }),
  /** Mediation needs every party's agreement, named by organisation. */
  chooseMediation: (partyIds: readonly string[]) =>
    command('choose-route', { route: 'mediation', reason: 'Both parties agreed to mediate', consentFrom: [...partyIds] }),
  choosePanel: () => command('choose-route', { route: 'panel', reason: 'The parties did not agree to mediate' }),
  appointMediator: (personId: string) => command('appoint-mediator', { personId }),
  appointPanel: (members: { chairId: string; statutoryMemberId: string; vcsMemberId: string }) => command('appoint-panel', { ...members }),
  recordSession: (heldOn: IsoDate, attendees: readonly string[]) =>
    command('record-session', { heldOn, attendees: [...attendees], summary: 'First mediation session.' }),
  endMediation: () => command('end-mediation', { summary: 'No agreement reached.' }),
  recordHearing: (heldOn: IsoDate) => command('record-hearing', { heldOn, summary: 'Both parties presented their case.' }),
  issueFindings: (finding: Finding, recommendations: readonly DemoActionInput[]) =>
    command('issue-findings', { finding, findings: `The panel finds the complaint ${finding.replace('-', ' ')}.`, recommendations: [...recommendations] }),
  acceptFindings: () => command('respond-to-findings', { response: 'accept' }),
  declineFindings: (reasons: string) => command('respond-to-findings', { response: 'decline', reasons }),
  agreeResolution: (terms: string, actions: readonly DemoActionInput[]) => command('agree-resolution', { terms, actions: [...actions] }),
  completeAction: (actionId: string, evidence: string) => command('complete-action', { actionId, evidence }),
  /** Suspension by consent of every party (once a panel is appointed, also the panel chair's). */
  suspend: (reason: string, workingDays: number, partyIds: readonly string[]) =>
    command('suspend', { reason, workingDays, consentFrom: [...partyIds] }),
  resume: () => command('resume'),
  withdraw: (reasonCode: 'resolved-outside' | 'no-longer-relevant') => command('withdraw', { reasonCode }),
  referToOmbudsman: (reference: string) => command('refer-externally', { body: 'local-government-ombudsman', reference }),
  recordExternalOutcome: (outcome: string) => command('record-external-outcome', { outcome }),
  addNote: (text: string) => command('add-note', { text, visibility: 'parties' }),
  recordLesson: (lesson: string, clause: string) => command('record-lesson', { lesson, clause }),
} as const;
