import { type Outcome } from '../vocabulary.js';
import { DisputeScenario } from './dispute-scenario.js';

/** The clock moves as a real case would: mornings, afternoons after the cut-off, weekends and Easter. */
export const LIFECYCLES: Record<Outcome, () => DisputeScenario> = {
  'resolved-informally': () =>
    new DisputeScenario()
      .raise()
      .advance('2026-03-04T11:00:00Z')
      .step('respondent', 'acknowledge')
      .step('complainant', 'add-note', { text: 'Meeting booked' })
      .advance('2026-03-25T09:00:00Z')
      .step('secretariat', 'extend-deadline', { workingDays: 5 })
      .advance('2026-04-02T17:00:00Z')
      .step('complainant', 'agree-resolution', {
        terms: 'Grant restored from May',
        actions: [{ description: 'Pay the May instalment', ownerId: 'council', dueDate: '2026-05-08' }],
      })
      .advance('2026-05-07T10:00:00Z')
      .step('respondent', 'complete-action', { actionId: 'A1', evidence: 'BACS 2026-05-07' }),

  'resolved-formally': () =>
    new DisputeScenario()
      .raise()
      .advance('2026-03-10T08:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' })
      .step('complainant', 'lodge-formal')
      .advance('2026-03-12T10:00:00Z')
      .step('respondent', 'acknowledge')
      .step('respondent', 'extend-response-deadline', { workingDays: 7, reason: 'Cabinet on 14 April' })
      .advance('2026-04-15T14:00:00Z')
      .step('respondent', 'respond')
      .step('complainant', 'add-evidence')
      .advance('2026-04-20T10:00:00Z')
      .step('complainant', 'agree-resolution', { terms: 'We accept the response' }),

  'resolved-by-mediation': () =>
    new DisputeScenario()
      .upTo('formal.awaitingDecision')
      .advance('2026-03-09T10:00:00Z')
      .step('complainant', 'refer-to-cdg')
      .step('chair', 'choose-route', { route: 'mediation' })
      .advance('2026-03-11T10:00:00Z')
      .step('secretariat', 'appoint-mediator')
      .step('respondent', 'object-to-appointment')
      .step('chair', 'rule-on-objection', { upheld: false })
      .advance('2026-03-20T10:00:00Z')
      .step('mediator', 'record-session', { heldOn: '2026-03-20' })
      .advance('2026-04-07T10:00:00Z')
      .step('mediator', 'agree-resolution', {
        terms: 'Staged restoration',
        actions: [
          { description: 'Restore half the grant', ownerId: 'council', dueDate: '2026-05-29' },
          { description: 'Publish a funding timetable', ownerId: 'council', dueDate: '2026-06-30' },
        ],
      })
      .step('mediator', 'record-lesson')
      .advance('2026-05-20T10:00:00Z')
      .step('secretariat', 'vary-action', { actionId: 'A2', dueDate: '2026-07-31', reason: 'Elections' })
      .step('respondent', 'complete-action', { actionId: 'A1' })
      .advance('2026-07-30T10:00:00Z')
      .step('secretariat', 'complete-action', { actionId: 'A2' }),

  upheld: () =>
    new DisputeScenario()
      .upTo('cdg.triage')
      .advance('2026-03-05T10:00:00Z')
      .step('chair', 'choose-route', { route: 'panel' })
      .step('secretariat', 'appoint-panel')
      .advance('2026-03-20T10:00:00Z')
      .step('panelChair', 'record-hearing', { heldOn: '2026-03-20' })
      .advance('2026-03-30T10:00:00Z')
      .step('panelChair', 'issue-findings', { finding: 'upheld' })
      .advance('2026-04-10T10:00:00Z')
      .step('complainant', 'respond-to-findings')
      .step('respondent', 'respond-to-findings')
      .advance('2026-06-29T10:00:00Z')
      .step('respondent', 'complete-action', { actionId: 'R1' }),

  'partly-upheld': () =>
    new DisputeScenario()
      .upTo('cdg.panel.deliberation')
      .advance('2026-03-13T10:00:00Z')
      .step('vcsPanelist', 'issue-findings', {
        finding: 'partly-upheld',
        recommendations: [
          { description: 'Reinstate for 8 weeks', ownerId: 'council', dueDate: '2026-06-30' },
          { description: 'Share accounts', ownerId: 'charity', dueDate: '2026-06-30' },
        ],
      })
      .advance('2026-04-01T10:00:00Z')
      .step('respondent', 'respond-to-findings', { response: 'partly-accept', reasons: 'Eight weeks, not twelve' })
      .advance('2026-04-15T10:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'findings-response-1' })
      .advance('2026-07-07T10:00:00Z')
      .step('system', 'record-missed-action', { actionId: 'R1' }),

  'not-upheld': () =>
    new DisputeScenario()
      .upTo('cdg.mediation')
      .advance('2026-03-30T10:00:00Z')
      .step('mediator', 'end-mediation')
      .step('secretariat', 'appoint-panel')
      .step('statutoryPanelist', 'declare-conflict')
      .advance('2026-04-07T10:00:00Z')
      .step('secretariat', 'appoint-panel', { chairId: 'panel-chair-2', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist-2' })
      .advance('2026-04-20T10:00:00Z')
      .step('secondPanelChair', 'record-hearing', { heldOn: '2026-04-20' })
      .step('secondPanelChair', 'issue-findings', { finding: 'not-upheld', recommendations: [] })
      .step('complainant', 'respond-to-findings', { response: 'decline', reasons: 'We disagree' })
      .step('respondent', 'respond-to-findings')
      .advance('2026-05-05T10:00:00Z')
      .step('complainant', 'request-reopening', { grounds: 'procedural-defect' })
      .advance('2026-05-12T10:00:00Z')
      .step('chair', 'decide-reopening', { granted: false, reason: 'The panel was properly constituted' }),

  withdrawn: () =>
    new DisputeScenario()
      .upTo('formal.awaitingResponse')
      .advance('2026-03-16T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 20 })
      .advance('2026-04-13T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 10 })
      .advance('2026-04-20T10:00:00Z')
      .step('complainant', 'withdraw', { reasonCode: 'resolved-outside' }),

  'not-pursued': () =>
    new DisputeScenario()
      .upTo('formal.awaitingDecision')
      .advance('2026-03-10T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 5 })
      .advance('2026-03-17T10:00:00Z')
      .step('respondent', 'resume')
      .advance('2026-05-01T10:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'complainant-decision-1' }),

  'referred-externally': () =>
    new DisputeScenario('2026-03-27T15:00:00Z')
      .raise({ urgent: true, dates: { noticeReceived: '2026-03-13', changeEffective: '2026-04-30' } })
      .advance('2026-04-01T10:00:00Z')
      .step('respondent', 'acknowledge')
      .advance('2026-04-08T10:00:00Z')
      .step('respondent', 'respond')
      .step('complainant', 'refer-to-cdg')
      .step('chair', 'choose-route', { route: 'panel' })
      .advance('2026-04-09T10:00:00Z')
      .step('complainant', 'refer-externally', { body: 'local-government-ombudsman', reference: 'LGO/26/123' })
      .advance('2026-06-01T10:00:00Z')
      .step('secretariat', 'record-external-outcome', { outcome: 'Ombudsman declined to investigate' }),
};
