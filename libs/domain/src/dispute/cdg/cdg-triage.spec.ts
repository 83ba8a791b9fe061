import { ForbiddenError, NotAllowedInStateError, RuleViolationError, ValidationError } from '#core';
import { ConflictOfInterestError } from './conflict-of-interest-error.js';
import { command, rawCommand } from '../testing/commands.js';
import { DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

const triage = () => new DisputeScenario().upTo('cdg.triage');
const toMediation = () => triage().step('chair', 'choose-route', { route: 'mediation' });
const toPanel = () => triage().step('chair', 'choose-route', { route: 'panel' });

describe('when in cdg.triage', () => {
  it('lets the chair choose mediation, which meets the triage clock and keeps the case in triage', () => {
    const s = triage().advance('2026-03-05T10:00:00Z');
    const events = s.run('chair', command('choose-route', { route: 'mediation', reason: 'Both parties agree' }));

    expect(events).toEqual([{ type: 'RouteChosen', data: { route: 'mediation', reason: 'Both parties agree', consentFrom: ['charity', 'council'] } }]);
    expect(s.state).toBe('cdg.triage');
    expect(s.context.route).toBe('mediation');
    expect(s.context.deadlines.find((d) => d.step === 'cdg-triage')).toMatchObject({ status: 'met' });
  });

  it('lets the chair choose a panel without giving a reason', () => {
    const events = triage().run('chair', command('choose-route', { route: 'panel', reason: undefined, consentFrom: undefined }));
    expect(dataOf(events, 'RouteChosen')).toEqual({ route: 'panel', reason: null, consentFrom: [] });
  });

  describe('mediation needs both parties’ agreement', () => {
    it.each([
      ['without consentFrom at all', { consentFrom: undefined }],
      ['with the complainant’s consent only', { consentFrom: ['charity'] }],
      ['with only a reason saying both agree', { consentFrom: [], reason: 'Both parties agreed on the phone' }],
    ])('refuses mediation %s (400 naming consentFrom)', (_what, overrides) => {
      const error = triage().attempt('chair', command('choose-route', { route: 'mediation', ...overrides }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field: 'consentFrom', message: expect.stringContaining('mediation needs the agreement of every party') }] });
    });

    it('refuses consent from an organisation that is not a party, whatever the route (400)', () => {
      const error = triage().attempt('chair', command('choose-route', { route: 'panel', consentFrom: ['charity', 'other'] }));
      expect(error).toMatchObject({ errors: [{ field: 'consentFrom' }] });
    });

    it('records every party’s consent on RouteChosen', () => {
      const events = triage().run('chair', command('choose-route', { route: 'mediation', consentFrom: ['council', 'charity'] }));
      expect(dataOf(events, 'RouteChosen').consentFrom).toEqual(['council', 'charity']);
    });
  });

  it('refuses a route that is not mediation or panel (400)', () => {
    const error = triage().attempt('chair', rawCommand('choose-route', { route: 'arbitration' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'route' }] });
  });

  it.each(['secretariat', 'complainant', 'respondent', 'mediator', 'auditor'] as const)('refuses %s choosing the route (403)', (actor) => {
    expect(triage().attempt(actor, command('choose-route'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses appointing anyone before the chair chose a route (409)', () => {
    const s = triage();
    const error = s.attempt('secretariat', command('appoint-mediator'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'cdg.triage' });
    expect(s.attempt('secretariat', command('appoint-panel'))).toBeInstanceOf(NotAllowedInStateError);
  });

  it('records the CDG’s missed triage clock without moving the case (the chair is alerted)', () => {
    const s = triage().advance('2026-03-17T09:00:00Z');
    const events = s.run('system', command('record-missed-deadline', { deadlineId: 'cdg-triage-1' }));
    expect(dataOf(events, 'DeadlineMissed')).toMatchObject({ step: 'cdg-triage', owedBy: 'cdg', owedByOrganisationIds: [], dueOn: '2026-03-16' });
    expect(s.state).toBe('cdg.triage');
    expect(s.context.respondentDefaulted).toBe(false);
  });

  describe('once mediation is chosen', () => {
    it('lets the secretariat appoint an independent mediator, opening a 5 WD objection window and a 30 WD mediation clock', () => {
      const s = toMediation().advance('2026-03-04T10:00:00Z');
      const events = s.run('secretariat', command('appoint-mediator', { personId: 'mediator' }));

      expect(typesOf(events)).toEqual(['MediatorAppointed']);
      expect(dataOf(events, 'MediatorAppointed')).toMatchObject({
        personId: 'mediator',
        objectionWindowEndsOn: '2026-03-11',
        independenceChecked: ['charity', 'council'],
        deadlines: [{ step: 'mediation', owedBy: 'cdg', startedOn: '2026-03-04', workingDays: 30, dueOn: '2026-04-17' }],
      });
      expect(s.state).toBe('cdg.mediation');
      expect(s.context).toMatchObject({ mediatorId: 'mediator', objectionWindowEndsOn: '2026-03-11' });
    });

    it('refuses appointing a panel instead (409)', () => {
      expect(toMediation().attempt('secretariat', command('appoint-panel'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it.each(['chair', 'complainant', 'mediator'] as const)('refuses %s appointing the mediator (403)', (actor) => {
      expect(toMediation().attempt(actor, command('appoint-mediator'))).toBeInstanceOf(ForbiddenError);
    });

    it('refuses an unknown person or one without the mediator role (400)', () => {
      const s = toMediation();
      expect(s.attempt('secretariat', command('appoint-mediator', { personId: 'nobody' }))).toMatchObject({ errors: [{ field: 'personId' }] });
      expect(s.attempt('secretariat', command('appoint-mediator', { personId: 'panel-chair' }))).toBeInstanceOf(ValidationError);
      expect(s.attempt('secretariat', command('appoint-mediator', { personId: 'no-role' }))).toBeInstanceOf(ValidationError);
    });
  });

  describe('conflict of interest', () => {
    const refusal = (s: DisputeScenario, personId: string) => s.attempt('secretariat', command('appoint-mediator', { personId }));

    it('refuses a current member of a party organisation', () => {
      const error = refusal(toMediation(), 'conflicted-mediator');
      expect(error).toBeInstanceOf(ConflictOfInterestError);
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(error).toMatchObject({ code: 'DISPUTE.CONFLICT_OF_INTEREST', reasons: ['belongs to party organisation council (council)'] });
    });

    it('refuses someone who left a party organisation within the last 12 months', () => {
      expect(refusal(toMediation(), 'former-mediator')).toMatchObject({
        code: 'DISPUTE.CONFLICT_OF_INTEREST',
        reasons: ['belonged to party organisation council (council) until 2026-01-10, less than 12 months ago'],
      });
    });

    it('refuses the Compact lead councillor of a party authority', () => {
      expect(refusal(toMediation(), 'lead-councillor')).toMatchObject({
        code: 'DISPUTE.CONFLICT_OF_INTEREST',
        reasons: ['is the Compact lead councillor of party authority council (council)'],
      });
    });

    it('accepts someone whose membership of a party ended more than 12 months ago', () => {
      const s = toMediation().step('secretariat', 'appoint-mediator', { personId: 'long-gone-mediator' });
      expect(s.context.mediatorId).toBe('long-gone-mediator');
    });

    it('counts the 12 months back from the appointment', () => {
      const s = toMediation().advance('2027-01-11T10:00:00Z').step('secretariat', 'appoint-mediator', { personId: 'former-mediator' });
      expect(s.state).toBe('cdg.mediation');
    });

    it('applies to panel members too', () => {
      const error = toPanel().attempt(
        'secretariat',
        command('appoint-panel', { statutoryMemberId: 'council-panelist' }),
      );
      expect(error).toBeInstanceOf(ConflictOfInterestError);
    });

    it('applies to every party, respondents beyond the first included', () => {
      const s = new DisputeScenario().raise({ respondentIds: ['council', 'nhs'] });
      s.step('respondent', 'acknowledge').step('complainant', 'lodge-formal').step('respondent', 'acknowledge');
      s.step('respondent', 'respond').step('complainant', 'refer-to-cdg').step('chair', 'choose-route', { route: 'panel' });
      // The default statutory panelist works for the NHS trust, now a party.
      expect(s.attempt('secretariat', command('appoint-panel'))).toMatchObject({ code: 'DISPUTE.CONFLICT_OF_INTEREST' });
      s.step('secretariat', 'appoint-panel', { statutoryMemberId: 'statutory-panelist-2' });
      expect(s.state).toBe('cdg.panel.hearing');
    });
  });

  describe('once a panel is chosen', () => {
    it('lets the secretariat appoint three members (independent chair, statutory, vcs): the hearing clock is 20 WD', () => {
      const s = toPanel();
      const events = s.run('secretariat', command('appoint-panel'));

      expect(dataOf(events, 'PanelAppointed')).toMatchObject({
        chairId: 'panel-chair',
        statutoryMemberId: 'statutory-panelist',
        vcsMemberId: 'vcs-panelist',
        objectionWindowEndsOn: '2026-03-09',
        independenceChecked: ['charity', 'council'],
        deadlines: [{ step: 'panel-hearing', owedBy: 'cdg', workingDays: 20, dueOn: '2026-03-30' }],
      });
      expect(s.state).toBe('cdg.panel.hearing');
      expect(s.context.panel).toEqual({ chairId: 'panel-chair', statutoryMemberId: 'statutory-panelist', vcsMemberId: 'vcs-panelist' });
    });

    it('refuses appointing a mediator instead (409)', () => {
      expect(toPanel().attempt('secretariat', command('appoint-mediator'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it.each([
      ['the same person twice', { vcsMemberId: 'panel-chair' }, 'chairId'],
      ['a chair who belongs to an organisation', { chairId: 'vcs-panelist-2' }, 'chairId'],
      ['a statutory member from the voluntary sector', { statutoryMemberId: 'vcs-panelist-2' }, 'statutoryMemberId'],
      ['a vcs member from a statutory body', { vcsMemberId: 'statutory-panelist-2' }, 'vcsMemberId'],
      ['someone without the panelist role', { chairId: 'mediator' }, 'chairId'],
      ['an unknown person', { vcsMemberId: 'nobody' }, 'vcsMemberId'],
    ])('refuses %s (400)', (_what, overrides, field) => {
      const error = toPanel().attempt('secretariat', command('appoint-panel', overrides));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field }] });
    });

    it.each(['chair', 'respondent', 'panelChair'] as const)('refuses %s appointing the panel (403)', (actor) => {
      expect(toPanel().attempt(actor, command('appoint-panel'))).toBeInstanceOf(ForbiddenError);
    });
  });

  it('chooses the route once: a second choice, even before anyone is appointed, is refused (409)', () => {
    const s = toMediation();
    const error = s.attempt('chair', command('choose-route', { route: 'panel' }));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'cdg.triage' });
    expect(s.context.route).toBe('mediation');
  });

  it('keeps the route mediation ending without agreement set to panel: the chair is not asked again', () => {
    const s = toMediation().step('secretariat', 'appoint-mediator').step('mediator', 'end-mediation');
    expect(s.state).toBe('cdg.triage');
    expect(s.context.route).toBe('panel');
    expect(s.attempt('chair', command('choose-route', { route: 'panel' }))).toBeInstanceOf(NotAllowedInStateError);
    expect(s.step('secretariat', 'appoint-panel').state).toBe('cdg.panel.hearing');
  });
});
