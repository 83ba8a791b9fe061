import { ForbiddenError, NotAllowedInStateError, RuleViolationError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { type ActorName, DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';
import { PAY_AND_REPORT } from '../testing/stories.js';

/** Closed on Monday 2 March 2026 as resolved-informally: reopenable until 29 May 2026 (60 WD). */
const closedAtStage1 = () => new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'agree-resolution');
const closedAtStage2 = () => new DisputeScenario().upTo('formal.awaitingDecision').step('complainant', 'agree-resolution');
const closedAtStage3 = () =>
  new DisputeScenario()
    .upTo('cdg.awaitingResponses')
    .step('complainant', 'respond-to-findings')
    .step('respondent', 'respond-to-findings', { response: 'decline', reasons: 'We disagree' });

describe('when closed', () => {
  it('records the stage the case closed in', () => {
    expect(closedAtStage1().context).toMatchObject({ outcome: 'resolved-informally', closedInStage: 1, highestStage: 1 });
    expect(closedAtStage2().context).toMatchObject({ outcome: 'resolved-formally', closedInStage: 2, highestStage: 2 });
    expect(closedAtStage3().context).toMatchObject({ outcome: 'upheld', closedInStage: 3, highestStage: 3 });
  });

  it('refuses every step of the process (409 naming the state)', () => {
    const s = closedAtStage1();
    const error = s.attempt('complainant', command('lodge-formal'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'closed', allowed: ['request-reopening', 'add-note', 'add-evidence'] });
    expect(s.attempt('complainant', command('withdraw'))).toBeInstanceOf(NotAllowedInStateError);
    expect(s.attempt('secretariat', command('suspend'))).toBeInstanceOf(NotAllowedInStateError);
  });

  describe('asking to reopen', () => {
    it.each<ActorName>(['complainant', 'respondent'])('lets the %s ask within 60 WD of closure; the chair has 10 WD to decide', (actor) => {
      const s = closedAtStage1().advance('2026-05-01T10:00:00Z');
      const events = s.run(actor, command('request-reopening', { grounds: 'new-evidence', reason: 'Minutes found' }));

      expect(dataOf(events, 'ReopeningRequested')).toMatchObject({
        grounds: 'new-evidence',
        reason: 'Minutes found',
        deadlines: [{ step: 'reopening-decision', owedBy: 'cdg', startedOn: '2026-05-01', workingDays: 10, dueOn: '2026-05-18' }],
      });
      expect(s.state).toBe('closed');
      expect(s.context.reopening).toEqual({
        grounds: 'new-evidence',
        reason: 'Minutes found',
        requestedAt: '2026-05-01T10:00:00Z',
        resumeTo: 'informal.inDiscussion',
        decision: 'pending',
      });
    });

    it('accepts a request late on the last day of the window', () => {
      const s = closedAtStage1().advance('2026-05-29T20:00:00Z');
      expect(typesOf(s.run('complainant', command('request-reopening')))).toEqual(['ReopeningRequested']);
    });

    it('refuses a request once the 60 WD have passed (409)', () => {
      const s = closedAtStage1().advance('2026-05-29T23:30:00Z');
      expect(s.attempt('complainant', command('request-reopening'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it.each(['stranger', 'secretariat', 'chair', 'auditor'] as const)('refuses %s asking (403)', (actor) => {
      expect(closedAtStage1().attempt(actor, command('request-reopening'))).toBeInstanceOf(ForbiddenError);
    });

    it('refuses grounds outside the three allowed, or no reason (400)', () => {
      const s = closedAtStage1();
      expect(s.attempt('complainant', rawCommand('request-reopening', { grounds: 'changed-my-mind', reason: 'r' }))).toMatchObject({
        errors: [{ field: 'grounds' }],
      });
      expect(s.attempt('complainant', command('request-reopening', { reason: '' }))).toMatchObject({ errors: [{ field: 'reason' }] });
    });

    it('refuses action-not-delivered when no agreed action was recorded missed (400)', () => {
      const error = closedAtStage1().attempt('complainant', command('request-reopening', { grounds: 'action-not-delivered' }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field: 'grounds' }] });
    });

    it('refuses a second request while one is pending (409)', () => {
      const s = closedAtStage1().step('complainant', 'request-reopening');
      expect(s.attempt('respondent', command('request-reopening'))).toBeInstanceOf(NotAllowedInStateError);
    });
  });

  describe('the chair deciding', () => {
    it('reopens a stage 1 case at informal.inDiscussion with a fresh 20 WD clock', () => {
      const s = closedAtStage1().advance('2026-04-01T10:00:00Z').step('respondent', 'request-reopening', { grounds: 'procedural-defect' });
      s.advance('2026-04-08T10:00:00Z');
      const events = s.run('chair', command('decide-reopening', { granted: true, reason: 'The process was not followed' }));

      expect(dataOf(events, 'CaseReopened')).toMatchObject({
        reason: 'The process was not followed',
        deadlines: [{ step: 'informal-resolution', startedOn: '2026-04-08', workingDays: 20, dueOn: '2026-05-07' }],
      });
      expect(s.state).toBe('informal.inDiscussion');
      expect(s.context).toMatchObject({ outcome: null, closedAt: null, reopening: { decision: 'granted' } });
      expect(s.context.deadlines.find((d) => d.step === 'reopening-decision')).toMatchObject({ status: 'met' });
    });

    it('reopens a stage 2 case at formal.awaitingResponse with a fresh response clock', () => {
      const s = closedAtStage2().step('complainant', 'request-reopening').step('chair', 'decide-reopening');
      expect(s.state).toBe('formal.awaitingResponse');
      expect(s.deadline('formal-response')).toMatchObject({ id: 'formal-response-2', workingDays: 20, dueOn: '2026-03-30' });
    });

    it('reopens a stage 2 case closed as not-pursued at formal.awaitingResponse', () => {
      const s = new DisputeScenario().upTo('formal.awaitingDecision').advance('2026-03-31T10:00:00Z');
      s.step('system', 'record-missed-deadline', { deadlineId: 'complainant-decision-1' });
      expect(s.context.outcome).toBe('not-pursued');
      s.step('complainant', 'request-reopening', { grounds: 'procedural-defect' }).step('chair', 'decide-reopening');
      expect(s.state).toBe('formal.awaitingResponse');
    });

    it('gives the respondent a fresh clock: a default before closure no longer lets the complainant skip to the CDG', () => {
      const s = new DisputeScenario().upTo('formal.awaitingResponse').advance('2026-03-31T09:00:00Z');
      s.step('system', 'record-missed-deadline', { deadlineId: 'formal-response-1' }).step('respondent', 'respond');
      s.advance('2026-05-01T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'complainant-decision-1' });
      s.step('complainant', 'request-reopening', { grounds: 'procedural-defect' }).step('chair', 'decide-reopening');

      expect(s.state).toBe('formal.awaitingResponse');
      expect(s.context.respondentDefaulted).toBe(false);
      expect(s.attempt('complainant', command('refer-to-cdg'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('reopens a stage 3 case at cdg.triage with a fresh triage clock', () => {
      const s = closedAtStage3().step('respondent', 'request-reopening').step('chair', 'decide-reopening');
      expect(s.state).toBe('cdg.triage');
      expect(s.deadline('cdg-triage')).toMatchObject({ id: 'cdg-triage-2', workingDays: 10 });
    });

    it('refuses the reopening: the case stays closed with its outcome', () => {
      const s = closedAtStage1().step('complainant', 'request-reopening');
      const events = s.run('chair', command('decide-reopening', { granted: false, reason: 'Nothing new' }));

      expect(events).toEqual([{ type: 'ReopeningRefused', data: { reason: 'Nothing new' } }]);
      expect(s.state).toBe('closed');
      expect(s.context).toMatchObject({ outcome: 'resolved-informally', reopening: { decision: 'refused' } });
    });

    it('allows one reopening request per case: none after a refusal, none after a granted reopening', () => {
      const refused = closedAtStage1().step('complainant', 'request-reopening').step('chair', 'decide-reopening', { granted: false });
      expect(refused.attempt('respondent', command('request-reopening'))).toBeInstanceOf(NotAllowedInStateError);

      const granted = closedAtStage1().step('complainant', 'request-reopening').step('chair', 'decide-reopening');
      granted.step('complainant', 'agree-resolution');
      expect(granted.state).toBe('closed');
      expect(granted.attempt('complainant', command('request-reopening'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it('refuses a decision when nothing was asked (409)', () => {
      expect(closedAtStage1().attempt('chair', command('decide-reopening'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it.each(['secretariat', 'complainant', 'panelChair'] as const)('refuses %s deciding (403)', (actor) => {
      const s = closedAtStage1().step('complainant', 'request-reopening');
      expect(s.attempt(actor, command('decide-reopening'))).toBeInstanceOf(ForbiddenError);
    });

    it('refuses a decision that is not a plain yes or no, or has no reason (400)', () => {
      const s = closedAtStage1().step('complainant', 'request-reopening');
      expect(s.attempt('chair', rawCommand('decide-reopening', { granted: 'false', reason: 'r' }))).toMatchObject({ errors: [{ field: 'granted' }] });
      expect(s.attempt('chair', command('decide-reopening', { reason: '' }))).toMatchObject({ errors: [{ field: 'reason' }] });
    });

    it('records the chair’s missed decision clock (the chair is alerted) without deciding', () => {
      const s = closedAtStage1().step('complainant', 'request-reopening').advance('2026-03-17T10:00:00Z');
      const events = s.run('system', command('record-missed-deadline', { deadlineId: 'reopening-decision-1' }));
      expect(dataOf(events, 'DeadlineMissed')).toMatchObject({ step: 'reopening-decision', owedBy: 'cdg', dueOn: '2026-03-16' });
      expect(s.context.reopening?.decision).toBe('pending');
    });
  });

  describe('for an action not delivered', () => {
    /** R1 for the council due 30 June 2026, recorded missed on 7 July: the case closes. */
    const closedByMissedAction = () =>
      new DisputeScenario()
        .upTo('actionsOpen')
        .advance('2026-07-07T10:00:00Z')
        .step('system', 'record-missed-action', { actionId: 'R1' });

    it('resumes at stage 3 whatever stage the case closed in', () => {
      const s = new DisputeScenario().upTo('informal.inDiscussion');
      s.step('complainant', 'agree-resolution', { actions: [{ description: 'Pay', ownerId: 'council', dueDate: '2026-03-31' }] });
      s.advance('2026-04-01T10:00:00Z').step('system', 'record-missed-action', { actionId: 'A1' });
      expect(s.context).toMatchObject({ outcome: 'resolved-informally', closedInStage: 1 });

      s.step('complainant', 'request-reopening', { grounds: 'action-not-delivered' });
      expect(s.context.reopening?.resumeTo).toBe('cdg.triage');
      s.step('chair', 'decide-reopening');
      expect(s.state).toBe('cdg.triage');
      expect(s.deadline('cdg-triage')).toMatchObject({ workingDays: 10 });
    });

    it('reopens a case closed when its last action was missed', () => {
      const s = closedByMissedAction().step('complainant', 'request-reopening', { grounds: 'action-not-delivered' });
      s.step('chair', 'decide-reopening');
      expect(s.state).toBe('cdg.triage');
    });

    it('lets a party ask while other actions are still open, and the chair takes the case back to cdg.triage', () => {
      const s = new DisputeScenario().upTo('cdg.panel.deliberation');
      s.step('panelChair', 'issue-findings', {
        recommendations: [
          { description: 'Pay', ownerId: 'council', dueDate: '2026-04-30' },
          { description: 'Report', ownerId: 'charity', dueDate: '2026-09-30' },
        ],
      });
      s.step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
      expect(s.attempt('complainant', command('request-reopening', { grounds: 'action-not-delivered' }))).toBeInstanceOf(
        NotAllowedInStateError,
      );

      s.advance('2026-05-08T10:00:00Z').step('system', 'record-missed-action', { actionId: 'R1' });
      expect(s.state).toBe('actionsOpen');
      const events = s.run('complainant', command('request-reopening', { grounds: 'action-not-delivered', reason: 'Not paid' }));
      expect(typesOf(events)).toEqual(['ReopeningRequested']);

      const granted = s.run('chair', command('decide-reopening'));
      expect(dataOf(granted, 'CaseReopened').deadlines).toEqual([expect.objectContaining({ step: 'cdg-triage' })]);
      expect(s.state).toBe('cdg.triage');
    });

    it('takes a case with open actions back to cdg.triage on any grounds, with the matching triage clock', () => {
      const s = new DisputeScenario().upTo('informal.inDiscussion');
      s.step('complainant', 'agree-resolution', { actions: PAY_AND_REPORT });
      s.advance('2026-04-01T10:00:00Z').step('system', 'record-missed-action', { actionId: 'A1' });
      s.step('respondent', 'request-reopening', { grounds: 'new-evidence' });
      expect(s.context.reopening?.resumeTo).toBe('cdg.triage');

      const events = s.run('chair', command('decide-reopening'));
      expect(s.state).toBe('cdg.triage');
      expect(dataOf(events, 'CaseReopened').deadlines).toEqual([expect.objectContaining({ step: 'cdg-triage' })]);
      expect(s.replayed()).toEqual(s.live);
    });

    it('lets the chair refuse while actions are open: the case carries on in actionsOpen', () => {
      const s = new DisputeScenario().upTo('informal.inDiscussion');
      s.step('complainant', 'agree-resolution', { actions: PAY_AND_REPORT });
      s.advance('2026-04-01T10:00:00Z').step('system', 'record-missed-action', { actionId: 'A1' });
      s.step('complainant', 'request-reopening', { grounds: 'action-not-delivered' }).step('chair', 'decide-reopening', { granted: false });
      expect(s.state).toBe('actionsOpen');
      expect(s.context.reopening?.decision).toBe('refused');
    });
  });

  describe('referring externally', () => {
    const parishCase = () => {
      const s = new DisputeScenario().raise({ respondentIds: ['parish'] });
      return s.step('parishOfficer', 'acknowledge').step('complainant', 'lodge-formal').step('parishOfficer', 'acknowledge').step('parishOfficer', 'respond');
    };

    it('lets the complainant refer to the Local Government Ombudsman after the formal response: stage 4', () => {
      const s = new DisputeScenario().upTo('formal.awaitingDecision');
      const events = s.run('complainant', command('refer-externally', { body: 'local-government-ombudsman', reference: 'LGO-1' }));

      expect(typesOf(events)).toEqual(['ReferredExternally', 'CaseClosed']);
      expect(dataOf(events, 'CaseClosed').outcome).toBe('referred-externally');
      expect(s.state).toBe('closed');
      expect(s.context).toMatchObject({
        closedInStage: 4,
        highestStage: 4,
        external: { body: 'local-government-ombudsman', reference: 'LGO-1', outcomes: [], previousOutcome: null },
      });
    });

    it.each(['cdg.triage', 'cdg.mediation', 'cdg.panel.hearing', 'cdg.awaitingResponses', 'actionsOpen'] as const)(
      'lets the complainant refer externally from %s',
      (step) => {
        const s = new DisputeScenario().upTo(step).step('complainant', 'refer-externally', { body: 'independent-mediation' });
        expect(s.context.outcome).toBe('referred-externally');
      },
    );

    it('lets the complainant refer a case closed at stage 2 or 3, keeping the earlier outcome', () => {
      const s = closedAtStage3().step('complainant', 'refer-externally', { body: 'legal-advice' });
      expect(s.context).toMatchObject({ outcome: 'referred-externally', external: { body: 'legal-advice', previousOutcome: 'upheld' } });
    });

    it('refuses referring a case closed at stage 1, a withdrawn case, or one already referred (409)', () => {
      expect(closedAtStage1().attempt('complainant', command('refer-externally'))).toBeInstanceOf(NotAllowedInStateError);
      const withdrawn = new DisputeScenario().upTo('cdg.triage').step('complainant', 'withdraw');
      expect(withdrawn.attempt('complainant', command('refer-externally'))).toBeInstanceOf(NotAllowedInStateError);
      const referred = closedAtStage2().step('complainant', 'refer-externally');
      expect(referred.attempt('complainant', command('refer-externally'))).toBeInstanceOf(NotAllowedInStateError);
    });

    it.each(['informal.awaitingAcknowledgement', 'informal.inDiscussion', 'formal.awaitingResponse'] as const)(
      'refuses referring externally from %s (409)',
      (step) => {
        expect(new DisputeScenario().upTo(step).attempt('complainant', command('refer-externally'))).toBeInstanceOf(NotAllowedInStateError);
      },
    );

    it('refuses the Local Government Ombudsman when the only respondent is a parish council (DISPUTE.OUTSIDE_REMIT)', () => {
      const error = parishCase().attempt('complainant', command('refer-externally', { body: 'local-government-ombudsman' }));
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(error).toMatchObject({ code: 'DISPUTE.OUTSIDE_REMIT' });
    });

    it('accepts the Local Government Ombudsman when a district council is among the respondents', () => {
      const s = new DisputeScenario().raise({ respondentIds: ['parish', 'council'] });
      s.step('parishOfficer', 'acknowledge').step('complainant', 'lodge-formal').step('respondent', 'acknowledge').step('respondent', 'respond');
      s.step('complainant', 'refer-externally', { body: 'local-government-ombudsman' });
      expect(s.context.outcome).toBe('referred-externally');
    });

    it('accepts the other routes for a parish council', () => {
      expect(parishCase().step('complainant', 'refer-externally', { body: 'independent-mediation' }).context.outcome).toBe('referred-externally');
    });

    it('refuses the health ombudsman unless a respondent is an NHS body (DISPUTE.OUTSIDE_REMIT)', () => {
      const error = new DisputeScenario().upTo('formal.awaitingDecision').attempt('complainant', command('refer-externally', { body: 'health-ombudsman' }));
      expect(error).toMatchObject({ code: 'DISPUTE.OUTSIDE_REMIT' });

      const nhs = new DisputeScenario().raise({ respondentIds: ['nhs'] });
      nhs.step('nhsOfficer', 'acknowledge').step('complainant', 'lodge-formal').step('nhsOfficer', 'acknowledge').step('nhsOfficer', 'respond');
      expect(nhs.attempt('complainant', command('refer-externally', { body: 'local-government-ombudsman' }))).toMatchObject({
        code: 'DISPUTE.OUTSIDE_REMIT',
      });
      nhs.step('complainant', 'refer-externally', { body: 'health-ombudsman' });
      expect(nhs.context.external?.body).toBe('health-ombudsman');
    });

    it('refuses an unknown external body (400)', () => {
      const error = new DisputeScenario().upTo('formal.awaitingDecision').attempt('complainant', rawCommand('refer-externally', { body: 'the-press' }));
      expect(error).toMatchObject({ errors: [{ field: 'body' }] });
    });

    it.each(['respondent', 'secretariat', 'chair'] as const)('refuses %s referring externally (403)', (actor) => {
      expect(new DisputeScenario().upTo('formal.awaitingDecision').attempt(actor, command('refer-externally'))).toBeInstanceOf(ForbiddenError);
    });

    it('lets the secretariat record what the external body decided, as often as it reports', () => {
      const s = closedAtStage2().step('complainant', 'refer-externally');
      const events = s.run('secretariat', command('record-external-outcome', { outcome: 'Investigation opened' }));
      expect(events).toEqual([{ type: 'ExternalOutcomeRecorded', data: { outcome: 'Investigation opened' } }]);
      s.step('secretariat', 'record-external-outcome', { outcome: 'Maladministration found' });
      expect(s.context.external?.outcomes).toEqual(['Investigation opened', 'Maladministration found']);
      expect(s.state).toBe('closed');
    });

    it('refuses recording an external outcome for a case not referred (409), by anyone else (403), or empty (400)', () => {
      expect(closedAtStage2().attempt('secretariat', command('record-external-outcome'))).toBeInstanceOf(NotAllowedInStateError);
      const s = closedAtStage2().step('complainant', 'refer-externally');
      expect(s.attempt('complainant', command('record-external-outcome'))).toBeInstanceOf(ForbiddenError);
      expect(s.attempt('chair', command('record-external-outcome'))).toBeInstanceOf(ForbiddenError);
      expect(s.attempt('secretariat', command('record-external-outcome', { outcome: '' }))).toBeInstanceOf(ValidationError);
    });

    it('refuses reopening a case referred externally (409)', () => {
      const s = closedAtStage2().step('complainant', 'refer-externally');
      expect(s.attempt('complainant', command('request-reopening'))).toBeInstanceOf(NotAllowedInStateError);
    });
  });
});

describe('when a case leaves actionsOpen before its actions are settled', () => {
  /** Agreed at stage 1 on 2 March: A1 (council, due 31 March) and A2 (charity, due 30 September). */
  const carryingOut = () =>
    new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'agree-resolution', { actions: PAY_AND_REPORT });

  it('withdrawing ends every open action closed-unfinished, listed in CaseClosed: nothing is left to check or miss', () => {
    const s = carryingOut();
    s.step('respondent', 'complete-action', { actionId: 'A1' });
    const events = s.run('complainant', command('withdraw', { reasonCode: 'resolved-outside' }));

    expect(dataOf(events, 'CaseClosed')).toMatchObject({ outcome: 'withdrawn', unfinishedActionIds: ['A2'] });
    expect(s.context.actions.map((a) => [a.actionId, a.status])).toEqual([
      ['A1', 'completed'],
      ['A2', 'closed-unfinished'],
    ]);
    s.advance('2026-10-08T10:00:00Z');
    expect(s.attempt('system', command('record-missed-action', { actionId: 'A2' }))).toMatchObject({
      errors: [{ field: 'actionId', message: 'action A2 is already closed-unfinished' }],
    });
    expect(s.attempt('complainant', command('complete-action', { actionId: 'A2' }))).toBeInstanceOf(NotAllowedInStateError);
    expect(s.replayed()).toEqual(s.live);
  });

  it('referring externally ends them the same way', () => {
    const s = carryingOut();
    const events = s.run('complainant', command('refer-externally', { body: 'independent-mediation' }));
    expect(dataOf(events, 'CaseClosed')).toMatchObject({ outcome: 'referred-externally', unfinishedActionIds: ['A1', 'A2'] });
    expect(s.context.actions.every((a) => a.status === 'closed-unfinished')).toBe(true);
  });

  it('a reopening taking the case back to cdg.triage ends them too, listed in CaseReopened, and the chair chooses a route afresh', () => {
    const s = carryingOut().advance('2026-04-08T10:00:00Z').step('system', 'record-missed-action', { actionId: 'A1' });
    s.step('complainant', 'request-reopening', { grounds: 'action-not-delivered' });
    const events = s.run('chair', command('decide-reopening'));

    expect(dataOf(events, 'CaseReopened').unfinishedActionIds).toEqual(['A2']);
    expect(s.state).toBe('cdg.triage');
    expect(s.context.actions.map((a) => [a.actionId, a.status])).toEqual([
      ['A1', 'missed'],
      ['A2', 'closed-unfinished'],
    ]);
    expect(s.context.route).toBeNull();
    expect(typesOf(s.run('chair', command('choose-route', { route: 'panel' })))).toEqual(['RouteChosen']);
    expect(s.replayed()).toEqual(s.live);
  });

  it('a reopening of a stage 3 case clears the old appointment: the old panel stand down as former appointees', () => {
    const s = closedAtStage3().step('respondent', 'request-reopening').step('chair', 'decide-reopening');
    expect(s.context).toMatchObject({ panel: null, mediatorId: null, route: null });
    expect(s.context.formerAppointees).toEqual(['panel-chair', 'statutory-panelist', 'vcs-panelist']);
  });
});
