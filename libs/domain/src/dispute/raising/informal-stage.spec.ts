import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

describe('when in informal.awaitingAcknowledgement', () => {
  const raised = () => new DisputeScenario().raise();

  it('lets the respondent acknowledge, which meets the acknowledgement clock and starts the discussion', () => {
    const s = raised();
    const events = s.run('respondent', command('acknowledge'));

    expect(events).toEqual([{ type: 'AcknowledgementGiven', data: { organisationId: 'council' } }]);
    expect(s.state).toBe('informal.inDiscussion');
    expect(s.context.acknowledgedBy).toEqual(['council']);
    expect(s.context.deadlines.map((d) => [d.step, d.status, d.dueOn])).toEqual([
      ['acknowledgement', 'met', '2026-03-09'],
      ['informal-resolution', 'open', '2026-03-30'],
    ]);
  });

  it('lets the secretariat acknowledge on the respondent’s behalf', () => {
    const s = raised();
    const events = s.run('secretariatForRespondent', command('acknowledge'));
    expect(dataOf(events, 'AcknowledgementGiven')).toEqual({ organisationId: 'council' });
    expect(s.state).toBe('informal.inDiscussion');
  });

  it('records a late acknowledgement as a missed clock', () => {
    const s = raised().advance('2026-03-10T09:00:00Z').step('respondent', 'acknowledge');
    expect(s.context.deadlines[0]).toMatchObject({ step: 'acknowledgement', status: 'missed', settledAt: '2026-03-10T09:00:00Z' });
  });

  it.each(['complainant', 'stranger', 'secretariat', 'chair', 'auditor'] as const)('refuses %s acknowledging (403)', (actor) => {
    expect(raised().attempt(actor, command('acknowledge'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses the complainant lodging a formal complaint while the respondent still has time (409)', () => {
    const error = raised().attempt('complainant', command('lodge-formal'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({
      state: 'informal.awaitingAcknowledgement',
      allowed: ['agree-resolution', 'withdraw', 'add-note', 'add-evidence'],
    });
  });

  describe('and the respondent does not acknowledge in time', () => {
    it('refuses recording the acknowledgement as missed on its due day, even at 23:00', () => {
      const s = raised().advance('2026-03-09T23:00:00Z');
      expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'acknowledgement-1' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );
    });

    it('lets the system record it missed once the due date has passed, naming the step and who owed it', () => {
      const s = raised().advance('2026-03-10T00:00:01Z');
      const events = s.run('system', command('record-missed-deadline', { deadlineId: 'acknowledgement-1' }));

      expect(events).toEqual([
        {
          type: 'DeadlineMissed',
          data: {
            deadlineId: 'acknowledgement-1',
            step: 'acknowledgement',
            owedBy: 'respondent',
            owedByOrganisationIds: ['council'],
            dueOn: '2026-03-09',
          },
        },
      ]);
      expect(s.state).toBe('informal.awaitingAcknowledgement');
      expect(s.context.respondentDefaulted).toBe(true);
      expect(s.context.deadlines[0]).toMatchObject({ status: 'missed' });
    });

    it('lets the secretariat record it missed too', () => {
      const s = raised().advance('2026-03-10T09:00:00Z');
      expect(typesOf(s.run('secretariat', command('record-missed-deadline', { deadlineId: 'acknowledgement-1' })))).toEqual([
        'DeadlineMissed',
      ]);
    });

    it('refuses a partner recording a missed deadline (403)', () => {
      const s = raised().advance('2026-03-10T09:00:00Z');
      expect(s.attempt('complainant', command('record-missed-deadline', { deadlineId: 'acknowledgement-1' }))).toBeInstanceOf(
        ForbiddenError,
      );
    });

    it('refuses recording a deadline the case does not have (400)', () => {
      const s = raised().advance('2026-03-10T09:00:00Z');
      const error = s.attempt('system', command('record-missed-deadline', { deadlineId: 'mediation-9' }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field: 'deadlineId' }] });
    });

    it('refuses recording a deadline that has not yet passed while another has (409)', () => {
      const s = raised().advance('2026-03-10T09:00:00Z');
      expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'informal-resolution-1' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );
    });

    it('refuses recording the same missed deadline twice (409)', () => {
      const s = raised().advance('2026-03-10T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' });
      expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'acknowledgement-1' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );
    });

    it('lets the complainant escalate to a formal complaint at once', () => {
      const s = raised().advance('2026-03-10T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' });
      const events = s.run('complainant', command('lodge-formal'));

      expect(typesOf(events)).toEqual(['FormalComplaintLodged']);
      expect(s.state).toBe('formal.awaitingAcknowledgement');
      expect(s.context.respondentDefaulted).toBe(false);
      expect(s.context.deadlines.map((d) => [d.step, d.status])).toEqual([
        ['acknowledgement', 'missed'],
        ['informal-resolution', 'cancelled'],
        ['formal-acknowledgement', 'open'],
        ['formal-response', 'open'],
      ]);
    });
  });

  it('lets the complainant agree a resolution before any acknowledgement: the case closes as resolved-informally', () => {
    const s = raised();
    const events = s.run('complainant', command('agree-resolution'));
    expect(typesOf(events)).toEqual(['ResolutionAgreed', 'CaseClosed']);
    expect(dataOf(events, 'CaseClosed')).toMatchObject({ outcome: 'resolved-informally', closedOn: '2026-03-02', reopenableUntil: '2026-05-29' });
    expect(s.state).toBe('closed');
    expect(s.context.deadlines.map((d) => d.status)).toEqual(['cancelled', 'met']);
  });

  it('lets the complainant withdraw: the case closes as withdrawn', () => {
    const s = raised();
    const events = s.run('complainant', command('withdraw', { reasonCode: 'no-longer-relevant' }));
    expect(typesOf(events)).toEqual(['DisputeWithdrawn', 'CaseClosed']);
    expect(s.context).toMatchObject({ outcome: 'withdrawn', closedInStage: 1 });
  });
});

