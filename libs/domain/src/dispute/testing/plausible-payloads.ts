import { addCalendarDays } from '../../calendar/index.js';
import { organisationActedFor, type Actor } from '../../shared/actor.js';
import { type DisputeCommand, type DisputeCommandName } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { EXTERNAL_BODIES, FINDINGS, FINDINGS_RESPONSES, NOTE_VISIBILITIES, REOPENING_GROUNDS, WITHDRAWAL_REASONS } from '../vocabulary.js';

/**
 * A payload for any command that fits the case as it stands: the action, deadline, appointee or
 * objection it names exists. `variant` 0 is the plain valid payload; other variants pick other valid
 * values, and the highest ones (8, 9) break a rule the decider checks, so random histories also
 * exercise the 400s.
 */
export function plausibleCommand(name: DisputeCommandName, c: DisputeContext, actor: Actor, today: string, variant = 0, pick = 0): DisputeCommand {
  const v = variant;
  const bad = v >= 8;
  const parties = [c.complainantId, ...c.respondentIds];
  const org = organisationActedFor(actor);
  const openActions = c.actions.filter((a) => a.status === 'open');
  const openIds = openActions.map((a) => a.actionId);
  const appointees = c.mediatorId ? [c.mediatorId] : c.panel ? [c.panel.chairId, c.panel.statutoryMemberId, c.panel.vcsMemberId] : [];
  const nth = <T>(list: readonly T[], fallback: T): T => (list.length === 0 ? fallback : (list[pick % list.length] as T));
  const later = (days: number) => addCalendarDays(today, days);
  const actionInputs = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      description: `Action ${i + 1}`,
      ownerId: bad && i === 0 ? 'nobody' : (['council', 'charity', 'other'][(pick + i) % 3] as string),
      dueDate: later(20 + 25 * i + (pick % 40)),
      clause: i === 0 ? '3.2' : null,
    }));

  const payloads: { [K in DisputeCommandName]: () => unknown } = {
    raise: () => ({ caseId: 'case-x', respondentIds: ['council'], clauses: ['3.2'], summary: 's', details: 'd', desiredOutcome: 'o' }),
    acknowledge: () => ({}),
    'lodge-formal': () => ({ grounds: bad ? '' : 'Informal talks failed' }),
    'extend-response-deadline': () => ({ workingDays: bad ? 11 : 1 + (pick % 10), reason: 'Cabinet timing' }),
    respond: () => ({ response: bad ? ' ' : 'Our written response' }),
    'refer-to-cdg': () => ({ reason: bad ? '' : 'Still unresolved' }),
    // Mediation with every party's consent; variant 7 leaves one party out (a 400).
    'choose-route': () => ({
      route: bad ? 'arbitration' : v % 2 === 0 ? 'mediation' : 'panel',
      reason: v % 3 === 0 ? null : 'Reason',
      consentFrom: v === 7 ? [c.complainantId] : parties,
    }),
    // Mostly people who may serve; variants 6 and 7 have a conflict of interest, 8 and 9 are not mediators at all.
    'appoint-mediator': () => ({
      personId:
        v < 6
          ? nth(['mediator', 'mediator-2', 'long-gone-mediator'], 'mediator')
          : v < 8
            ? nth(['conflicted-mediator', 'former-mediator', 'lead-councillor'], 'conflicted-mediator')
            : nth(['panel-chair', 'nobody'], 'nobody'),
    }),
    'appoint-panel': () =>
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
    'declare-conflict': () => ({ interest: bad ? '' : 'A family link to a party' }),
    'object-to-appointment': () => ({ personId: bad ? 'nobody' : nth(appointees, 'mediator'), grounds: 'Too close to a party' }),
    'rule-on-objection': () => ({
      personId: c.objections.find((o) => o.status === 'pending' && appointees.includes(o.personId))?.personId ?? nth(appointees, 'mediator'),
      upheld: v % 2 === 0,
      reason: bad ? '' : 'Ruling',
    }),
    'record-session': () => ({ heldOn: bad ? later(3) : today, attendees: ['charity-officer', 'council-officer'], summary: 'Session' }),
    'end-mediation': () => ({ summary: bad ? '' : 'No agreement' }),
    'record-hearing': () => ({ heldOn: bad ? later(5) : today, summary: 'Hearing' }),
    'issue-findings': () => ({
      finding: bad ? 'dismissed' : FINDINGS[v % 3],
      findings: 'Findings',
      recommendations: actionInputs(pick % 3),
    }),
    'respond-to-findings': () => ({ response: FINDINGS_RESPONSES[v % 3], reasons: bad ? null : v % 3 === 0 ? null : 'Because' }),
    'agree-resolution': () => ({ terms: 'Terms agreed', actions: actionInputs(v === 0 ? 0 : pick % 3) }),
    'complete-action': () => ({
      actionId: bad ? 'A99' : (openActions.find((a) => a.ownerId === org)?.actionId ?? nth(openIds, 'A1')),
      evidence: v % 2 === 0 ? null : 'Receipt',
    }),
    'vary-action': () => ({
      actionId: nth(openIds, 'A1'),
      dueDate: bad ? null : later(30 + (pick % 60)),
      description: v % 2 === 0 ? null : 'Reworded',
      reason: 'Circumstances changed',
    }),
    suspend: () => ({
      reason: 'Talks',
      workingDays: bad ? 41 : 1 + (pick % 40),
      consentFrom: bad ? [c.complainantId] : parties,
      // Once a panel is appointed its chair consents too; variant 7 forgets (a 400).
      ...(c.panel !== null && v !== 7 ? { panelChairConsent: true } : {}),
    }),
    resume: () => ({}),
    'extend-deadline': () => ({ workingDays: bad ? 0 : 1 + (pick % 20), reason: 'Both agree', consentFrom: parties }),
    withdraw: () => ({ reasonCode: WITHDRAWAL_REASONS[v % 3], reason: bad ? null : 'Reason' }),
    'refer-externally': () => ({ body: v === 0 ? 'independent-mediation' : EXTERNAL_BODIES[v % 5], reference: v % 2 === 0 ? null : 'REF-1' }),
    'record-external-outcome': () => ({ outcome: bad ? '' : 'Outcome reported' }),
    'request-reopening': () => ({
      grounds: v === 0 ? 'new-evidence' : REOPENING_GROUNDS[v % 3],
      reason: bad ? '' : 'New papers',
    }),
    'decide-reopening': () => ({ granted: v % 2 === 0, reason: bad ? '' : 'Decision' }),
    'add-note': () => ({ text: bad ? '' : 'A note', visibility: NOTE_VISIBILITIES[v % 2] }),
    'add-evidence': () => ({ filename: 'f.pdf', contentType: 'application/pdf', sha256: 'b'.repeat(64), size: bad ? 10 * 1024 * 1024 + 1 : 100 }),
    'record-lesson': () => ({ lesson: bad ? '' : 'A lesson', clause: v % 2 === 0 ? null : '3.4' }),
    'record-missed-deadline': () => ({
      deadlineId: nth(
        c.deadlines.filter((d) => d.status === 'open').map((d) => d.id),
        nth(
          c.deadlines.map((d) => d.id),
          'acknowledgement-1',
        ),
      ),
    }),
    'record-missed-action': () => ({ actionId: nth(openIds, 'A1') }),
  };
  return { name, payload: payloads[name]() } as DisputeCommand;
}
