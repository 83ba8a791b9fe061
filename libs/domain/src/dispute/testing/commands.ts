import { type DisputeCommand, type DisputeCommandMap, type DisputeCommandName } from '../dispute-commands.js';

/** A valid payload for every command on the scenario's standard case (charity against council). */
export const DEFAULT_PAYLOADS: { readonly [K in DisputeCommandName]: DisputeCommandMap[K] } = {
  raise: {
    caseId: 'case-1',
    respondentIds: ['council'],
    clauses: ['3.2'],
    summary: 'Grant cut without notice',
    details: 'The council cut our grant with four weeks notice.',
    desiredOutcome: 'Reinstate the grant for 12 weeks',
  },
  acknowledge: {},
  'lodge-formal': { grounds: 'Informal discussion did not restore the grant' },
  'extend-response-deadline': { workingDays: 10, reason: 'Cabinet only meets after the due date' },
  respond: { response: 'The notice period followed the funding policy' },
  'refer-to-cdg': { reason: 'The response does not deal with the 12 weeks notice' },
  // Both parties' consent: enough for either route (mediation needs it, a panel records it).
  'choose-route': { route: 'panel', reason: 'Both parties asked for a hearing', consentFrom: ['charity', 'council'] },
  'appoint-mediator': { personId: 'mediator' },
  'appoint-panel': { chairId: 'panel-chair', statutoryMemberId: 'statutory-panelist', vcsMemberId: 'vcs-panelist' },
  'declare-conflict': { interest: 'I advised the council on this grant' },
  'object-to-appointment': { personId: 'mediator', grounds: 'The mediator advised the council last year' },
  'rule-on-objection': { personId: 'mediator', upheld: true, reason: 'The link is too close' },
  'record-session': { heldOn: '2026-03-02', attendees: ['charity-officer', 'council-officer'], summary: 'First joint meeting' },
  'end-mediation': { summary: 'No agreement could be reached' },
  'record-hearing': { heldOn: '2026-03-02', summary: 'Both parties heard' },
  'issue-findings': {
    finding: 'upheld',
    findings: 'The council gave four weeks notice, not twelve',
    recommendations: [{ description: 'Reinstate the grant for 12 weeks', ownerId: 'council', dueDate: '2026-06-30', clause: '3.2' }],
  },
  'respond-to-findings': { response: 'accept' },
  'agree-resolution': { terms: 'The council restores the grant', actions: [] },
  'complete-action': { actionId: 'A1' },
  'vary-action': { actionId: 'A1', dueDate: '2026-07-31', reason: 'Budget meeting moved' },
  suspend: { reason: 'Budget review under way', workingDays: 20, consentFrom: ['charity', 'council'] },
  resume: {},
  'extend-deadline': { workingDays: 5, reason: 'Both sides need the papers', consentFrom: ['charity', 'council'] },
  withdraw: { reasonCode: 'resolved-outside' },
  'refer-externally': { body: 'local-government-ombudsman', reference: 'LGO/26/001' },
  'record-external-outcome': { outcome: 'Ombudsman found maladministration' },
  'request-reopening': { grounds: 'new-evidence', reason: 'Minutes show the decision was made earlier' },
  'decide-reopening': { granted: true, reason: 'The minutes are material' },
  'add-note': { text: 'Called the council officer' },
  'add-evidence': { filename: 'letter.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64), size: 1024 },
  'record-lesson': { lesson: 'Check notice periods before budget decisions', clause: '3.2' },
  'record-missed-deadline': { deadlineId: 'acknowledgement-1' },
  'record-missed-action': { actionId: 'A1' },
};

/** A command with the default payload, overridden where the test says so. */
export function command<K extends DisputeCommandName>(
  name: K,
  overrides: Partial<DisputeCommandMap[K]> = {},
): Extract<DisputeCommand, { name: K }> {
  return { name, payload: { ...DEFAULT_PAYLOADS[name], ...overrides } } as unknown as Extract<DisputeCommand, { name: K }>;
}

/** A command with a payload the types would not allow: for checking the deciders' own validation. */
export function rawCommand(name: DisputeCommandName, payload: Record<string, unknown>): DisputeCommand {
  return { name, payload } as unknown as DisputeCommand;
}
