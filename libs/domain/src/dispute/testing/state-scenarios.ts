import { DisputeScenario } from './dispute-scenario.js';
import { PAY_AND_REPORT } from './stories.js';

/** Twelve weeks of a case, in every state and the conditions inside them that change what is allowed. */
export const STATE_SCENARIOS: Record<string, () => DisputeScenario> = {
  'informal.awaitingAcknowledgement': () => new DisputeScenario().raise(),
  'informal.awaitingAcknowledgement after the respondent defaulted': () =>
    new DisputeScenario().raise().advance('2026-03-10T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' }),
  'informal.inDiscussion': () => new DisputeScenario().upTo('informal.inDiscussion'),
  'formal.awaitingAcknowledgement': () => new DisputeScenario().upTo('formal.awaitingAcknowledgement'),
  'formal.awaitingResponse': () => new DisputeScenario().upTo('formal.awaitingResponse'),
  'formal.awaitingResponse after the extension': () =>
    new DisputeScenario().upTo('formal.awaitingResponse').step('respondent', 'extend-response-deadline'),
  'formal.awaitingResponse after the respondent defaulted': () =>
    new DisputeScenario()
      .upTo('formal.awaitingResponse')
      .advance('2026-03-31T09:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'formal-response-1' }),
  'formal.awaitingDecision': () => new DisputeScenario().upTo('formal.awaitingDecision'),
  'cdg.triage': () => new DisputeScenario().upTo('cdg.triage'),
  'cdg.triage with mediation chosen': () => new DisputeScenario().upTo('cdg.triage').step('chair', 'choose-route', { route: 'mediation' }),
  'cdg.mediation': () => new DisputeScenario().upTo('cdg.mediation'),
  'cdg.mediation with an objection pending': () => new DisputeScenario().upTo('cdg.mediation').step('respondent', 'object-to-appointment'),
  'cdg.mediation after the objection window': () => new DisputeScenario().upTo('cdg.mediation').advance('2026-03-10T09:00:00Z'),
  'cdg.panel.hearing': () => new DisputeScenario().upTo('cdg.panel.hearing'),
  'cdg.panel.deliberation': () => new DisputeScenario().upTo('cdg.panel.deliberation'),
  'cdg.awaitingResponses': () => new DisputeScenario().upTo('cdg.awaitingResponses'),
  'cdg.awaitingResponses with one answer in': () => new DisputeScenario().upTo('cdg.awaitingResponses').step('complainant', 'respond-to-findings'),
  actionsOpen: () => new DisputeScenario().upTo('actionsOpen'),
  'actionsOpen with an action missed': () =>
    new DisputeScenario()
      .upTo('cdg.mediation')
      .step('mediator', 'agree-resolution', { actions: PAY_AND_REPORT })
      .advance('2026-04-01T09:00:00Z')
      .step('system', 'record-missed-action', { actionId: 'A1' }),
  suspended: () => new DisputeScenario().upTo('cdg.triage').step('secretariat', 'suspend'),
  'closed at stage 1': () => new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'agree-resolution'),
  'closed with a reopening request pending': () =>
    new DisputeScenario().upTo('formal.awaitingDecision').step('complainant', 'agree-resolution').step('respondent', 'request-reopening'),
  'closed after referral to an ombudsman': () => new DisputeScenario().upTo('formal.awaitingDecision').step('complainant', 'refer-externally'),
};
