import { type DisputeMachineEvent } from './dispute-events.js';
import { applyDisputeEvent, initialDisputeSnapshot, ReplayError, replayDispute, stateNameOf } from './dispute-state.js';
import { ACTORS, calendar, DisputeScenario } from './testing/dispute-scenario.js';

/** A stored event as the store hands it to the fold: what happened, who did it, when. */
const stored = (event: Omit<DisputeMachineEvent, 'actor' | 'at'> & Partial<DisputeMachineEvent>): DisputeMachineEvent =>
  ({ actor: ACTORS.secretariat, at: '2026-03-03T10:00:00Z', ...event }) as DisputeMachineEvent;

const refusedOnReplay = (run: () => unknown, eventType: string) => {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ReplayError);
  expect(thrown).toMatchObject({ name: 'ReplayError', eventType });
};

describe('replaying a stored stream', () => {
  it('folds the log of a case into the same state and context as the live case', () => {
    const s = new DisputeScenario().upTo('actionsOpen');
    const snapshot = replayDispute(s.log);
    expect(stateNameOf(snapshot)).toBe('actionsOpen');
    expect(snapshot.context).toEqual(s.context);
  });

  it('starts from an empty case in state new', () => {
    expect(stateNameOf(initialDisputeSnapshot())).toBe('new');
  });
});

describe('applyDisputeEvent refuses a stored event the machine would not have allowed', () => {
  it('a case event before the dispute was raised', () => {
    refusedOnReplay(() => applyDisputeEvent(initialDisputeSnapshot(), stored({ type: 'AcknowledgementGiven', data: { organisationId: 'council' } })), 'AcknowledgementGiven');
  });

  it('a dispute raised by someone other than the complainant it names', () => {
    const [raised] = new DisputeScenario().raise().log;
    refusedOnReplay(() => applyDisputeEvent(initialDisputeSnapshot(), { ...raised!, actor: ACTORS.respondent }), 'DisputeRaised');
  });

  it('an acknowledgement recorded by the complainant', () => {
    const s = new DisputeScenario().raise();
    refusedOnReplay(
      () => applyDisputeEvent(s.current, stored({ type: 'AcknowledgementGiven', data: { organisationId: 'charity' }, actor: ACTORS.complainant })),
      'AcknowledgementGiven',
    );
  });

  it('a step that belongs to another state', () => {
    const s = new DisputeScenario().raise();
    refusedOnReplay(
      () => applyDisputeEvent(s.current, stored({ type: 'FormalResponseIssued', data: { response: 'r', deadlines: [] }, actor: ACTORS.respondent })),
      'FormalResponseIssued',
    );
  });

  it('a missed deadline dated on or before its due date', () => {
    const s = new DisputeScenario().raise();
    const missed = stored({
      type: 'DeadlineMissed',
      data: { deadlineId: 'acknowledgement-1', step: 'acknowledgement', owedBy: 'respondent', owedByOrganisationIds: ['council'], dueOn: '2026-03-09' },
      actor: ACTORS.system,
      at: '2026-03-09T20:00:00Z',
    });
    refusedOnReplay(() => applyDisputeEvent(s.current, missed), 'DeadlineMissed');
    expect(stateNameOf(applyDisputeEvent(s.current, { ...missed, at: '2026-03-10T00:00:00Z' }))).toBe('informal.awaitingAcknowledgement');
  });

  it('a missed deadline the case does not have', () => {
    const s = new DisputeScenario().raise();
    const missed = stored({
      type: 'DeadlineMissed',
      data: { deadlineId: 'mediation-1', step: 'mediation', owedBy: 'cdg', owedByOrganisationIds: [], dueOn: '2026-03-09' },
      actor: ACTORS.system,
      at: '2026-04-10T10:00:00Z',
    });
    refusedOnReplay(() => applyDisputeEvent(s.current, missed), 'DeadlineMissed');
  });

  it('a CaseClosed that no closing command preceded', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion');
    refusedOnReplay(
      () => applyDisputeEvent(s.current, stored({ type: 'CaseClosed', data: { outcome: 'withdrawn', closedOn: '2026-03-03', reopenableUntil: '2026-05-28', reopenableUntilRule: null, calendarVersion: null, unfinishedActionIds: [] } })),
      'CaseClosed',
    );
  });

  it('a second DisputeRaised on the same stream', () => {
    const s = new DisputeScenario().raise();
    refusedOnReplay(() => applyDisputeEvent(s.current, s.log[0]!), 'DisputeRaised');
  });

  it('a stream whose events were stored out of order', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse');
    const swapped = [s.log[0]!, s.log[2]!, s.log[1]!, ...s.log.slice(3)];
    refusedOnReplay(() => replayDispute(swapped), 'FormalComplaintLodged');
  });
});

describe('applyDisputeEvent refuses a stored event that would change nothing', () => {
  it('a variation of an action the case does not have', () => {
    const s = new DisputeScenario().upTo('actionsOpen');
    refusedOnReplay(
      () =>
        applyDisputeEvent(
          s.current,
          stored({ type: 'ActionVaried', data: { actionId: 'A42', dueDate: '2026-08-31', description: null, checkOn: '2026-09-07', checkRule: null, calendarVersion: null, reason: 'r' } }),
        ),
      'ActionVaried',
    );
  });

  it('an extension of a deadline that is no longer running', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion');
    const extension = {
      workingDays: 5,
      reason: 'r',
      consentFrom: ['charity', 'council'],
      previousDueOn: '2026-03-09',
      dueOn: '2026-03-16',
      rule: '5 WD after 2026-03-09, England and Wales, 16:30 cut-off',
      calendarVersion: calendar.version,
    };
    refusedOnReplay(
      () => applyDisputeEvent(s.current, stored({ type: 'DeadlineExtended', data: { deadlineId: 'acknowledgement-1', ...extension } })),
      'DeadlineExtended',
    );
    expect(stateNameOf(applyDisputeEvent(s.current, stored({ type: 'DeadlineExtended', data: { deadlineId: 'informal-resolution-1', ...extension } })))).toBe(
      'informal.inDiscussion',
    );
  });

  it('a respondent’s extension naming another clock than its response', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse');
    const data = {
      workingDays: 2,
      reason: 'r',
      previousDueOn: '2026-03-09',
      dueOn: '2026-03-11',
      rule: '2 WD after 2026-03-09, England and Wales, 16:30 cut-off',
      calendarVersion: calendar.version,
    };
    refusedOnReplay(
      () => applyDisputeEvent(s.current, stored({ type: 'ResponseDeadlineExtended', data: { deadlineId: 'formal-acknowledgement-1', ...data }, actor: ACTORS.respondent })),
      'ResponseDeadlineExtended',
    );
  });

  it('a missed action that is already settled', () => {
    const s = new DisputeScenario().upTo('actionsOpen');
    const missed = stored({
      type: 'ActionMissed',
      data: { actionId: 'R9', dueDate: '2026-06-30', reopenableUntil: '2026-09-23', reopenableUntilRule: null, calendarVersion: null },
      actor: ACTORS.system,
      at: '2026-07-10T10:00:00Z',
    });
    refusedOnReplay(() => applyDisputeEvent(s.current, missed), 'ActionMissed');
  });
});
