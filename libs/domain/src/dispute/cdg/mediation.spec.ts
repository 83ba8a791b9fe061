import { ConflictOfInterestError } from './conflict-of-interest-error.js';
import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

/** Mediator appointed on Monday 2 March 2026: objections until 9 March, mediation due 15 April. */
const mediating = () => new DisputeScenario().upTo('cdg.mediation');

describe('when in cdg.mediation', () => {
  it('lets the case mediator record a session', () => {
    const s = mediating().advance('2026-03-10T15:00:00Z');
    const events = s.run(
      'mediator',
      command('record-session', { heldOn: '2026-03-10', attendees: [' charity-officer ', 'council-officer'], summary: 'Talked it through' }),
    );

    expect(events).toEqual([
      {
        type: 'MediationSessionHeld',
        data: { heldOn: '2026-03-10', attendees: ['charity-officer', 'council-officer'], summary: 'Talked it through' },
      },
    ]);
    expect(s.state).toBe('cdg.mediation');
    expect(s.context.mediationSessions).toBe(1);
  });

  it.each([
    ['a session in the future', { heldOn: '2026-03-03' }, 'heldOn'],
    ['a date that does not exist', { heldOn: '2026-02-29' }, 'heldOn'],
    ['no summary', { summary: '' }, 'summary'],
    ['a blank attendee', { attendees: [''] }, 'attendees[0]'],
  ])('refuses %s (400)', (_what, overrides, field) => {
    const error = mediating().attempt('mediator', command('record-session', overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each(['secondMediator', 'panelChair', 'secretariat', 'complainant'] as const)('refuses %s recording a session (403)', (actor) => {
    expect(mediating().attempt(actor, command('record-session'))).toBeInstanceOf(ForbiddenError);
  });

  it('lets the mediator record the parties’ agreement: the case closes as resolved-by-mediation', () => {
    const s = mediating();
    const events = s.run('mediator', command('agree-resolution', { terms: 'Grant restored at 80%' }));
    expect(typesOf(events)).toEqual(['ResolutionAgreed', 'CaseClosed']);
    expect(dataOf(events, 'CaseClosed').outcome).toBe('resolved-by-mediation');
    expect(s.context.deadlines.find((d) => d.step === 'mediation')).toMatchObject({ status: 'met' });
  });

  it('lets the mediator record an agreement with actions: the case waits in actionsOpen', () => {
    const s = mediating().step('mediator', 'agree-resolution', {
      actions: [{ description: 'Joint review of notice practice', ownerId: 'council', dueDate: '2026-05-29' }],
    });
    expect(s.state).toBe('actionsOpen');
    expect(s.context.pendingOutcome).toBe('resolved-by-mediation');
  });

  it('refuses the complainant recording an agreement during mediation (409)', () => {
    const error = mediating().attempt('complainant', command('agree-resolution'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'cdg.mediation' });
  });

  it('lets the mediator end mediation without agreement: back to triage with the route set to panel', () => {
    const s = mediating().advance('2026-03-20T10:00:00Z');
    const events = s.run('mediator', command('end-mediation', { summary: 'No common ground' }));

    expect(dataOf(events, 'MediationEnded')).toMatchObject({
      summary: 'No common ground',
      deadlines: [{ step: 'cdg-triage', startedOn: '2026-03-20', workingDays: 10, dueOn: '2026-04-07' }],
    });
    expect(s.state).toBe('cdg.triage');
    expect(s.context).toMatchObject({ route: 'panel', mediatorId: null, formerAppointees: ['mediator'], objectionWindowEndsOn: null });
    expect(s.context.deadlines.find((d) => d.step === 'mediation')).toMatchObject({ status: 'met' });

    s.step('secretariat', 'appoint-panel');
    expect(s.state).toBe('cdg.panel.hearing');
  });

  it('refuses ending mediation without a summary (400)', () => {
    expect(mediating().attempt('mediator', command('end-mediation', { summary: '' }))).toBeInstanceOf(ValidationError);
  });

  it('refuses the former mediator acting once mediation has ended (403)', () => {
    const s = mediating().step('mediator', 'end-mediation');
    expect(s.attempt('mediator', command('record-session'))).toBeInstanceOf(ForbiddenError);
  });

  it('records the CDG’s missed mediation clock without ending mediation', () => {
    const s = mediating().advance('2026-04-16T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'mediation-1' });
    expect(s.state).toBe('cdg.mediation');
    expect(s.context.deadlines.find((d) => d.step === 'mediation')).toMatchObject({ status: 'missed' });
  });

  describe('declaring a conflict', () => {
    it('lets the mediator declare a conflict: back to triage for a new mediator, with a fresh triage clock', () => {
      const s = mediating().advance('2026-03-05T10:00:00Z');
      const events = s.run('mediator', command('declare-conflict', { interest: 'My partner works for the council' }));

      expect(dataOf(events, 'ConflictDeclared')).toMatchObject({
        personId: 'mediator',
        interest: 'My partner works for the council',
        deadlines: [{ step: 'cdg-triage', startedOn: '2026-03-05', dueOn: '2026-03-19' }],
      });
      expect(s.state).toBe('cdg.triage');
      // Removed by the declaration: no longer a former appointee who keeps a view of the case.
      expect(s.context).toMatchObject({ mediatorId: null, route: 'mediation', formerAppointees: [] });
      expect(s.context.deadlines.find((d) => d.step === 'mediation')).toMatchObject({ status: 'cancelled' });

      s.step('secretariat', 'appoint-mediator', { personId: 'mediator-2' });
      expect(s.context.mediatorId).toBe('mediator-2');
    });

    it('never appoints again, to this case, a mediator who declared a conflict on it', () => {
      const s = mediating();
      s.run('mediator', command('declare-conflict', { interest: 'My partner works for the council' }));
      const error = s.attempt('secretariat', command('appoint-mediator', { personId: 'mediator' }));
      expect(error).toBeInstanceOf(ConflictOfInterestError);
      expect(s.state).toBe('cdg.triage');
    });

    it('refuses a declaration without the interest (400)', () => {
      expect(mediating().attempt('mediator', command('declare-conflict', { interest: '' }))).toBeInstanceOf(ValidationError);
    });

    it.each(['secondMediator', 'complainant', 'chair'] as const)('refuses %s declaring for the mediator (403)', (actor) => {
      expect(mediating().attempt(actor, command('declare-conflict'))).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('objecting to the appointment', () => {
    it('lets a party object within 5 WD of the appointment, naming the organisation objecting', () => {
      const s = mediating().advance('2026-03-09T22:00:00Z');
      const events = s.run('respondent', command('object-to-appointment', { personId: 'mediator', grounds: 'Advised the charity' }));

      expect(events).toEqual([
        { type: 'AppointmentObjected', data: { personId: 'mediator', organisationId: 'council', grounds: 'Advised the charity' } },
      ]);
      expect(s.state).toBe('cdg.mediation');
      expect(s.context.objections).toEqual([
        { personId: 'mediator', organisationId: 'council', grounds: 'Advised the charity', status: 'pending' },
      ]);
    });

    it('refuses an objection after the 5 WD window (409)', () => {
      const s = mediating().advance('2026-03-10T00:30:00Z');
      expect(s.attempt('complainant', command('object-to-appointment'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('refuses an objection to someone not appointed to the case (400)', () => {
      const error = mediating().attempt('complainant', command('object-to-appointment', { personId: 'mediator-2' }));
      expect(error).toMatchObject({ errors: [{ field: 'personId' }] });
    });

    it('refuses an objection without grounds (400)', () => {
      expect(mediating().attempt('complainant', command('object-to-appointment', { grounds: '' }))).toBeInstanceOf(ValidationError);
    });

    it.each(['stranger', 'secretariat', 'chair', 'mediator'] as const)('refuses %s objecting (403)', (actor) => {
      expect(mediating().attempt(actor, command('object-to-appointment'))).toBeInstanceOf(ForbiddenError);
    });

    it('refuses a second objection while one awaits the chair (409)', () => {
      const s = mediating().step('complainant', 'object-to-appointment');
      expect(s.attempt('respondent', command('object-to-appointment'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('lets the chair uphold it: the mediator stands down and the case goes back to cdg.triage', () => {
      const s = mediating().step('complainant', 'object-to-appointment');
      const events = s.run('chair', command('rule-on-objection', { personId: 'mediator', upheld: true, reason: 'Too close' }));

      expect(dataOf(events, 'ObjectionRuled')).toMatchObject({
        personId: 'mediator',
        upheld: true,
        reason: 'Too close',
        deadlines: [{ step: 'cdg-triage', workingDays: 10 }],
      });
      expect(s.state).toBe('cdg.triage');
      expect(s.context).toMatchObject({ mediatorId: null, formerAppointees: [] });
      expect(s.context.objections.map((o) => o.status)).toEqual(['upheld']);
    });

    it('lets the chair dismiss it: the mediator stays and the other party may still object in the window', () => {
      const s = mediating().step('complainant', 'object-to-appointment');
      const events = s.run('chair', command('rule-on-objection', { upheld: false, reason: 'No real link' }));

      expect(dataOf(events, 'ObjectionRuled')).toMatchObject({ upheld: false, deadlines: [] });
      expect(s.state).toBe('cdg.mediation');
      expect(s.context.mediatorId).toBe('mediator');
      expect(s.context.objections.map((o) => o.status)).toEqual(['dismissed']);

      s.step('respondent', 'object-to-appointment');
      expect(s.context.objections.map((o) => o.status)).toEqual(['dismissed', 'pending']);
    });

    it('refuses a ruling when no objection is pending (409)', () => {
      expect(mediating().attempt('chair', command('rule-on-objection'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('refuses a ruling on someone other than the person objected to (400)', () => {
      const s = mediating().step('complainant', 'object-to-appointment');
      expect(s.attempt('chair', command('rule-on-objection', { personId: 'mediator-2' }))).toMatchObject({ errors: [{ field: 'personId' }] });
    });

    it('refuses a ruling that is not a plain yes or no (400)', () => {
      const s = mediating().step('complainant', 'object-to-appointment');
      const error = s.attempt('chair', rawCommand('rule-on-objection', { personId: 'mediator', upheld: 'yes', reason: 'r' }));
      expect(error).toMatchObject({ errors: [{ field: 'upheld' }] });
    });

    it.each(['secretariat', 'complainant', 'mediator'] as const)('refuses %s ruling on the objection (403)', (actor) => {
      const s = mediating().step('complainant', 'object-to-appointment');
      expect(s.attempt(actor, command('rule-on-objection'))).toBeInstanceOf(ForbiddenError);
    });

    it('drops an objection made moot when the mediator declares a conflict: the next mediator can be objected to afresh', () => {
      const s = mediating().step('complainant', 'object-to-appointment').step('mediator', 'declare-conflict');
      s.step('secretariat', 'appoint-mediator', { personId: 'mediator-2' });

      expect(s.attempt('chair', command('rule-on-objection', { personId: 'mediator' }))).toBeInstanceOf(NotAllowedInStateError);
      s.step('respondent', 'object-to-appointment', { personId: 'mediator-2' });
      s.step('chair', 'rule-on-objection', { personId: 'mediator-2', upheld: false });
      expect(s.context.mediatorId).toBe('mediator-2');
      expect(s.context.objections.map((o) => [o.personId, o.status])).toEqual([
        ['mediator', 'pending'],
        ['mediator-2', 'dismissed'],
      ]);
    });
  });
});
