import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { calendar, DisputeScenario, START } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

const raise = (s: DisputeScenario, overrides: Parameters<DisputeScenario['raise']>[0] = {}) =>
  s.run('complainant', command('raise', overrides));

describe('when new', () => {
  it('lets a partner raise a dispute for their own organisation against another', () => {
    const s = new DisputeScenario();
    const events = raise(s);

    expect(typesOf(events)).toEqual(['DisputeRaised']);
    expect(s.state).toBe('informal.awaitingAcknowledgement');
    const raised = dataOf(events, 'DisputeRaised');
    expect(raised).toMatchObject({
      caseId: 'case-1',
      complainantId: 'charity',
      respondentIds: ['council'],
      clauses: ['3.2'],
      urgent: false,
      parties: [
        { organisationId: 'charity', sector: 'vcs', type: 'charity' },
        { organisationId: 'council', sector: 'statutory', type: 'district council' },
      ],
    });
    expect(s.context).toMatchObject({ step: 'informal.awaitingAcknowledgement', highestStage: 1, openedAt: START });
  });

  it('starts the acknowledgement (5 WD) and informal resolution (20 WD) clocks from raising, with rule and calendar version', () => {
    const s = new DisputeScenario();
    const { deadlines } = dataOf(raise(s), 'DisputeRaised');

    expect(deadlines).toEqual([
      {
        id: 'acknowledgement-1',
        step: 'acknowledgement',
        owedBy: 'respondent',
        owedByOrganisationIds: ['council'],
        startedOn: '2026-03-02',
        workingDays: 5,
        dueOn: '2026-03-09',
        rule: '5 WD after 2026-03-02, England and Wales, 16:30 cut-off',
        calendarVersion: calendar.version,
      },
      {
        id: 'informal-resolution-1',
        step: 'informal-resolution',
        owedBy: 'parties',
        owedByOrganisationIds: ['charity', 'council'],
        startedOn: '2026-03-02',
        workingDays: 20,
        dueOn: '2026-03-30',
        rule: '20 WD after 2026-03-02, England and Wales, 16:30 cut-off',
        calendarVersion: calendar.version,
      },
    ]);
    expect(s.context.deadlines.map((d) => d.status)).toEqual(['open', 'open']);
  });

  it('lets the secretariat raise on behalf of a partner, who becomes the complainant', () => {
    const s = new DisputeScenario().raise({}, 'secretariatForComplainant');
    expect(s.context.complainantId).toBe('charity');
    expect(s.state).toBe('informal.awaitingAcknowledgement');
  });

  it('refuses the secretariat raising for no organisation (400)', () => {
    const error = new DisputeScenario().attempt('secretariat', command('raise'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'complainant' }] });
  });

  it.each(['chair', 'auditor', 'mediator', 'panelChair', 'admin', 'system'] as const)('refuses %s raising a dispute (403)', (actor) => {
    expect(new DisputeScenario().attempt(actor, command('raise'))).toBeInstanceOf(ForbiddenError);
  });

  it('removes duplicate respondents and clauses', () => {
    const s = new DisputeScenario().raise({ respondentIds: ['council', 'council', 'nhs'], clauses: ['3.2', ' 3.2', '4.1'] });
    expect(s.context.respondentIds).toEqual(['council', 'nhs']);
    expect(s.context.clauses).toEqual(['3.2', '4.1']);
  });

  it('records the clause checks for the dates given', () => {
    const s = new DisputeScenario().raise({ dates: { noticeReceived: '2026-02-02', changeEffective: '2026-03-02' } });
    expect(s.context.clauseChecks).toEqual([expect.objectContaining({ clause: '3.2', result: 'not-met' })]);
  });

  it.each([
    ['no respondent', { respondentIds: [] }, 'respondentIds'],
    ['itself as respondent', { respondentIds: ['charity'] }, 'respondentIds'],
    ['an unknown respondent', { respondentIds: ['nobody'] }, 'respondentIds'],
    ['a respondent that left the Compact', { respondentIds: ['departed'] }, 'respondentIds'],
    ['no clause', { clauses: [] }, 'clauses'],
    ['a clause that is not an id', { clauses: ['three'] }, 'clauses'],
    ['an empty summary', { summary: '  ' }, 'summary'],
    ['no details', { details: '' }, 'details'],
    ['no desired outcome', { desiredOutcome: '' }, 'desiredOutcome'],
    ['an impossible date', { dates: { noticeReceived: '2026-02-30' } }, 'dates.noticeReceived'],
  ])('refuses %s (400 naming the field)', (_what, overrides, field) => {
    const error = new DisputeScenario().attempt('complainant', command('raise', overrides as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it('refuses a second raise on the same case (409 naming the state)', () => {
    const s = new DisputeScenario().raise();
    const error = s.attempt('complainant', command('raise'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'informal.awaitingAcknowledgement', code: 'DISPUTE.NOT_ALLOWED_IN_STATE' });
  });

  it('refuses every case command before the case is raised', () => {
    const s = new DisputeScenario();
    expect(s.attempt('respondent', command('acknowledge'))).toBeInstanceOf(ForbiddenError);
    expect(s.attempt('secretariat', command('suspend'))).toBeInstanceOf(NotAllowedInStateError);
    expect(s.attempt('chair', rawCommand('choose-route', { route: 'panel' }))).toBeInstanceOf(NotAllowedInStateError);
  });
});

describe('the clock that raising starts', () => {
  it('starts the same working day when raised by 16:30 London time', () => {
    const s = new DisputeScenario('2026-03-02T16:30:00Z').raise();
    expect(s.deadline('acknowledgement')).toMatchObject({ startedOn: '2026-03-02', dueOn: '2026-03-09' });
  });

  it('starts the next working day when raised after 16:30 London time', () => {
    const s = new DisputeScenario('2026-03-02T17:00:00Z').raise();
    expect(s.deadline('acknowledgement')).toMatchObject({ startedOn: '2026-03-03', dueOn: '2026-03-10' });
    expect(s.deadline('informal-resolution')).toMatchObject({ startedOn: '2026-03-03', dueOn: '2026-03-31' });
  });

  it('applies the cut-off in British Summer Time (15:45 UTC is 16:45 London)', () => {
    const s = new DisputeScenario('2026-03-30T15:45:00Z').raise();
    expect(s.deadline('acknowledgement')).toMatchObject({ startedOn: '2026-03-31', dueOn: '2026-04-09' });
  });

  it('starts on the Monday when raised on a Saturday', () => {
    const s = new DisputeScenario('2026-03-07T11:00:00Z').raise();
    expect(s.deadline('acknowledgement')).toMatchObject({ startedOn: '2026-03-09', dueOn: '2026-03-16' });
  });

  it('skips Good Friday and Easter Monday 2026', () => {
    const s = new DisputeScenario('2026-03-30T09:00:00Z').raise();
    expect(s.deadline('acknowledgement')).toMatchObject({ startedOn: '2026-03-30', dueOn: '2026-04-08' });
    expect(s.deadline('informal-resolution')).toMatchObject({ startedOn: '2026-03-30', dueOn: '2026-04-29' });
  });
});

describe('the urgent track', () => {
  const urgent = { urgent: true, dates: { noticeReceived: '2026-02-23', changeEffective: '2026-04-01' } };

  it('skips the informal stage: the case starts at formal.awaitingAcknowledgement', () => {
    const s = new DisputeScenario().raise(urgent);
    expect(s.state).toBe('formal.awaitingAcknowledgement');
    expect(s.context).toMatchObject({ urgent: true, step: 'formal.awaitingAcknowledgement', highestStage: 2 });
  });

  it('halves the stage 2 clocks, rounded up: acknowledgement 5 → 3 WD, response 20 → 10 WD', () => {
    const s = new DisputeScenario().raise(urgent);
    expect(s.context.deadlines.map((d) => [d.step, d.workingDays, d.dueOn])).toEqual([
      ['formal-acknowledgement', 3, '2026-03-05'],
      ['formal-response', 10, '2026-03-16'],
    ]);
  });

  it('halves every later stage clock too, but not the chair’s reopening decision', () => {
    const s = new DisputeScenario().raise(urgent).upTo('cdg.triage');
    expect(s.deadline('cdg-triage')).toMatchObject({ workingDays: 5, dueOn: '2026-03-09' });
    const decision = s.context.deadlines.find((d) => d.step === 'complainant-decision');
    expect(decision).toMatchObject({ workingDays: 10, dueOn: '2026-03-16' });

    const mediation = new DisputeScenario().raise(urgent).upTo('cdg.mediation');
    expect(mediation.deadline('mediation')).toMatchObject({ workingDays: 15, dueOn: '2026-03-23' });

    const panel = new DisputeScenario().raise(urgent).upTo('cdg.awaitingResponses');
    const steps = Object.fromEntries(panel.context.deadlines.map((d) => [d.step, d.workingDays]));
    expect(steps).toMatchObject({ 'panel-hearing': 10, 'panel-findings': 5, 'findings-response': 10 });

    panel.upTo('actionsOpen').step('respondent', 'complete-action', { actionId: 'R1' });
    expect(panel.state).toBe('closed');
    panel.step('complainant', 'request-reopening');
    expect(panel.deadline('reopening-decision')).toMatchObject({ workingDays: 10 });
  });

  it('accepts a change taking effect exactly 12 weeks (84 days) after raising', () => {
    const s = new DisputeScenario().raise({ urgent: true, dates: { changeEffective: '2026-05-25' } });
    expect(s.state).toBe('formal.awaitingAcknowledgement');
  });

  it('is refused when the change takes effect more than 12 weeks after raising (400)', () => {
    const error = new DisputeScenario().attempt('complainant', command('raise', { urgent: true, dates: { changeEffective: '2026-05-26' } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'urgent' }] });
  });

  it('is refused without the date the change takes effect (400)', () => {
    const error = new DisputeScenario().attempt('complainant', command('raise', { urgent: true }));
    expect(error).toMatchObject({ errors: [{ field: 'dates.changeEffective' }] });
  });
});
