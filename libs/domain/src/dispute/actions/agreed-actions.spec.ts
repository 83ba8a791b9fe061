import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command } from '../testing/commands.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';
import { typesOf } from '../testing/events.js';
import { twoActions } from '../testing/stories.js';

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
