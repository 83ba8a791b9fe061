import { type CommandExamples } from '../testing/command-examples.js';
import { FINDINGS, FINDINGS_RESPONSES } from '../vocabulary.js';
import { type CdgCommands } from './cdg.commands.js';

export const CDG_EXAMPLES: CommandExamples<CdgCommands> = {
  // Both parties' consent: enough for either route (mediation needs it, a panel records it).
  'choose-route': {
    valid: { route: 'panel', reason: 'Both parties asked for a hearing', consentFrom: ['charity', 'council'] },
    // Mediation with every party's consent; variant 7 leaves one party out (a 400).
    plausible: ({ bad, variant: v, c, parties }) => ({
      route: bad ? 'arbitration' : v % 2 === 0 ? 'mediation' : 'panel',
      reason: v % 3 === 0 ? null : 'Reason',
      consentFrom: v === 7 ? [c.complainantId] : parties,
    }),
  },
  'appoint-mediator': {
    valid: { personId: 'mediator' },
    // Mostly people who may serve; variants 6 and 7 have a conflict of interest, 8 and 9 are not mediators at all.
    plausible: ({ variant: v, nth }) => ({
      personId:
        v < 6
          ? nth(['mediator', 'mediator-2', 'long-gone-mediator'], 'mediator')
          : v < 8
            ? nth(['conflicted-mediator', 'former-mediator', 'lead-councillor'], 'conflicted-mediator')
            : nth(['panel-chair', 'nobody'], 'nobody'),
    }),
  },
  'appoint-panel': {
    valid: { chairId: 'panel-chair', statutoryMemberId: 'statutory-panelist', vcsMemberId: 'vcs-panelist' },
    plausible: ({ variant: v, nth }) =>
      v < 6
        ? nth(
            [
              { chairId: 'panel-chair', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist' },
              { chairId: 'panel-chair-2', statutoryMemberId: 'statutory-panelist', vcsMemberId: 'vcs-panelist-2' },
            ],
            { chairId: 'panel-chair', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist' },
          )
        : nth(
            [
              { chairId: 'panel-chair', statutoryMemberId: 'council-panelist', vcsMemberId: 'vcs-panelist' },
              { chairId: 'vcs-panelist', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist-2' },
              { chairId: 'panel-chair', statutoryMemberId: 'panel-chair', vcsMemberId: 'vcs-panelist' },
            ],
            { chairId: 'panel-chair', statutoryMemberId: 'panel-chair', vcsMemberId: 'vcs-panelist' },
          ),
  },
  'declare-conflict': {
    valid: { interest: 'I advised the council on this grant' },
    plausible: ({ bad }) => ({ interest: bad ? '' : 'A family link to a party' }),
  },
  'object-to-appointment': {
    valid: { personId: 'mediator', grounds: 'The mediator advised the council last year' },
    plausible: ({ bad, appointees, nth }) => ({ personId: bad ? 'nobody' : nth(appointees, 'mediator'), grounds: 'Too close to a party' }),
  },
  'rule-on-objection': {
    valid: { personId: 'mediator', upheld: true, reason: 'The link is too close' },
    plausible: ({ bad, variant: v, c, appointees, nth }) => ({
      personId: c.objections.find((o) => o.status === 'pending' && appointees.includes(o.personId))?.personId ?? nth(appointees, 'mediator'),
      upheld: v % 2 === 0,
      reason: bad ? '' : 'Ruling',
    }),
  },
  'record-session': {
    valid: { heldOn: '2026-03-02', attendees: ['charity-officer', 'council-officer'], summary: 'First joint meeting' },
    plausible: ({ bad, today, later }) => ({ heldOn: bad ? later(3) : today, attendees: ['charity-officer', 'council-officer'], summary: 'Session' }),
  },
  'end-mediation': {
    valid: { summary: 'No agreement could be reached' },
    plausible: ({ bad }) => ({ summary: bad ? '' : 'No agreement' }),
  },
  'record-hearing': {
    valid: { heldOn: '2026-03-02', summary: 'Both parties heard' },
    plausible: ({ bad, today, later }) => ({ heldOn: bad ? later(5) : today, summary: 'Hearing' }),
  },
  'issue-findings': {
    valid: {
      finding: 'upheld',
      findings: 'The council gave four weeks notice, not twelve',
      recommendations: [{ description: 'Reinstate the grant for 12 weeks', ownerId: 'council', dueDate: '2026-06-30', clause: '3.2' }],
    },
    plausible: ({ bad, variant: v, pick, actionInputs }) => ({
      finding: bad ? 'dismissed' : FINDINGS[v % 3],
      findings: 'Findings',
      recommendations: actionInputs(pick % 3),
    }),
  },
  'respond-to-findings': {
    valid: { response: 'accept' },
    plausible: ({ bad, variant: v }) => ({ response: FINDINGS_RESPONSES[v % 3], reasons: bad ? null : v % 3 === 0 ? null : 'Because' }),
  },
};
