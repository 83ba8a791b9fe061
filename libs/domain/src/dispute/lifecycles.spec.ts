import { OUTCOMES } from './vocabulary.js';
import { typesOf } from './testing/events.js';
import { LIFECYCLES } from './testing/lifecycles.js';

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
