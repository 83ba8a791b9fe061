import { nextSteps } from './next-steps.js';
import { DisputeScenario } from './testing/dispute-scenario.js';
import { LIFECYCLES } from './testing/lifecycles.js';
import { offeredButNotAllowed, offeredButNotAllowedAlong } from './testing/offered-steps.js';
import { STATE_SCENARIOS } from './testing/state-scenarios.js';

const steps = (s: DisputeScenario) => nextSteps(s.current, s.at);
/** Who owes what, in short: audience, role, command (or none), alternatives. */
const owed = (s: DisputeScenario) => steps(s).map((n) => [n.audienceId, n.forRole, n.action, n.alternatives]);

describe('what comes next, as the machine says it', () => {
  it('when in informal.awaitingAcknowledgement: each respondent owes the acknowledgement, on its clock', () => {
    const s = new DisputeScenario().raise();
    expect(steps(s)).toEqual([
      {
        audience: 'organisation',
        audienceId: 'council',
        forRole: 'partner',
        step: 'acknowledgement',
        action: 'acknowledge',
        alternatives: [],
        title: 'Acknowledge the dispute',
        dueOn: s.deadline('acknowledgement').dueOn,
        owedBy: 'respondent',
        organisationId: 'council',
        deadlineId: 'acknowledgement-1',
        actionId: null,
        missed: false,
      },
    ]);
  });

  it('when in informal.inDiscussion: the complainant may agree, go formal or withdraw; the respondent owes its share with no command of its own', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion');
    expect(owed(s)).toEqual([
      ['charity', 'partner', 'agree-resolution', ['lodge-formal', 'withdraw']],
      ['council', 'partner', null, []],
    ]);
  });

  it('offers the respondent its one-off extension beside the response until it is used, or the response is late', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse');
    expect(owed(s)).toEqual([['council', 'partner', 'respond', ['extend-response-deadline']]]);
    expect(owed(new DisputeScenario().upTo('formal.awaitingResponse').step('respondent', 'extend-response-deadline'))).toEqual([
      ['council', 'partner', 'respond', []],
    ]);
    const late = s.advance(`${s.deadline('formal-response').dueOn}T23:30:00Z`).step('system', 'record-missed-deadline', { deadlineId: 'formal-response-1' });
    expect(steps(late)).toEqual([expect.objectContaining({ action: 'respond', alternatives: [], missed: true })]);
  });

  it('when in cdg.triage: the chair owes the route; once it is chosen, the secretariat owes the appointment for that route', () => {
    const s = new DisputeScenario().upTo('cdg.triage');
    expect(steps(s)).toEqual([
      expect.objectContaining({ audience: 'cdg', forRole: 'chair', action: 'choose-route', title: 'Choose the route: mediation or panel' }),
    ]);
    s.step('chair', 'choose-route', { route: 'mediation' });
    expect(steps(s)).toEqual([
      expect.objectContaining({ audience: 'cdg', forRole: 'secretariat', action: 'appoint-mediator', title: 'Appoint a mediator', step: 'cdg-triage' }),
    ]);
  });

  it('puts a pending objection before the chair, naming the party that objected, beside the mediator’s own step', () => {
    const s = new DisputeScenario().upTo('cdg.mediation').step('respondent', 'object-to-appointment');
    expect(owed(s)).toEqual([
      ['mediator', 'mediator', 'agree-resolution', ['record-session', 'end-mediation']],
      ['', 'chair', 'rule-on-objection', []],
    ]);
    expect(steps(s)[1]).toMatchObject({ step: 'objection', organisationId: 'council', dueOn: null, owedBy: 'cdg' });
  });

  it('owes nothing while suspended, not even a ruling on a pending objection: the machine refuses it until the case resumes', () => {
    const s = new DisputeScenario().upTo('cdg.mediation').step('respondent', 'object-to-appointment').step('secretariat', 'suspend');
    expect(steps(s)).toEqual([]);
    s.step('secretariat', 'resume');
    expect(owed(s)).toContainEqual(['', 'chair', 'rule-on-objection', []]);
  });

  it('asks each panel member for the hearing, and each party that has not yet answered the findings, on its own clock', () => {
    expect(owed(new DisputeScenario().upTo('cdg.panel.hearing')).map(([person, role, action]) => [person, role, action])).toEqual([
      ['panel-chair', 'panelist', 'record-hearing'],
      ['statutory-panelist', 'panelist', 'record-hearing'],
      ['vcs-panelist', 'panelist', 'record-hearing'],
    ]);
    const s = new DisputeScenario().upTo('cdg.awaitingResponses').step('complainant', 'respond-to-findings');
    expect(steps(s)).toEqual([expect.objectContaining({ audienceId: 'council', action: 'respond-to-findings', deadlineId: 'findings-response-2' })]);
  });

  it('asks each owner of an open agreed action, a party or not, and the chair for a reopening request', () => {
    const mentoring = { description: 'Mentor the group', ownerId: 'other', dueDate: '2026-09-30' };
    const s = new DisputeScenario().upTo('cdg.mediation').step('mediator', 'agree-resolution', { actions: [mentoring] });
    expect(steps(s).map((n) => [n.audienceId, n.action, n.actionId, n.owedBy, n.title])).toEqual([
      ['other', 'complete-action', 'A1', 'owner', 'Complete the agreed action: Mentor the group'],
    ]);
    const reopening = STATE_SCENARIOS['actionsOpen with an action missed']!().step('complainant', 'request-reopening', { grounds: 'action-not-delivered' });
    expect(steps(reopening).map((n) => [n.audienceId, n.action, n.actionId, n.owedBy])).toEqual([
      ['charity', 'complete-action', 'A2', 'complainant'],
      ['', 'decide-reopening', null, 'cdg'],
    ]);
  });

  it('owes nothing before a case is raised, nor once it is closed without a reopening request', () => {
    expect(steps(new DisputeScenario())).toEqual([]);
    expect(steps(new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'withdraw'))).toEqual([]);
  });
});

describe('every step offered is one the machine allows its audience', () => {
  it.each(Object.keys(STATE_SCENARIOS))('in %s', (name) => {
    const s = (STATE_SCENARIOS[name] as () => DisputeScenario)();
    expect(offeredButNotAllowed(s.current, s.at)).toEqual([]);
    expect(offeredButNotAllowedAlong(s.log)).toEqual([]);
  });

  it.each(Object.keys(LIFECYCLES))('after every event of a case that ends %s', (outcome) => {
    const s = LIFECYCLES[outcome as keyof typeof LIFECYCLES]();
    expect(offeredButNotAllowedAlong(s.log)).toEqual([]);
  });
});
