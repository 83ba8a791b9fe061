import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command } from '../testing/commands.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

describe('when in formal.awaitingAcknowledgement', () => {
  const lodged = () => new DisputeScenario().upTo('formal.awaitingAcknowledgement');

  it('lets the respondent acknowledge: the response clock keeps running from lodging', () => {
    const s = lodged();
    expect(typesOf(s.run('respondent', command('acknowledge')))).toEqual(['AcknowledgementGiven']);
    expect(s.state).toBe('formal.awaitingResponse');
    expect(s.context.deadlines.find((d) => d.step === 'formal-acknowledgement')).toMatchObject({ status: 'met' });
    expect(s.deadline('formal-response')).toMatchObject({ status: 'open', startedOn: '2026-03-02', dueOn: '2026-03-30' });
  });

  it.each(['complainant', 'stranger', 'auditor'] as const)('refuses %s acknowledging (403)', (actor) => {
    expect(lodged().attempt(actor, command('acknowledge'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a response before the acknowledgement (409)', () => {
    const error = lodged().attempt('respondent', command('respond'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({
      state: 'formal.awaitingAcknowledgement',
      allowed: ['acknowledge', 'add-note', 'add-evidence'],
    });
  });

  it('offers the respondent’s one-off extension only once the response is owed: not before acknowledging (409)', () => {
    const s = lodged();
    const error = s.attempt('respondent', command('extend-response-deadline'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'formal.awaitingAcknowledgement' });
    s.step('respondent', 'acknowledge');
    expect(typesOf(s.run('respondent', command('extend-response-deadline')))).toEqual(['ResponseDeadlineExtended']);
  });

  it('refuses the complainant referring to the CDG while the respondent is in time (409)', () => {
    expect(lodged().attempt('complainant', command('refer-to-cdg'))).toBeInstanceOf(NotAllowedInStateError);
  });

  it('lets the complainant refer to the CDG at once when the respondent missed the acknowledgement', () => {
    const s = lodged().advance('2026-03-10T09:00:00Z');
    s.step('system', 'record-missed-deadline', { deadlineId: 'formal-acknowledgement-1' });
    expect(s.context.respondentDefaulted).toBe(true);

    const events = s.run('complainant', command('refer-to-cdg'));
    expect(typesOf(events)).toEqual(['ReferredToCdg']);
    expect(s.state).toBe('cdg.triage');
    expect(dataOf(events, 'ReferredToCdg').deadlines).toEqual([
      expect.objectContaining({ step: 'cdg-triage', owedBy: 'cdg', startedOn: '2026-03-10', workingDays: 10, dueOn: '2026-03-24' }),
    ]);
    expect(s.context.deadlines.find((d) => d.step === 'formal-response')).toMatchObject({ status: 'cancelled' });
  });
});

describe('when in formal.awaitingResponse', () => {
  const awaiting = () => new DisputeScenario().upTo('formal.awaitingResponse');

  it('lets the respondent issue its written response, starting the complainant’s 20 WD decision window', () => {
    const s = awaiting().advance('2026-03-20T10:00:00Z');
    const events = s.run('respondent', command('respond', { response: 'We followed our policy' }));

    expect(typesOf(events)).toEqual(['FormalResponseIssued']);
    expect(dataOf(events, 'FormalResponseIssued')).toMatchObject({
      response: 'We followed our policy',
      deadlines: [
        {
          step: 'complainant-decision',
          owedBy: 'complainant',
          owedByOrganisationIds: ['charity'],
          startedOn: '2026-03-20',
          workingDays: 20,
          dueOn: '2026-04-21',
        },
      ],
    });
    expect(s.state).toBe('formal.awaitingDecision');
    expect(s.context.deadlines.find((d) => d.step === 'formal-response')).toMatchObject({ status: 'met' });
  });

  it('refuses an empty response (400)', () => {
    expect(awaiting().attempt('respondent', command('respond', { response: '' }))).toBeInstanceOf(ValidationError);
  });

  it.each(['complainant', 'secretariat', 'chair'] as const)('refuses %s responding (403)', (actor) => {
    expect(awaiting().attempt(actor, command('respond'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the secretariat issue the response on the respondent’s behalf', () => {
    const s = awaiting().step('secretariatForRespondent', 'respond');
    expect(s.state).toBe('formal.awaitingDecision');
  });

  it('lets the respondent extend once, by up to 10 WD counted from the current due date', () => {
    const s = awaiting();
    const events = s.run('respondent', command('extend-response-deadline', { workingDays: 10, reason: 'Cabinet meets in April' }));

    expect(events).toEqual([
      {
        type: 'ResponseDeadlineExtended',
        data: {
          deadlineId: 'formal-response-1',
          workingDays: 10,
          reason: 'Cabinet meets in April',
          previousDueOn: '2026-03-30',
          dueOn: '2026-04-15',
          rule: '10 WD after 2026-03-30, England and Wales, 16:30 cut-off',
          calendarVersion: calendar.version,
        },
      },
    ]);
    expect(s.state).toBe('formal.awaitingResponse');
    expect(s.deadline('formal-response')).toMatchObject({ dueOn: '2026-04-15', extensions: 1 });
    expect(s.context).toMatchObject({ responseExtensionUsed: true, extensions: 1 });
  });

  it('refuses a second extension by the respondent (409)', () => {
    const s = awaiting().step('respondent', 'extend-response-deadline', { workingDays: 1 });
    const error = s.attempt('respondent', command('extend-response-deadline', { workingDays: 1 }));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'formal.awaitingResponse', allowed: ['respond', 'add-note', 'add-evidence'] });
  });

  it('accepts the extension late on the due day (23:00 London, in summer time)', () => {
    const s = awaiting().advance('2026-03-30T22:00:00Z');
    expect(typesOf(s.run('respondent', command('extend-response-deadline', { workingDays: 2 })))).toEqual(['ResponseDeadlineExtended']);
  });

  it('refuses the extension once the deadline has expired (409)', () => {
    const s = awaiting().advance('2026-03-30T23:30:00Z');
    expect(s.attempt('respondent', command('extend-response-deadline', { workingDays: 2 }))).toBeInstanceOf(NotAllowedInStateError);
  });

  it.each([0, 11, 2.5])('refuses an extension of %s WD (400)', (workingDays) => {
    const error = awaiting().attempt('respondent', command('extend-response-deadline', { workingDays }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'workingDays' }] });
  });

  it('refuses an extension without reasons (400)', () => {
    expect(awaiting().attempt('respondent', command('extend-response-deadline', { reason: '' }))).toMatchObject({
      errors: [{ field: 'reason' }],
    });
  });

  it.each(['complainant', 'secretariat'] as const)('refuses %s using the respondent’s extension (403)', (actor) => {
    expect(awaiting().attempt(actor, command('extend-response-deadline'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the complainant refer to the CDG at once when the respondent missed the response, and not before', () => {
    const s = awaiting().advance('2026-03-30T20:00:00Z');
    expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'formal-response-1' }))).toBeInstanceOf(
      NotAllowedInStateError,
    );
    expect(s.attempt('complainant', command('refer-to-cdg'))).toBeInstanceOf(NotAllowedInStateError);

    s.advance('2026-03-31T08:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'formal-response-1' });
    expect(s.context.respondentDefaulted).toBe(true);
    s.step('complainant', 'refer-to-cdg');
    expect(s.state).toBe('cdg.triage');
    expect(s.context.highestStage).toBe(3);
  });

  it('still takes a late response, recorded as missed', () => {
    const s = awaiting().advance('2026-04-01T09:00:00Z').step('respondent', 'respond');
    expect(s.context.deadlines.find((d) => d.step === 'formal-response')).toMatchObject({ status: 'missed' });
  });
});

describe('when in formal.awaitingDecision', () => {
  const deciding = () => new DisputeScenario().upTo('formal.awaitingDecision');

  it('lets the complainant refer to the CDG, meeting the decision window and starting triage (10 WD)', () => {
    const s = deciding().advance('2026-03-04T10:00:00Z');
    const events = s.run('complainant', command('refer-to-cdg', { reason: 'Not resolved' }));

    expect(dataOf(events, 'ReferredToCdg')).toMatchObject({
      reason: 'Not resolved',
      deadlines: [{ step: 'cdg-triage', startedOn: '2026-03-04', workingDays: 10, dueOn: '2026-03-18' }],
    });
    expect(s.state).toBe('cdg.triage');
    expect(s.context.deadlines.find((d) => d.step === 'complainant-decision')).toMatchObject({ status: 'met' });
  });

  it('refuses a referral without a reason (400)', () => {
    expect(deciding().attempt('complainant', command('refer-to-cdg', { reason: '' }))).toMatchObject({ errors: [{ field: 'reason' }] });
  });

  it.each(['respondent', 'secretariat', 'chair'] as const)('refuses %s referring to the CDG (403)', (actor) => {
    expect(deciding().attempt(actor, command('refer-to-cdg'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the complainant accept the response: the case closes as resolved-formally', () => {
    const s = deciding();
    const events = s.run('complainant', command('agree-resolution', { terms: 'We accept the response' }));
    expect(typesOf(events)).toEqual(['ResolutionAgreed', 'CaseClosed']);
    expect(s.context).toMatchObject({ outcome: 'resolved-formally', closedInStage: 2 });
    expect(s.context.deadlines.find((d) => d.step === 'complainant-decision')).toMatchObject({ status: 'met' });
  });

  it('lets the complainant accept with actions, and the decision window can then no longer close the case as not-pursued', () => {
    const s = deciding().step('complainant', 'agree-resolution', {
      actions: [{ description: 'Publish the notice policy', ownerId: 'council', dueDate: '2026-09-30' }],
    });
    expect(s.state).toBe('actionsOpen');
    expect(s.context.deadlines.filter((d) => d.status === 'open')).toEqual([]);

    s.advance('2026-04-30T10:00:00Z');
    expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'complainant-decision-1' }))).toBeInstanceOf(
      NotAllowedInStateError,
    );
    expect(s.state).toBe('actionsOpen');
  });

  it('closes the case as not-pursued when the complainant lets the decision window pass', () => {
    const s = deciding().advance('2026-03-31T08:00:00Z');
    const events = s.run('system', command('record-missed-deadline', { deadlineId: 'complainant-decision-1' }));

    expect(typesOf(events)).toEqual(['DeadlineMissed', 'CaseClosed']);
    expect(dataOf(events, 'DeadlineMissed')).toMatchObject({ step: 'complainant-decision', owedBy: 'complainant', dueOn: '2026-03-30' });
    expect(dataOf(events, 'CaseClosed')).toMatchObject({ outcome: 'not-pursued', closedOn: '2026-03-31' });
    expect(s.state).toBe('closed');
    expect(s.context.closedInStage).toBe(2);
  });

  it('keeps the decision window open on its last day (409 for the system)', () => {
    const s = deciding().advance('2026-03-30T22:59:00Z');
    expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'complainant-decision-1' }))).toBeInstanceOf(
      NotAllowedInStateError,
    );
  });

  it('refuses the respondent’s extension once the response is issued (409)', () => {
    expect(deciding().attempt('respondent', command('extend-response-deadline'))).toBeInstanceOf(NotAllowedInStateError);
  });
});
