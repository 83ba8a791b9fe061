import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { type StepName } from '../dispute-context.js';
import { command } from '../testing/commands.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

/** Acknowledged on Monday 2 March 2026; the informal clock runs to 30 March. Suspended a week later. */
const discussing = () => new DisputeScenario().upTo('informal.inDiscussion');
const suspended = () => discussing().advance('2026-03-09T10:00:00Z').step('secretariat', 'suspend', { workingDays: 20 });

describe('suspending a case', () => {
  it('lets the secretariat suspend with every party’s consent: clocks pause with the working days they had left', () => {
    const s = discussing().advance('2026-03-09T10:00:00Z');
    const events = s.run('secretariat', command('suspend', { reason: 'Budget review', workingDays: 20, consentFrom: ['council', 'charity'] }));

    expect(events).toEqual([
      {
        type: 'CaseSuspended',
        data: {
          reason: 'Budget review',
          workingDays: 20,
          consentFrom: ['council', 'charity'],
          panelChairConsent: null,
          suspendedOn: '2026-03-09',
          until: '2026-04-08',
          untilRule: '20 WD after 2026-03-09, England and Wales, 16:30 cut-off',
          calendarVersion: calendar.version,
          pausedDeadlines: [{ deadlineId: 'informal-resolution-1', remainingWorkingDays: 15 }],
        },
      },
    ]);
    expect(s.state).toBe('suspended');
    expect(s.context.suspension).toEqual({ from: 'informal.inDiscussion', suspendedOn: '2026-03-09', until: '2026-04-08' });
    expect(s.deadline('informal-resolution')).toMatchObject({ status: 'paused', remainingWorkingDays: 15, dueOn: '2026-03-30' });
    expect(s.context.suspensions).toBe(1);
  });

  it.each([
    ['without the respondent’s consent', { consentFrom: ['charity'] }, 'consentFrom'],
    ['with consent from an organisation that is not a party', { consentFrom: ['charity', 'council', 'other'] }, 'consentFrom'],
    ['for no working days', { workingDays: 0 }, 'workingDays'],
    ['for more than 40 working days at a time', { workingDays: 41 }, 'workingDays'],
    ['without a reason', { reason: '' }, 'reason'],
  ])('refuses a suspension %s (400)', (_what, overrides, field) => {
    const error = discussing().attempt('secretariat', command('suspend', overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each(['complainant', 'respondent', 'chair', 'auditor'] as const)('refuses %s suspending (403)', (actor) => {
    expect(discussing().attempt(actor, command('suspend'))).toBeInstanceOf(ForbiddenError);
  });

  it('takes effect by the receipt rule: a suspension on Saturday leaves the clocks what a Monday one would', () => {
    const saturday = discussing().advance('2026-03-07T10:00:00Z').step('secretariat', 'suspend', { workingDays: 20 });
    const monday = discussing().advance('2026-03-09T10:00:00Z').step('secretariat', 'suspend', { workingDays: 20 });
    expect(saturday.deadline('informal-resolution').remainingWorkingDays).toBe(15);
    expect(saturday.context.suspension).toEqual(monday.context.suspension);
  });

  describe('once a panel is appointed', () => {
    const hearing = () => new DisputeScenario().upTo('cdg.panel.hearing');

    it.each([
      ['without the panel chair’s consent', {}],
      ['with panelChairConsent false', { panelChairConsent: false }],
    ])('refuses a suspension %s (400 naming the rule)', (_what, overrides) => {
      const error = hearing().attempt('secretariat', command('suspend', overrides));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field: 'panelChairConsent', message: expect.stringContaining('panel chair’s consent') }] });
    });

    it('suspends with the panel chair’s consent as well as every party’s, and records whose it was', () => {
      const s = hearing();
      const events = s.run('secretariat', command('suspend', { panelChairConsent: true }));
      expect(dataOf(events, 'CaseSuspended')).toMatchObject({ consentFrom: ['charity', 'council'], panelChairConsent: 'panel-chair' });
      expect(s.state).toBe('suspended');
    });

    it('asks for it again on a renewal, and still after the findings', () => {
      const s = hearing().step('secretariat', 'suspend', { panelChairConsent: true });
      expect(s.attempt('secretariat', command('suspend', { workingDays: 10 }))).toMatchObject({ errors: [{ field: 'panelChairConsent' }] });
      const awaiting = new DisputeScenario().upTo('cdg.awaitingResponses');
      expect(awaiting.attempt('secretariat', command('suspend'))).toMatchObject({ errors: [{ field: 'panelChairConsent' }] });
    });

    it('is not asked for before a panel is appointed (the consent is recorded as null)', () => {
      const events = new DisputeScenario().upTo('cdg.mediation').run('secretariat', command('suspend'));
      expect(dataOf(events, 'CaseSuspended').panelChairConsent).toBeNull();
    });
  });

  describe('when suspended', () => {
    it('stops the clocks: nothing can be recorded missed, even after the old due date', () => {
      const s = suspended().advance('2026-04-01T10:00:00Z');
      expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'informal-resolution-1' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );
    });

    it('refuses the steps of the process until resumed (409 naming the state)', () => {
      const s = suspended();
      const error = s.attempt('complainant', command('lodge-formal'));
      expect(error).toBeInstanceOf(NotAllowedInStateError);
      expect(error).toMatchObject({ state: 'suspended', allowed: ['resume', 'withdraw', 'add-note', 'add-evidence'] });
      expect(s.attempt('secretariat', command('extend-deadline'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('still takes notes', () => {
      expect(typesOf(suspended().run('respondent', command('add-note')))).toEqual(['NoteAdded']);
    });

    it('lets the secretariat renew the suspension: the clocks stay as they were paused', () => {
      const s = suspended().advance('2026-04-08T10:00:00Z');
      const events = s.run('secretariat', command('suspend', { workingDays: 10 }));

      expect(dataOf(events, 'CaseSuspended')).toMatchObject({ suspendedOn: '2026-03-09', until: '2026-04-22', pausedDeadlines: [] });
      expect(s.state).toBe('suspended');
      expect(s.context.suspension).toEqual({ from: 'informal.inDiscussion', suspendedOn: '2026-03-09', until: '2026-04-22' });
      expect(s.context.suspensions).toBe(2);
      expect(s.deadline('informal-resolution')).toMatchObject({ status: 'paused', remainingWorkingDays: 15 });
    });

    it('resumes at the step it was in, with the working days it had left counted from resumption', () => {
      const s = suspended().advance('2026-04-13T09:00:00Z');
      const events = s.run('complainant', command('resume'));

      expect(events).toEqual([
        {
          type: 'CaseResumed',
          data: {
            resumedOn: '2026-04-13',
            movedDeadlines: [
              {
                deadlineId: 'informal-resolution-1',
                dueOn: '2026-05-05',
                rule: '15 WD after 2026-04-13, England and Wales, 16:30 cut-off',
                calendarVersion: calendar.version,
              },
            ],
          },
        },
      ]);
      expect(s.state).toBe('informal.inDiscussion');
      expect(s.context.suspension).toBeNull();
      expect(s.deadline('informal-resolution')).toMatchObject({ status: 'open', dueOn: '2026-05-05', remainingWorkingDays: null });
    });

    it('moves every paused clock by what it had left (stage 2: acknowledgement and response)', () => {
      const s = new DisputeScenario().upTo('formal.awaitingAcknowledgement').advance('2026-03-04T10:00:00Z');
      s.step('secretariat', 'suspend');
      expect(s.context.deadlines.filter((d) => d.status === 'paused').map((d) => [d.step, d.remainingWorkingDays])).toEqual([
        ['formal-acknowledgement', 3],
        ['formal-response', 18],
      ]);

      s.advance('2026-04-20T10:00:00Z').step('secretariat', 'resume');
      expect(s.state).toBe('formal.awaitingAcknowledgement');
      expect(s.deadline('formal-acknowledgement').dueOn).toBe('2026-04-23');
      expect(s.deadline('formal-response').dueOn).toBe('2026-05-15');
    });

    it('restarts the clocks by the receipt rule: resuming on a Saturday gives the due dates resuming on the Monday gives', () => {
      const saturday = suspended().advance('2026-04-11T10:00:00Z').step('secretariat', 'resume');
      const monday = suspended().advance('2026-04-13T10:00:00Z').step('secretariat', 'resume');
      expect(saturday.deadline('informal-resolution')).toMatchObject({
        dueOn: '2026-05-05',
        rule: '15 WD after 2026-04-13, England and Wales, 16:30 cut-off',
      });
      expect(saturday.deadline('informal-resolution').dueOn).toBe(monday.deadline('informal-resolution').dueOn);
    });

    it('counts a resumption after 16:30 from the next working day', () => {
      const evening = suspended().advance('2026-04-10T16:45:00Z').step('secretariat', 'resume'); // 17:45 BST on Friday
      expect(evening.deadline('informal-resolution').dueOn).toBe('2026-05-05');
    });

    it('resumes a clock that had already run out as due on the day of resumption', () => {
      const s = discussing().advance('2026-04-01T10:00:00Z').step('secretariat', 'suspend');
      expect(s.deadline('informal-resolution').remainingWorkingDays).toBe(0);
      s.advance('2026-04-14T10:00:00Z').step('respondent', 'resume');
      expect(s.deadline('informal-resolution').dueOn).toBe('2026-04-14');
    });

    it.each(['stranger', 'chair', 'auditor', 'mediator'] as const)('refuses %s resuming (403)', (actor) => {
      expect(suspended().attempt(actor, command('resume'))).toBeInstanceOf(ForbiddenError);
    });

    it('lets the complainant withdraw: the paused clocks are cancelled and the case closes in the stage it was in', () => {
      const s = suspended();
      const events = s.run('complainant', command('withdraw'));
      expect(typesOf(events)).toEqual(['DisputeWithdrawn', 'CaseClosed']);
      expect(s.context).toMatchObject({ outcome: 'withdrawn', closedInStage: 1, suspension: null });
      expect(s.context.deadlines.find((d) => d.step === 'informal-resolution')).toMatchObject({ status: 'cancelled' });
    });
  });

  it('refuses resumption of a case that is not suspended (409)', () => {
    expect(discussing().attempt('secretariat', command('resume'))).toBeInstanceOf(NotAllowedInStateError);
  });

  it.each<StepName>([
    'informal.awaitingAcknowledgement',
    'formal.awaitingAcknowledgement',
    'formal.awaitingResponse',
    'formal.awaitingDecision',
    'cdg.triage',
    'cdg.mediation',
    'cdg.panel.hearing',
    'cdg.panel.deliberation',
    'cdg.awaitingResponses',
  ])('returns a case suspended in %s to exactly that step', (step) => {
    const s = new DisputeScenario().upTo(step).advance('2026-03-04T10:00:00Z');
    const running = s.context.deadlines.filter((d) => d.status === 'open').map((d) => d.id);
    s.step('secretariat', 'suspend', s.context.panel ? { panelChairConsent: true } : {}).advance('2026-03-18T10:00:00Z').step('secretariat', 'resume');

    expect(s.state).toBe(step);
    expect(s.context.deadlines.filter((d) => d.status === 'open').map((d) => d.id)).toEqual(running);
    expect(s.replayed()).toEqual(s.live);
  });
});

describe('extending a deadline by consent', () => {
  it('lets the secretariat move the current step’s clock with every party’s consent', () => {
    const s = discussing();
    const events = s.run('secretariat', command('extend-deadline', { workingDays: 5, reason: 'Papers late', consentFrom: ['charity', 'council'] }));

    expect(events).toEqual([
      {
        type: 'DeadlineExtended',
        data: {
          deadlineId: 'informal-resolution-1',
          workingDays: 5,
          reason: 'Papers late',
          consentFrom: ['charity', 'council'],
          previousDueOn: '2026-03-30',
          dueOn: '2026-04-08',
          rule: '5 WD after 2026-03-30, England and Wales, 16:30 cut-off',
          calendarVersion: calendar.version,
        },
      },
    ]);
    expect(s.state).toBe('informal.inDiscussion');
    expect(s.deadline('informal-resolution')).toMatchObject({ dueOn: '2026-04-08', extensions: 1 });
    expect(s.context.extensions).toBe(1);

    s.advance('2026-03-31T10:00:00Z');
    expect(s.attempt('system', command('record-missed-deadline', { deadlineId: 'informal-resolution-1' }))).toBeInstanceOf(
      NotAllowedInStateError,
    );
  });

  it('moves every party’s clock at once while findings responses are awaited', () => {
    const s = new DisputeScenario().upTo('cdg.awaitingResponses');
    const events = s.run('secretariat', command('extend-deadline', { workingDays: 10 }));
    expect(events.map((e) => e.type === 'DeadlineExtended' && [e.data.deadlineId, e.data.dueOn])).toEqual([
      ['findings-response-1', '2026-04-15'],
      ['findings-response-2', '2026-04-15'],
    ]);
  });

  it('adds to the respondent’s own one-off extension', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse').step('respondent', 'extend-response-deadline', { workingDays: 10 });
    s.step('secretariat', 'extend-deadline', { workingDays: 5 });
    expect(s.deadline('formal-response')).toMatchObject({ dueOn: '2026-04-22', extensions: 2 });
    expect(s.context.extensions).toBe(2);
  });

  it.each([
    ['without every party’s consent', { consentFrom: ['council'] }, 'consentFrom'],
    ['by no working days', { workingDays: 0 }, 'workingDays'],
    ['by more than 60 working days', { workingDays: 61 }, 'workingDays'],
    ['without a reason', { reason: ' ' }, 'reason'],
  ])('refuses an extension %s (400)', (_what, overrides, field) => {
    const error = discussing().attempt('secretariat', command('extend-deadline', overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each(['complainant', 'respondent', 'chair'] as const)('refuses %s extending by consent (403)', (actor) => {
    expect(discussing().attempt(actor, command('extend-deadline'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses an extension when no clock is running (409)', () => {
    const s = new DisputeScenario().upTo('cdg.triage').step('chair', 'choose-route', { route: 'panel' });
    expect(s.attempt('secretariat', command('extend-deadline'))).toBeInstanceOf(NotAllowedInStateError);
  });
});
