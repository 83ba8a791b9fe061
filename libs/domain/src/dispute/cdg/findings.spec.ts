import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';
import { awaitingResponses } from '../testing/stories.js';

describe('when in cdg.awaitingResponses', () => {
  it('lets a party accept without reasons; the case waits for the other party', () => {
    const s = awaitingResponses().advance('2026-03-10T10:00:00Z');
    const events = s.run('complainant', command('respond-to-findings', { response: 'accept' }));

    expect(events).toEqual([{ type: 'FindingsResponded', data: { organisationId: 'charity', response: 'accept', reasons: null } }]);
    expect(s.state).toBe('cdg.awaitingResponses');
    expect(s.context.deadlines.filter((d) => d.step === 'findings-response').map((d) => [d.owedByOrganisationIds, d.status])).toEqual([
      [['charity'], 'met'],
      [['council'], 'open'],
    ]);
  });

  it.each(['partly-accept', 'decline'] as const)('requires reasons to %s (400)', (response) => {
    const error = awaitingResponses().attempt('respondent', command('respond-to-findings', { response }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'reasons' }] });
  });

  it('refuses a response outside accept, partly-accept, decline (400)', () => {
    const error = awaitingResponses().attempt('respondent', rawCommand('respond-to-findings', { response: 'maybe', reasons: 'r' }));
    expect(error).toMatchObject({ errors: [{ field: 'response' }] });
  });

  it('refuses a party answering twice (409)', () => {
    const s = awaitingResponses().step('complainant', 'respond-to-findings');
    const error = s.attempt('complainant', command('respond-to-findings'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'cdg.awaitingResponses' });
  });

  it.each(['stranger', 'chair', 'panelChair', 'secretariat', 'auditor'] as const)('refuses %s answering for a party (403)', (actor) => {
    expect(awaitingResponses().attempt(actor, command('respond-to-findings'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the secretariat record a party’s answer on its behalf', () => {
    const s = awaitingResponses().step('secretariatForComplainant', 'respond-to-findings');
    expect(s.context.findingsResponses).toEqual([{ organisationId: 'charity', response: 'accept', reasons: null }]);
  });

  it('turns recommendations accepted by their owner into agreed actions once every party has answered', () => {
    const s = awaitingResponses().step('complainant', 'respond-to-findings', { response: 'decline', reasons: 'Not enough' });
    const events = s.run('respondent', command('respond-to-findings', { response: 'partly-accept', reasons: 'Only 8 weeks' }));

    expect(typesOf(events)).toEqual(['FindingsResponded']);
    expect(s.state).toBe('actionsOpen');
    expect(s.context.pendingOutcome).toBe('upheld');
    expect(s.context.actions).toEqual([
      expect.objectContaining({ actionId: 'R1', ownerId: 'council', dueDate: '2026-06-30', status: 'open', checkOn: '2026-07-07' }),
    ]);
  });

  it('closes the case with the finding when the owner declines every recommendation', () => {
    const s = awaitingResponses().step('complainant', 'respond-to-findings');
    const events = s.run('respondent', command('respond-to-findings', { response: 'decline', reasons: 'We disagree' }));

    expect(typesOf(events)).toEqual(['FindingsResponded', 'CaseClosed']);
    expect(dataOf(events, 'CaseClosed').outcome).toBe('upheld');
    expect(s.context).toMatchObject({ outcome: 'upheld', closedInStage: 3, actions: [] });
  });

  it('takes up a recommendation owned by an organisation that is not a party, whatever the parties say', () => {
    const s = awaitingResponses([{ description: 'Offer mentoring', ownerId: 'other', dueDate: '2026-06-30' }])
      .step('complainant', 'respond-to-findings', { response: 'decline', reasons: 'No' })
      .step('respondent', 'respond-to-findings', { response: 'decline', reasons: 'No' });
    expect(s.state).toBe('actionsOpen');
    expect(s.context.actions.map((a) => a.ownerId)).toEqual(['other']);
  });

  it('waits for every party when there are several respondents', () => {
    const s = new DisputeScenario().raise({ respondentIds: ['council', 'parish'] });
    s.step('respondent', 'acknowledge').step('complainant', 'lodge-formal').step('parishOfficer', 'acknowledge');
    s.step('respondent', 'respond').step('complainant', 'refer-to-cdg').step('chair', 'choose-route', { route: 'panel' });
    s.step('secretariat', 'appoint-panel').step('panelChair', 'record-hearing').step('panelChair', 'issue-findings');
    expect(s.context.deadlines.filter((d) => d.step === 'findings-response').map((d) => d.owedByOrganisationIds)).toEqual([
      ['charity'],
      ['council'],
      ['parish'],
    ]);

    s.step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
    expect(s.state).toBe('cdg.awaitingResponses');
    s.step('parishOfficer', 'respond-to-findings', { response: 'decline', reasons: 'Not ours' });
    expect(s.state).toBe('actionsOpen');
  });

  describe('and a party misses its response', () => {
    it('refuses recording it missed before the due date has passed (409)', () => {
      const s = awaitingResponses().advance('2026-03-30T21:00:00Z');
      expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'findings-response-1' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );
    });

    it('counts a missed response as no response, and the party can no longer answer', () => {
      const s = awaitingResponses().advance('2026-03-31T09:00:00Z');
      const events = s.run('system', command('record-missed-deadline', { deadlineId: 'findings-response-1' }));

      expect(dataOf(events, 'DeadlineMissed')).toMatchObject({ owedByOrganisationIds: ['charity'] });
      expect(s.state).toBe('cdg.awaitingResponses');
      expect(s.context.findingsResponses).toEqual([{ organisationId: 'charity', response: 'none', reasons: null }]);
      expect(s.attempt('complainant', command('respond-to-findings'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('completes the round when the last outstanding response is missed', () => {
      const s = awaitingResponses().step('respondent', 'respond-to-findings').advance('2026-03-31T09:00:00Z');
      const events = s.run('system', command('record-missed-deadline', { deadlineId: 'findings-response-1' }));

      expect(typesOf(events)).toEqual(['DeadlineMissed']);
      expect(s.state).toBe('actionsOpen');
      expect(s.context.actions.map((a) => a.actionId)).toEqual(['R1']);
    });

    it('closes the case when the round ends by a missed response and nothing was taken up', () => {
      const s = awaitingResponses([], 'not-upheld').step('complainant', 'respond-to-findings').advance('2026-03-31T09:00:00Z');
      const events = s.run('system', command('record-missed-deadline', { deadlineId: 'findings-response-2' }));
      expect(typesOf(events)).toEqual(['DeadlineMissed', 'CaseClosed']);
      expect(s.context.outcome).toBe('not-upheld');
    });

    it('does not take up the recommendations of an owner who never answered', () => {
      const s = awaitingResponses().step('complainant', 'respond-to-findings').advance('2026-03-31T09:00:00Z');
      s.step('system', 'record-missed-deadline', { deadlineId: 'findings-response-2' });
      expect(s.state).toBe('closed');
      expect(s.context.actions).toEqual([]);
    });
  });
});
