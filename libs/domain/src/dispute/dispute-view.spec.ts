import { disputeView } from './dispute-view.js';
import { ACTORS, DisputeScenario } from './testing/dispute-scenario.js';

const view = (s: DisputeScenario, viewer: keyof typeof ACTORS = 'complainant') => disputeView(s.current, ACTORS[viewer], s.at);

describe('the case as the API shows it', () => {
  it('shows the dotted state, the stage and the summary fields', () => {
    const s = new DisputeScenario().upTo('cdg.panel.hearing');
    expect(view(s)).toMatchObject({
      id: 'case-1',
      state: 'cdg.panel.hearing',
      stage: 3,
      highestStage: 3,
      complainantId: 'charity',
      respondentIds: ['council'],
      clauses: ['3.2'],
      urgent: false,
      summary: 'Grant cut without notice',
      openedAt: '2026-03-02T10:00:00Z',
    });
    expect(view(s)).not.toHaveProperty('outcome');
  });

  it.each([
    ['informal.inDiscussion', 1],
    ['formal.awaitingResponse', 2],
    ['cdg.triage', 3],
    ['actionsOpen', 3],
  ] as const)('gives %s as stage %i', (step, stage) => {
    expect(view(new DisputeScenario().upTo(step)).stage).toBe(stage);
  });

  it('gives a suspended case the stage it was suspended in, and a closed case no stage', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse').step('secretariat', 'suspend');
    expect(view(s)).toMatchObject({ state: 'suspended', stage: 2 });
    s.step('complainant', 'withdraw');
    expect(view(s)).toMatchObject({ state: 'closed', stage: null, outcome: 'withdrawn', closedAt: s.at });
  });

  it('gives a case referred to an outside body stage 4 (process.md: closed with outcome referred-externally), and keeps it there', () => {
    const s = new DisputeScenario().upTo('formal.awaitingDecision').step('complainant', 'refer-externally');
    expect(view(s)).toMatchObject({ state: 'closed', stage: 4, highestStage: 4, outcome: 'referred-externally' });
    s.step('secretariat', 'record-external-outcome');
    expect(view(s).stage).toBe(4);
  });

  it('lists running, met and missed clocks, but not cancelled ones, with the working days a paused one has left', () => {
    const s = new DisputeScenario().upTo('formal.awaitingAcknowledgement').advance('2026-03-04T10:00:00Z').step('secretariat', 'suspend');
    expect(view(s).deadlines.map((d) => [d.step, d.status, d.dueOn, d.remainingWorkingDays])).toEqual([
      ['acknowledgement', 'met', '2026-03-09', undefined],
      ['informal-resolution', 'met', '2026-03-30', undefined],
      ['formal-acknowledgement', 'paused', '2026-03-09', 3],
      ['formal-response', 'paused', '2026-03-30', 18],
    ]);

    const escalated = new DisputeScenario().raise().advance('2026-03-10T09:00:00Z');
    escalated.step('system', 'record-missed-deadline', { deadlineId: 'acknowledgement-1' }).step('complainant', 'lodge-formal');
    expect(view(escalated).deadlines.map((d) => [d.step, d.status])).toEqual([
      ['acknowledgement', 'missed'],
      ['formal-acknowledgement', 'open'],
      ['formal-response', 'open'],
    ]);
  });

  it('lists the agreed actions with their status', () => {
    const s = new DisputeScenario().upTo('actionsOpen');
    expect(view(s).actions).toEqual([
      { actionId: 'R1', description: 'Reinstate the grant for 12 weeks', ownerId: 'council', dueDate: '2026-06-30', clause: '3.2', status: 'open', completedAt: null },
    ]);
  });

  it('offers each viewer what they may do now, and nothing before the case exists', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse');
    expect(view(s, 'respondent').allowed).toEqual(['extend-response-deadline', 'respond', 'add-note', 'add-evidence']);
    expect(view(s, 'auditor').allowed).toEqual([]);
    expect(view(new DisputeScenario()).allowed).toEqual([]);
  });
});
