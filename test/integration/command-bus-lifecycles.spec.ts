import { DisputeRepository, GetDispute, type Principal, RunSystemCommand, SettableClock } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { stateNameOf } from '#domain';
import { type Engine, startEngine } from '../support/engine.js';

/**
 * Every closure outcome, driven through the command bus against real SQLite files, and each
 * stream replayed from the store by a fresh repository to the same state as the live case.
 */
describe('full lifecycles through the command bus', () => {
  let engine: Engine;
  let council: string;
  let parish: string;
  let charity: string;
  let charityOfficer: Principal;
  let councilOfficer: Principal;
  let parishClerk: Principal;
  let secretariat: Principal;
  let chair: Principal;
  let mediator: Principal;
  let panel: { chair: Principal; statutory: Principal; vcs: Principal };

  beforeAll(async () => {
    engine = await startEngine();
    council = await engine.organisation('Fenland District Council', 'statutory', 'district council');
    parish = await engine.organisation('Histon Parish Council', 'statutory', 'parish council');
    charity = await engine.organisation('Cambridge Food Bank', 'vcs', 'charity');
    const nhs = await engine.organisation('Cambridgeshire NHS Trust', 'statutory', 'NHS trust');
    const group = await engine.organisation('Ely Community Group', 'vcs', 'community group');
    charityOfficer = await engine.person('Food bank officer', ['partner'], charity);
    councilOfficer = await engine.person('Council officer', ['partner'], council);
    parishClerk = await engine.person('Parish clerk', ['partner'], parish);
    secretariat = await engine.person('Secretariat 1', ['secretariat']);
    chair = await engine.person('CDG chair', ['chair']);
    mediator = await engine.person('Mediator 1', ['mediator']);
    panel = {
      chair: await engine.person('Panel chair 1', ['panelist']),
      statutory: await engine.person('Panelist NHS', ['panelist'], nhs),
      vcs: await engine.person('Panelist VCS', ['panelist'], group),
    };
  });

  afterAll(() => engine.destroy());

  const raise = async (respondentId = council) =>
    (
      await engine.raise(charityOfficer, {
        respondentIds: [respondentId],
        clauses: ['3.2', '4.1'],
        summary: 'Grant cut at four weeks notice',
        details: 'Our grant was cut with four weeks notice.',
        desiredOutcome: 'Twelve weeks notice',
        dates: { noticeReceived: '2026-02-02', changeEffective: '2026-03-02' },
      })
    ).id;

  const toFormalDecision = async (id: string, respondent = councilOfficer) => {
    await engine.run(respondent, id, 'acknowledge');
    await engine.run(charityOfficer, id, 'lodge-formal', { grounds: 'No progress informally' });
    await engine.run(respondent, id, 'acknowledge');
    await engine.run(respondent, id, 'respond', { response: 'We followed our policy' });
  };

  const toPanelFindings = async (id: string, finding: string) => {
    await toFormalDecision(id);
    await engine.run(charityOfficer, id, 'refer-to-cdg', { reason: 'Response does not address notice' });
    await engine.run(chair, id, 'choose-route', { route: 'panel' });
    await engine.run(secretariat, id, 'appoint-panel', {
      chairId: panel.chair.personId,
      statutoryMemberId: panel.statutory.personId,
      vcsMemberId: panel.vcs.personId,
    });
    await engine.run(panel.chair, id, 'record-hearing', { heldOn: '2026-03-02', summary: 'Both sides heard' });
    await engine.run(panel.vcs, id, 'issue-findings', {
      finding,
      findings: 'Notice was short of 12 weeks',
      recommendations: finding === 'not-upheld' ? [] : [{ description: 'Reinstate the grant for 8 weeks', ownerId: council, dueDate: '2026-05-01', clause: '3.2' }],
    });
  };

  const view = (id: string, who: Principal = secretariat) => engine.queries.execute(new GetDispute(who, id));

  async function expectReplayMatches(id: string) {
    const fresh = new DisputeRepository(engine.app.get<EventStore>(EVENT_STORE));
    const replayed = await fresh.load(id);
    const live = await view(id);
    expect(replayed).not.toBeNull();
    expect(stateNameOf(replayed!.snapshot)).toBe(live.state);
    expect(replayed!.revision).toBe(live.revision);
    expect(replayed!.snapshot.context.outcome).toBe(live.outcome);
  }

  it('closes resolved-informally when the parties agree at stage 1', async () => {
    const id = await raise();
    await engine.run(councilOfficer, id, 'acknowledge');
    await engine.run(charityOfficer, id, 'agree-resolution', { terms: 'Notice extended to 12 weeks', actions: [] });
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'resolved-informally', stage: null });
    await expectReplayMatches(id);
  });

  it('closes resolved-formally once the last agreed action is completed', async () => {
    const id = await raise();
    await toFormalDecision(id);
    await engine.run(charityOfficer, id, 'agree-resolution', {
      terms: 'Grant continues to June',
      actions: [{ description: 'Pay June instalment', ownerId: council, dueDate: '2026-06-01' }],
    });
    expect(await view(id)).toMatchObject({ state: 'actionsOpen', stage: 2 });
    await engine.run(councilOfficer, id, 'complete-action', { actionId: 'A1', evidence: 'Remittance 123' });
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'resolved-formally' });
    await expectReplayMatches(id);
  });

  it('closes resolved-by-mediation when the mediator records an agreement', async () => {
    const id = await raise();
    await toFormalDecision(id);
    await engine.run(charityOfficer, id, 'refer-to-cdg', { reason: 'Still apart' });
    await engine.run(chair, id, 'choose-route', { route: 'mediation', reason: 'Both parties agree to mediate', consentFrom: [charity, council] });
    await engine.run(secretariat, id, 'appoint-mediator', { personId: mediator.personId });
    expect(await view(id)).toMatchObject({ state: 'cdg.mediation', stage: 3 });
    await engine.run(mediator, id, 'record-session', { heldOn: '2026-03-02', attendees: ['Food bank', 'Council'], summary: 'First session' });
    await engine.run(mediator, id, 'agree-resolution', { terms: 'Phased reduction', actions: [] });
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'resolved-by-mediation' });
    await expectReplayMatches(id);
  });

  it.each(['upheld', 'partly-upheld', 'not-upheld'])('closes %s after the panel and the responses to findings', async (finding) => {
    const id = await raise();
    await toPanelFindings(id, finding);
    expect((await view(id)).state).toBe('cdg.awaitingResponses');
    await engine.run(charityOfficer, id, 'respond-to-findings', { response: 'accept' });
    await engine.run(councilOfficer, id, 'respond-to-findings', { response: 'accept' });
    if (finding !== 'not-upheld') {
      expect((await view(id)).state).toBe('actionsOpen');
      await engine.run(councilOfficer, id, 'complete-action', { actionId: 'R1' });
    }
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: finding });
    await expectReplayMatches(id);
  });

  it('closes withdrawn when the complainant withdraws', async () => {
    const id = await raise();
    await engine.run(charityOfficer, id, 'withdraw', { reasonCode: 'resolved-outside' });
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'withdrawn' });
    await expectReplayMatches(id);
  });

  it('closes not-pursued when the complainant lets the decision window pass', async () => {
    const id = await raise();
    await toFormalDecision(id);
    const deadline = (await view(id)).deadlines.find((d) => d.step === 'complainant-decision' && d.status === 'open');
    expect(deadline?.dueOn).toBe('2026-03-30');
    (engine.clock as SettableClock).set('2026-03-31T09:00:00Z');
    await engine.commands.execute(
      new RunSystemCommand(id, { name: 'record-missed-deadline', payload: { deadlineId: deadline!.id } }),
    );
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'not-pursued' });
    await expectReplayMatches(id);
    (engine.clock as SettableClock).set('2026-03-02T10:00:00Z');
  });

  it('closes referred-externally when the complainant goes to the ombudsman', async () => {
    const id = await raise();
    await toFormalDecision(id);
    await engine.run(charityOfficer, id, 'refer-externally', { body: 'local-government-ombudsman', reference: 'LGO-1' });
    expect(await view(id)).toMatchObject({ state: 'closed', outcome: 'referred-externally', highestStage: 4 });
    await expectReplayMatches(id);
  });

  it('refuses the ombudsman for a parish council respondent', async () => {
    const id = await raise(parish);
    await toFormalDecision(id, parishClerk);
    await expect(
      engine.run(charityOfficer, id, 'refer-externally', { body: 'local-government-ombudsman' }),
    ).rejects.toMatchObject({ code: 'DISPUTE.OUTSIDE_REMIT' });
  });
});
