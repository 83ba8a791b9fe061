import { OUTCOMES, type Outcome } from './vocabulary.js';
import { DisputeScenario } from './testing/dispute-scenario.js';
import { typesOf } from './testing/events.js';

/** The clock moves as a real case would: mornings, afternoons after the cut-off, weekends and Easter. */
const LIFECYCLES: Record<Outcome, () => DisputeScenario> = {
  'resolved-informally': () =>
    new DisputeScenario()
      .raise()
      .advance('2026-03-04T11:00:00Z')
      .step('respondent', 'acknowledge')
      .step('complainant', 'add-note', { text: 'Meeting booked' })
      .advance('2026-03-25T09:00:00Z')
      .step('secretariat', 'extend-deadline', { workingDays: 5 })
      .advance('2026-04-02T17:00:00Z')
      .step('complainant', 'agree-resolution', {
        terms: 'Grant restored from May',
        actions: [{ description: 'Pay the May instalment', ownerId: 'council', dueDate: '2026-05-08' }],
      })
      .advance('2026-05-07T10:00:00Z')
      .step('respondent', 'complete-action', { actionId: 'A1', evidence: 'BACS 2026-05-07' }),

  'resolved-formally': () =>
    new DisputeScenario()
      .raise()
      .advance('2026-03-10T08:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' })
      .step('complainant', 'lodge-formal')
      .advance('2026-03-12T10:00:00Z')
      .step('respondent', 'acknowledge')
      .step('respondent', 'extend-response-deadline', { workingDays: 7, reason: 'Cabinet on 14 April' })
      .advance('2026-04-15T14:00:00Z')
      .step('respondent', 'respond')
      .step('complainant', 'add-evidence')
      .advance('2026-04-20T10:00:00Z')
      .step('complainant', 'agree-resolution', { terms: 'We accept the response' }),

  'resolved-by-mediation': () =>
    new DisputeScenario()
      .upTo('formal.awaitingDecision')
      .advance('2026-03-09T10:00:00Z')
      .step('complainant', 'refer-to-cdg')
      .step('chair', 'choose-route', { route: 'mediation' })
      .advance('2026-03-11T10:00:00Z')
      .step('secretariat', 'appoint-mediator')
      .step('respondent', 'object-to-appointment')
      .step('chair', 'rule-on-objection', { upheld: false })
      .advance('2026-03-20T10:00:00Z')
      .step('mediator', 'record-session', { heldOn: '2026-03-20' })
      .advance('2026-04-07T10:00:00Z')
      .step('mediator', 'agree-resolution', {
        terms: 'Staged restoration',
        actions: [
          { description: 'Restore half the grant', ownerId: 'council', dueDate: '2026-05-29' },
          { description: 'Publish a funding timetable', ownerId: 'council', dueDate: '2026-06-30' },
        ],
      })
      .step('mediator', 'record-lesson')
      .advance('2026-05-20T10:00:00Z')
      .step('secretariat', 'vary-action', { actionId: 'A2', dueDate: '2026-07-31', reason: 'Elections' })
      .step('respondent', 'complete-action', { actionId: 'A1' })
      .advance('2026-07-30T10:00:00Z')
      .step('secretariat', 'complete-action', { actionId: 'A2' }),

  upheld: () =>
    new DisputeScenario()
      .upTo('cdg.triage')
      .advance('2026-03-05T10:00:00Z')
      .step('chair', 'choose-route', { route: 'panel' })
      .step('secretariat', 'appoint-panel')
      .advance('2026-03-20T10:00:00Z')
      .step('panelChair', 'record-hearing', { heldOn: '2026-03-20' })
      .advance('2026-03-30T10:00:00Z')
      .step('panelChair', 'issue-findings', { finding: 'upheld' })
      .advance('2026-04-10T10:00:00Z')
      .step('complainant', 'respond-to-findings')
      .step('respondent', 'respond-to-findings')
      .advance('2026-06-29T10:00:00Z')
      .step('respondent', 'complete-action', { actionId: 'R1' }),

  'partly-upheld': () =>
    new DisputeScenario()
      .upTo('cdg.panel.deliberation')
      .advance('2026-03-13T10:00:00Z')
      .step('vcsPanelist', 'issue-findings', {
        finding: 'partly-upheld',
        recommendations: [
          { description: 'Reinstate for 8 weeks', ownerId: 'council', dueDate: '2026-06-30' },
          { description: 'Share accounts', ownerId: 'charity', dueDate: '2026-06-30' },
        ],
      })
      .advance('2026-04-01T10:00:00Z')
      .step('respondent', 'respond-to-findings', { response: 'partly-accept', reasons: 'Eight weeks, not twelve' })
      .advance('2026-04-15T10:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'findings-response-1' })
      .advance('2026-07-07T10:00:00Z')
      .step('system', 'record-missed-action', { actionId: 'R1' }),

  'not-upheld': () =>
    new DisputeScenario()
      .upTo('cdg.mediation')
      .advance('2026-03-30T10:00:00Z')
      .step('mediator', 'end-mediation')
      .step('secretariat', 'appoint-panel')
      .step('statutoryPanelist', 'declare-conflict')
      .advance('2026-04-07T10:00:00Z')
      .step('secretariat', 'appoint-panel', { chairId: 'panel-chair-2', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist-2' })
      .advance('2026-04-20T10:00:00Z')
      .step('secondPanelChair', 'record-hearing', { heldOn: '2026-04-20' })
      .step('secondPanelChair', 'issue-findings', { finding: 'not-upheld', recommendations: [] })
      .step('complainant', 'respond-to-findings', { response: 'decline', reasons: 'We disagree' })
      .step('respondent', 'respond-to-findings')
      .advance('2026-05-05T10:00:00Z')
      .step('complainant', 'request-reopening', { grounds: 'procedural-defect' })
      .advance('2026-05-12T10:00:00Z')
      .step('chair', 'decide-reopening', { granted: false, reason: 'The panel was properly constituted' }),

  withdrawn: () =>
    new DisputeScenario()
      .upTo('formal.awaitingResponse')
      .advance('2026-03-16T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 20 })
      .advance('2026-04-13T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 10 })
      .advance('2026-04-20T10:00:00Z')
      .step('complainant', 'withdraw', { reasonCode: 'resolved-outside' }),

  'not-pursued': () =>
    new DisputeScenario()
      .upTo('formal.awaitingDecision')
      .advance('2026-03-10T10:00:00Z')
      .step('secretariat', 'suspend', { workingDays: 5 })
      .advance('2026-03-17T10:00:00Z')
      .step('respondent', 'resume')
      .advance('2026-05-01T10:00:00Z')
      .step('system', 'record-missed-deadline', { deadlineId: 'complainant-decision-1' }),

  'referred-externally': () =>
    new DisputeScenario('2026-03-27T15:00:00Z')
      .raise({ urgent: true, dates: { noticeReceived: '2026-03-13', changeEffective: '2026-04-30' } })
      .advance('2026-04-01T10:00:00Z')
      .step('respondent', 'acknowledge')
      .advance('2026-04-08T10:00:00Z')
      .step('respondent', 'respond')
      .step('complainant', 'refer-to-cdg')
      .step('chair', 'choose-route', { route: 'panel' })
      .advance('2026-04-09T10:00:00Z')
      .step('complainant', 'refer-externally', { body: 'local-government-ombudsman', reference: 'LGO/26/123' })
      .advance('2026-06-01T10:00:00Z')
      .step('secretariat', 'record-external-outcome', { outcome: 'Ombudsman declined to investigate' }),
};

describe('a full lifecycle for every closure outcome', () => {
  it('covers every outcome in the vocabulary', () => {
    expect(Object.keys(LIFECYCLES).sort()).toEqual([...OUTCOMES].sort());
  });

  it.each(OUTCOMES)('closes as %s and replays to an identical state and context', (outcome) => {
    const s = LIFECYCLES[outcome]();

    expect(s.state).toBe('closed');
    expect(s.context.outcome).toBe(outcome);
    expect(s.context.closedInStage).not.toBeNull();
    expect(typesOf(s.log)).toContain('CaseClosed');
    expect(s.log.filter((e) => e.type === 'CaseClosed').at(-1)?.data).toMatchObject({ outcome });
    expect(s.context.deadlines.filter((d) => d.status === 'open' || d.status === 'paused')).toEqual([]);
    expect(s.replayed()).toEqual(s.live);
  });
});

describe('the stories the lifecycles tell', () => {
  it('resolved-informally: closes when the last action is delivered', () => {
    const s = LIFECYCLES['resolved-informally']();
    expect(typesOf(s.log)).toEqual([
      'DisputeRaised',
      'AcknowledgementGiven',
      'NoteAdded',
      'DeadlineExtended',
      'ResolutionAgreed',
      'ActionCompleted',
      'CaseClosed',
    ]);
    expect(s.context).toMatchObject({ closedInStage: 1, highestStage: 1, extensions: 1 });
    expect(s.context.deadlines.map((d) => [d.step, d.status])).toEqual([
      ['acknowledgement', 'met'],
      ['informal-resolution', 'met'],
    ]);
  });

  it('resolved-formally: the respondent defaulted, the complainant escalated, the respondent used its extension', () => {
    const s = LIFECYCLES['resolved-formally']();
    expect(s.context).toMatchObject({ closedInStage: 2, responseExtensionUsed: true });
    expect(s.context.deadlines.map((d) => [d.step, d.status])).toEqual([
      ['acknowledgement', 'missed'],
      ['informal-resolution', 'cancelled'],
      ['formal-acknowledgement', 'met'],
      ['formal-response', 'met'],
      ['complainant-decision', 'met'],
    ]);
  });

  it('resolved-by-mediation: an objection dismissed, one action varied, both delivered', () => {
    const s = LIFECYCLES['resolved-by-mediation']();
    expect(s.context.objections.map((o) => o.status)).toEqual(['dismissed']);
    expect(s.context.actions.map((a) => [a.actionId, a.status, a.dueDate])).toEqual([
      ['A1', 'completed', '2026-05-29'],
      ['A2', 'completed', '2026-07-31'],
    ]);
  });

  it('partly-upheld: a missed response counts as none, and the case closes when the only action is missed', () => {
    const s = LIFECYCLES['partly-upheld']();
    expect(s.context.findingsResponses).toEqual([
      { organisationId: 'council', response: 'partly-accept', reasons: 'Eight weeks, not twelve' },
      { organisationId: 'charity', response: 'none', reasons: null },
    ]);
    expect(s.context.actions.map((a) => [a.actionId, a.status])).toEqual([['R1', 'missed']]);
  });

  it('not-upheld: mediation failed, a panelist stood down, the reopening was refused', () => {
    const s = LIFECYCLES['not-upheld']();
    // The mediator stood down in the ordinary course; the panel was removed when a member declared a conflict.
    expect(s.context.formerAppointees).toEqual(['mediator']);
    expect(s.context.reopening?.decision).toBe('refused');
  });

  it('withdrawn: while suspended, after a renewal', () => {
    const s = LIFECYCLES.withdrawn();
    expect(s.context).toMatchObject({ suspensions: 2, closedInStage: 2, suspension: null });
  });

  it('referred-externally: an urgent case, closed at stage 4 with the ombudsman’s outcome recorded', () => {
    const s = LIFECYCLES['referred-externally']();
    expect(s.context).toMatchObject({
      urgent: true,
      closedInStage: 4,
      highestStage: 4,
      external: { body: 'local-government-ombudsman', outcomes: ['Ombudsman declined to investigate'] },
    });
    // Raised on Friday 27 March at 15:00 UTC (before the cut-off): 3 WD acknowledgement skips Easter.
    expect(s.context.deadlines[0]).toMatchObject({ step: 'formal-acknowledgement', startedOn: '2026-03-27', dueOn: '2026-04-01', status: 'met' });
  });
});
