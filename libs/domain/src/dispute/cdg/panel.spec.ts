import { ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { command, rawCommand } from '../testing/commands.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';
import { dataOf, typesOf } from '../testing/events.js';

/** Panel appointed on Monday 2 March 2026: objections until 9 March, hearing due 30 March. */
const hearing = () => new DisputeScenario().upTo('cdg.panel.hearing');
const deliberating = () => hearing().advance('2026-03-16T10:00:00Z').step('statutoryPanelist', 'record-hearing', { heldOn: '2026-03-16' });

describe('when in cdg.panel.hearing', () => {
  it('lets any panel member record the hearing, starting the 10 WD findings clock', () => {
    const s = hearing().advance('2026-03-16T10:00:00Z');
    const events = s.run('vcsPanelist', command('record-hearing', { heldOn: '2026-03-13', summary: 'Heard both sides' }));

    expect(dataOf(events, 'PanelHearingHeld')).toMatchObject({
      heldOn: '2026-03-13',
      summary: 'Heard both sides',
      deadlines: [{ step: 'panel-findings', owedBy: 'cdg', startedOn: '2026-03-16', workingDays: 10, dueOn: '2026-03-30' }],
    });
    expect(s.state).toBe('cdg.panel.deliberation');
    expect(s.context.deadlines.find((d) => d.step === 'panel-hearing')).toMatchObject({ status: 'met' });
  });

  it('refuses a hearing dated in the future (400)', () => {
    expect(hearing().attempt('panelChair', command('record-hearing', { heldOn: '2026-03-05' }))).toMatchObject({
      errors: [{ field: 'heldOn' }],
    });
  });

  it.each(['secondPanelChair', 'mediator', 'secretariat', 'respondent'] as const)('refuses %s recording the hearing (403)', (actor) => {
    expect(hearing().attempt(actor, command('record-hearing'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses findings before the hearing (409)', () => {
    const error = hearing().attempt('panelChair', command('issue-findings'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({ state: 'cdg.panel.hearing' });
  });

  it('lets a panel member declare a conflict: the whole panel stands down and the case goes back to triage', () => {
    const s = hearing();
    const events = s.run('statutoryPanelist', command('declare-conflict', { interest: 'I sit on the charity’s board' }));

    expect(typesOf(events)).toEqual(['ConflictDeclared']);
    expect(s.state).toBe('cdg.triage');
    // The whole panel is removed by the declaration: none of them keeps the case as a former appointee.
    expect(s.context).toMatchObject({ panel: null, route: 'panel', formerAppointees: [] });
    expect(s.context.deadlines.find((d) => d.step === 'panel-hearing')).toMatchObject({ status: 'cancelled' });
    expect(s.deadline('cdg-triage')).toMatchObject({ id: 'cdg-triage-2', status: 'open' });

    s.step('secretariat', 'appoint-panel', { chairId: 'panel-chair-2', statutoryMemberId: 'statutory-panelist-2', vcsMemberId: 'vcs-panelist-2' });
    expect(s.state).toBe('cdg.panel.hearing');
  });

  it('lets a party object to one member; upheld, the panel stands down and the case returns to cdg.triage', () => {
    const s = hearing().step('respondent', 'object-to-appointment', { personId: 'vcs-panelist', grounds: 'Works with the charity' });
    s.step('chair', 'rule-on-objection', { personId: 'vcs-panelist', upheld: true });
    expect(s.state).toBe('cdg.triage');
    expect(s.context.panel).toBeNull();
  });

  it('lets the chair dismiss an objection to a member: the panel stays', () => {
    const s = hearing().step('respondent', 'object-to-appointment', { personId: 'vcs-panelist', grounds: 'Works with the charity' });
    s.step('chair', 'rule-on-objection', { personId: 'vcs-panelist', upheld: false });
    expect(s.state).toBe('cdg.panel.hearing');
    expect(s.context.panel?.vcsMemberId).toBe('vcs-panelist');
  });

  it('refuses an objection after the window (409)', () => {
    const s = hearing().advance('2026-03-10T10:00:00Z');
    expect(s.attempt('respondent', command('object-to-appointment', { personId: 'panel-chair' }))).toBeInstanceOf(NotAllowedInStateError);
  });
});

describe('when in cdg.panel.deliberation', () => {
  it('lets a panel member issue findings with recommendations: one 20 WD comply-or-explain clock per party', () => {
    const s = deliberating().advance('2026-03-20T10:00:00Z');
    const events = s.run(
      'panelChair',
      command('issue-findings', {
        finding: 'partly-upheld',
        findings: 'Notice was short; consultation was adequate',
        recommendations: [
          { description: 'Reinstate the grant for 8 weeks', ownerId: 'council', dueDate: '2026-05-29', clause: '3.2' },
          { description: 'Share the budget timetable', ownerId: 'charity', dueDate: '2026-06-30' },
        ],
      }),
    );

    const issued = dataOf(events, 'FindingsIssued');
    expect(issued).toMatchObject({ finding: 'partly-upheld', findings: 'Notice was short; consultation was adequate' });
    expect(issued.recommendations).toEqual([
      {
        recommendationId: 'R1',
        description: 'Reinstate the grant for 8 weeks',
        ownerId: 'council',
        dueDate: '2026-05-29',
        clause: '3.2',
        checkOn: '2026-06-05',
        checkRule: '5 WD after 2026-05-29, England and Wales',
        calendarVersion: calendar.version,
      },
      {
        recommendationId: 'R2',
        description: 'Share the budget timetable',
        ownerId: 'charity',
        dueDate: '2026-06-30',
        clause: null,
        checkOn: '2026-07-07',
        checkRule: '5 WD after 2026-06-30, England and Wales',
        calendarVersion: calendar.version,
      },
    ]);
    expect(issued.deadlines.map((d) => [d.id, d.owedBy, d.owedByOrganisationIds, d.workingDays, d.dueOn])).toEqual([
      ['findings-response-1', 'parties', ['charity'], 20, '2026-04-21'],
      ['findings-response-2', 'parties', ['council'], 20, '2026-04-21'],
    ]);
    expect(s.state).toBe('cdg.awaitingResponses');
    expect(s.context).toMatchObject({ finding: 'partly-upheld', findingsResponses: [] });
    expect(s.context.deadlines.find((d) => d.step === 'panel-findings')).toMatchObject({ status: 'met' });
  });

  it('lets the panel issue findings without recommendations', () => {
    const s = deliberating().step('panelChair', 'issue-findings', { finding: 'not-upheld', recommendations: [] });
    expect(s.context.recommendations).toEqual([]);
  });

  it.each([
    ['a finding outside the vocabulary', { finding: 'dismissed' }, 'finding'],
    ['no findings text', { findings: '' }, 'findings'],
    ['a recommendation for an unknown owner', { recommendations: [{ description: 'd', ownerId: 'nobody', dueDate: '2026-05-29' }] }, 'recommendations[0].ownerId'],
    ['a recommendation without a real date', { recommendations: [{ description: 'd', ownerId: 'council', dueDate: '2026-13-01' }] }, 'recommendations[0].dueDate'],
  ])('refuses %s (400)', (_what, overrides, field) => {
    const error = deliberating().attempt('panelChair', rawCommand('issue-findings', { findings: 'f', finding: 'upheld', recommendations: [], ...overrides }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each(['secondPanelChair', 'chair', 'secretariat', 'complainant'] as const)('refuses %s issuing findings (403)', (actor) => {
    expect(deliberating().attempt(actor, command('issue-findings'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a second hearing record (409)', () => {
    expect(deliberating().attempt('panelChair', command('record-hearing'))).toBeInstanceOf(NotAllowedInStateError);
  });

  it('records the panel’s missed findings clock without moving the case', () => {
    const s = deliberating().advance('2026-03-31T09:00:00Z').step('system', 'record-missed-deadline', { deadlineId: 'panel-findings-1' });
    expect(s.state).toBe('cdg.panel.deliberation');
  });

  it('lets a panel member still declare a conflict, going back to triage', () => {
    const s = deliberating().step('panelChair', 'declare-conflict');
    expect(s.state).toBe('cdg.triage');
    expect(s.context.deadlines.find((d) => d.step === 'panel-findings')).toMatchObject({ status: 'cancelled' });
  });
});
