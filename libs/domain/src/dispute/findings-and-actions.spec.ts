import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from './testing/commands.js';
import { calendar, DisputeScenario } from './testing/dispute-scenario.js';
import { dataOf, typesOf } from './testing/events.js';
import { type Finding } from './vocabulary.js';

/** Findings issued Monday 2 March 2026 ('upheld', R1 for the council due 30 June); responses due 30 March. */
const awaitingResponses = (recommendations?: { description: string; ownerId: string; dueDate: string }[], finding: Finding = 'upheld') => {
  const s = new DisputeScenario().upTo('cdg.panel.deliberation');
  return s.step('panelChair', 'issue-findings', recommendations ? { finding, recommendations } : { finding });
};

/** Two actions: R1 for the council due 30 June, R2 for the charity due 31 July. */
const twoActions = () =>
  awaitingResponses([
    { description: 'Reinstate the grant', ownerId: 'council', dueDate: '2026-06-30' },
    { description: 'Report on spending', ownerId: 'charity', dueDate: '2026-07-31' },
  ])
    .step('complainant', 'respond-to-findings')
    .step('respondent', 'respond-to-findings');

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

describe('when in actionsOpen', () => {
  it('lets the action’s owner complete it; completing the last one closes the case with the pending outcome', () => {
    const s = new DisputeScenario().upTo('actionsOpen').advance('2026-06-01T10:00:00Z');
    const events = s.run('respondent', command('complete-action', { actionId: 'R1', evidence: 'Payment reference 123' }));

    expect(events).toEqual([
      { type: 'ActionCompleted', data: { actionId: 'R1', evidence: 'Payment reference 123' } },
      {
        type: 'CaseClosed',
        data: {
          outcome: 'upheld',
          closedOn: '2026-06-01',
          reopenableUntil: '2026-08-24',
          reopenableUntilRule: '60 WD after 2026-06-01, England and Wales',
          calendarVersion: calendar.version,
          unfinishedActionIds: [],
        },
      },
    ]);
    expect(s.state).toBe('closed');
    expect(s.context.actions[0]).toMatchObject({ status: 'completed', completedAt: '2026-06-01T10:00:00Z' });
  });

  it('keeps the case in actionsOpen while another action is open', () => {
    const s = twoActions();
    expect(typesOf(s.run('respondent', command('complete-action', { actionId: 'R1' })))).toEqual(['ActionCompleted']);
    expect(s.state).toBe('actionsOpen');
    expect(typesOf(s.run('complainant', command('complete-action', { actionId: 'R2' })))).toEqual(['ActionCompleted', 'CaseClosed']);
  });

  it('lets the secretariat complete any action', () => {
    const s = twoActions().step('secretariat', 'complete-action', { actionId: 'R1' }).step('secretariat', 'complete-action', { actionId: 'R2' });
    expect(s.state).toBe('closed');
  });

  it('refuses a party completing an action another organisation owns (403 DISPUTE.NOT_ACTION_OWNER)', () => {
    const error = twoActions().attempt('complainant', command('complete-action', { actionId: 'R1' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: 'DISPUTE.NOT_ACTION_OWNER' });
  });

  it.each(['stranger', 'chair', 'auditor', 'panelChair'] as const)('refuses %s completing an action (403)', (actor) => {
    expect(twoActions().attempt(actor, command('complete-action', { actionId: 'R1' }))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses completing an unknown or already completed action (400)', () => {
    const s = twoActions().step('respondent', 'complete-action', { actionId: 'R1' });
    expect(s.attempt('secretariat', command('complete-action', { actionId: 'A9' }))).toMatchObject({ errors: [{ field: 'actionId' }] });
    expect(s.attempt('secretariat', command('complete-action', { actionId: 'R1' }))).toBeInstanceOf(ValidationError);
  });

  describe('and an action falls due', () => {
    it('refuses recording it missed on its due date, even late in the evening (409)', () => {
      const s = twoActions().advance('2026-06-30T22:30:00Z');
      expect(s.attempt('system', command('record-missed-action', { actionId: 'R1' }))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('lets the system record it missed after the due date, reopenable for 60 WD after it', () => {
      const s = twoActions().advance('2026-07-07T09:00:00Z');
      const events = s.run('system', command('record-missed-action', { actionId: 'R1' }));

      expect(events).toEqual([
        {
          type: 'ActionMissed',
          data: {
            actionId: 'R1',
            dueDate: '2026-06-30',
            reopenableUntil: '2026-09-23',
            reopenableUntilRule: '60 WD after 2026-06-30, England and Wales',
            calendarVersion: calendar.version,
          },
        },
      ]);
      expect(s.state).toBe('actionsOpen');
      expect(s.context.actions[0]).toMatchObject({ status: 'missed', reopenableUntil: '2026-09-23' });
    });

    it('closes the case when the last open action is missed', () => {
      const s = new DisputeScenario().upTo('actionsOpen').advance('2026-07-07T09:00:00Z');
      expect(typesOf(s.run('secretariat', command('record-missed-action', { actionId: 'R1' })))).toEqual(['ActionMissed', 'CaseClosed']);
      expect(s.context.outcome).toBe('upheld');
    });

    it('refuses a party recording a missed action (403)', () => {
      const s = twoActions().advance('2026-07-07T09:00:00Z');
      expect(s.attempt('complainant', command('record-missed-action', { actionId: 'R1' }))).toBeInstanceOf(ForbiddenError);
    });

    it('refuses recording an action that is not yet due while another is (409)', () => {
      const s = twoActions().advance('2026-07-07T09:00:00Z');
      expect(s.attempt('system', command('record-missed-action', { actionId: 'R2' }))).toBeInstanceOf(NotAllowedInStateError);
    });
  });

  describe('varying an action', () => {
    it('lets the secretariat move the due date with a reason, which moves the check date', () => {
      const s = twoActions();
      const events = s.run('secretariat', command('vary-action', { actionId: 'R1', dueDate: '2026-07-31', reason: 'Budget moved' }));

      expect(events).toEqual([
        {
          type: 'ActionVaried',
          data: {
            actionId: 'R1',
            dueDate: '2026-07-31',
            description: null,
            checkOn: '2026-08-07',
            checkRule: '5 WD after 2026-07-31, England and Wales',
            calendarVersion: calendar.version,
            reason: 'Budget moved',
          },
        },
      ]);
      expect(s.context.actions[0]).toMatchObject({
        dueDate: '2026-07-31',
        checkOn: '2026-08-07',
        checkRule: '5 WD after 2026-07-31, England and Wales',
        description: 'Reinstate the grant',
      });

      s.advance('2026-07-07T09:00:00Z');
      expect(s.attempt('system', command('record-missed-action', { actionId: 'R1' }))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('lets the secretariat reword an action', () => {
      const s = twoActions().step('secretariat', 'vary-action', { actionId: 'R2', dueDate: undefined, description: 'Report quarterly' });
      expect(s.context.actions[1]).toMatchObject({ description: 'Report quarterly', dueDate: '2026-07-31', checkOn: '2026-08-07' });
    });

    it.each([
      ['no change', { dueDate: undefined, description: undefined }, 'dueDate'],
      ['no reason', { reason: '' }, 'reason'],
      ['an impossible date', { dueDate: '2026-02-30' }, 'dueDate'],
      ['an unknown action', { actionId: 'A7' }, 'actionId'],
    ])('refuses a variation with %s (400)', (_what, overrides, field) => {
      const error = twoActions().attempt('secretariat', command('vary-action', { actionId: 'R1', ...overrides }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field }] });
    });

    it.each(['respondent', 'chair', 'complainant'] as const)('refuses %s varying an action (403)', (actor) => {
      expect(twoActions().attempt(actor, command('vary-action', { actionId: 'R1' }))).toBeInstanceOf(ForbiddenError);
    });
  });

  it('refuses suspension and deadline extension while actions are carried out (409)', () => {
    const s = twoActions();
    expect(s.attempt('secretariat', command('suspend'))).toBeInstanceOf(NotAllowedInStateError);
    expect(s.attempt('secretariat', command('extend-deadline'))).toBeInstanceOf(NotAllowedInStateError);
  });

  it('lets the complainant withdraw while actions are open', () => {
    const s = twoActions().step('complainant', 'withdraw');
    expect(s.context).toMatchObject({ outcome: 'withdrawn', closedInStage: 3 });
  });
});