describe('when in informal.inDiscussion', () => {
  const discussing = () => new DisputeScenario().upTo('informal.inDiscussion');

  it('lets the complainant lodge a formal complaint, starting the 5 WD and 20 WD clocks from lodging', () => {
    const s = discussing().advance('2026-03-11T10:00:00Z');
    const events = s.run('complainant', command('lodge-formal', { grounds: '  The grant was cut without notice  ' }));

    const lodged = dataOf(events, 'FormalComplaintLodged');
    expect(lodged.grounds).toBe('The grant was cut without notice');
    expect(lodged.deadlines.map((d) => [d.step, d.owedBy, d.startedOn, d.workingDays, d.dueOn])).toEqual([
      ['formal-acknowledgement', 'respondent', '2026-03-11', 5, '2026-03-18'],
      ['formal-response', 'respondent', '2026-03-11', 20, '2026-04-10'],
    ]);
    expect(s.state).toBe('formal.awaitingAcknowledgement');
    expect(s.context.highestStage).toBe(2);
    expect(s.context.deadlines.find((d) => d.step === 'informal-resolution')).toMatchObject({ status: 'met' });
  });

  it('counts the informal clock as missed when the complaint is lodged after it ran out', () => {
    const s = discussing().advance('2026-03-31T09:00:00Z').step('complainant', 'lodge-formal');
    expect(s.context.deadlines.find((d) => d.step === 'informal-resolution')).toMatchObject({ status: 'missed' });
  });

  it('refuses lodging without grounds (400)', () => {
    const error = discussing().attempt('complainant', command('lodge-formal', { grounds: ' ' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'grounds' }] });
  });

  it.each(['respondent', 'secretariat', 'chair', 'auditor'] as const)('refuses %s lodging the formal complaint (403)', (actor) => {
    expect(discussing().attempt(actor, command('lodge-formal'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a second acknowledgement (409)', () => {
    const error = discussing().attempt('respondent', command('acknowledge'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'informal.inDiscussion' });
  });

  it('records the parties’ missed informal clock without letting anyone skip a step', () => {
    const s = discussing().advance('2026-03-31T09:00:00Z');
    const events = s.run('system', command('record-missed-deadline', { deadlineId: 'informal-resolution-1' }));
    expect(dataOf(events, 'DeadlineMissed')).toMatchObject({ owedBy: 'parties', owedByOrganisationIds: ['charity', 'council'] });
    expect(s.state).toBe('informal.inDiscussion');
    expect(s.context.respondentDefaulted).toBe(false);
  });

  it('lets the complainant agree a resolution with actions: the case waits in actionsOpen', () => {
    const s = discussing();
    const events = s.run(
      'complainant',
      command('agree-resolution', {
        terms: 'Grant restored',
        actions: [{ description: 'Pay the grant', ownerId: 'council', dueDate: '2026-04-30', clause: '3.2' }],
      }),
    );

    expect(typesOf(events)).toEqual(['ResolutionAgreed']);
    expect(dataOf(events, 'ResolutionAgreed')).toEqual({
      terms: 'Grant restored',
      outcome: 'resolved-informally',
      actions: [
        {
          actionId: 'A1',
          description: 'Pay the grant',
          ownerId: 'council',
          dueDate: '2026-04-30',
          clause: '3.2',
          checkOn: '2026-05-08',
          checkRule: '5 WD after 2026-04-30, England and Wales',
          calendarVersion: calendar.version,
        },
      ],
    });
    expect(s.state).toBe('actionsOpen');
    expect(s.context.pendingOutcome).toBe('resolved-informally');
    expect(s.context.deadlines.map((d) => d.status)).toEqual(['met', 'met']);
  });

  it.each([
    ['empty terms', { terms: '' }, 'terms'],
    ['an action for an unknown owner', { actions: [{ description: 'd', ownerId: 'nobody', dueDate: '2026-04-30' }] }, 'actions[0].ownerId'],
    ['an action with no real due date', { actions: [{ description: 'd', ownerId: 'council', dueDate: '30/04/2026' }] }, 'actions[0].dueDate'],
    ['an action with no description', { actions: [{ description: '', ownerId: 'council', dueDate: '2026-04-30' }] }, 'actions[0].description'],
  ])('refuses a resolution with %s (400)', (_what, overrides, field) => {
    const error = discussing().attempt('complainant', command('agree-resolution', overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each(['respondent', 'secretariat', 'mediator', 'chair'] as const)('refuses %s agreeing the resolution at stage 1 (403)', (actor) => {
    expect(discussing().attempt(actor, command('agree-resolution'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the complainant withdraw with reason code other and a reason', () => {
    const s = discussing();
    const events = s.run('complainant', command('withdraw', { reasonCode: 'other', reason: 'Funding found elsewhere' }));
    expect(dataOf(events, 'DisputeWithdrawn')).toEqual({ reasonCode: 'other', reason: 'Funding found elsewhere' });
    expect(dataOf(events, 'CaseClosed').outcome).toBe('withdrawn');
  });

  it.each(['resolved-outside', 'no-longer-relevant', 'other'] as const)('lets the complainant withdraw with reason code %s and no reason in words', (reasonCode) => {
    const events = discussing().run('complainant', command('withdraw', { reasonCode, reason: undefined }));
    expect(dataOf(events, 'DisputeWithdrawn')).toEqual({ reasonCode, reason: null });
  });

  it('refuses withdrawal with an unknown reason code (400)', () => {
    expect(discussing().attempt('complainant', rawCommand('withdraw', { reasonCode: 'bored' }))).toMatchObject({ errors: [{ field: 'reasonCode' }] });
  });

  it('refuses the respondent withdrawing the complainant’s dispute (403)', () => {
    expect(discussing().attempt('respondent', command('withdraw'))).toBeInstanceOf(ForbiddenError);
  });

  it('closes at the London date of the closing instant and stays reopenable for 60 working days', () => {
    const s = discussing().advance('2026-03-31T23:30:00Z');
    const events = s.run('complainant', command('agree-resolution'));
    expect(dataOf(events, 'CaseClosed')).toEqual({
      outcome: 'resolved-informally',
      closedOn: '2026-04-01',
      reopenableUntil: '2026-06-30',
      reopenableUntilRule: '60 WD after 2026-04-01, England and Wales',
      calendarVersion: calendar.version,
      unfinishedActionIds: [],
    });
    expect(s.context).toMatchObject({ closedAt: '2026-03-31T23:30:00Z', reopenableUntil: '2026-06-30' });
  });
});
