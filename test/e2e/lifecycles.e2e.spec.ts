import { DeadlineScheduler } from '#application';
import { CASE_COMMANDS } from '#domain';
import { type Cast, castFor, E2eApi, expectProblem, history, type Person, raise, run, START, view } from './support/e2e-world.js';

/**
 * Every closure outcome over HTTP, mirroring test/integration/command-bus-lifecycles.spec.ts, then
 * every command route walked once, and last the system path: the server is stopped and started
 * again on the same data with the clock moved on, and its deadline scheduler records the missed
 * decision window, which closes the case as not-pursued.
 */
describe('full lifecycles over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
  });

  afterAll(() => e2e.dispose());

  const toFormalDecision = async (id: string, respondent: Person = cast.respondent) => {
    await run(respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await run(respondent, id, 'acknowledge');
    await run(respondent, id, 'respond', { response: 'We followed our policy' });
  };

  const toPanelFindings = async (id: string, finding: string) => {
    await toFormalDecision(id);
    await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Response does not address notice' });
    await run(cast.chair, id, 'choose-route', { route: 'panel' });
    await run(cast.secretariat, id, 'appoint-panel', {
      chairId: cast.panelChair.id,
      statutoryMemberId: cast.panelStatutory.id,
      vcsMemberId: cast.panelVcs.id,
    });
    await run(cast.panelChair, id, 'record-hearing', { heldOn: '2026-03-02', summary: 'Both sides heard' });
    await run(cast.panelVcs, id, 'issue-findings', {
      finding,
      findings: 'Notice was short of 12 weeks',
      recommendations:
        finding === 'not-upheld' ? [] : [{ description: 'Reinstate the grant for 8 weeks', ownerId: cast.orgs.council, dueDate: '2026-05-01', clause: '3.2' }],
    });
  };

  /** The case's events end with CaseClosed carrying the outcome, and the revisions run 0, 1, 2, ... */
  const expectClosedHistory = async (id: string, outcome: string) => {
    const events = await history(cast.secretariat, id);
    expect(events.map((e) => e.revision)).toEqual(events.map((_e, i) => i));
    expect(events.at(-1)).toMatchObject({ type: 'CaseClosed', data: { outcome } });
  };

  it('closes resolved-informally when the parties agree at stage 1', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, id, 'acknowledge');
    const agreed = await run(cast.complainant, id, 'agree-resolution', { terms: 'Notice extended to 12 weeks', actions: [] });

    const closed = await view(cast.complainant, id);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'resolved-informally', stage: null, revision: agreed.revision });
    expect(closed.allowed).not.toContain('acknowledge');
    await expectClosedHistory(id, 'resolved-informally');
  });

  it('closes resolved-formally once the last agreed action is completed', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    await run(cast.complainant, id, 'agree-resolution', {
      terms: 'Grant continues to June',
      actions: [{ description: 'Pay June instalment', ownerId: cast.orgs.council, dueDate: '2026-06-01' }],
    });
    expect(await view(cast.respondent, id)).toMatchObject({ state: 'actionsOpen', stage: 2, actions: [{ actionId: 'A1', status: 'open' }] });

    await run(cast.respondent, id, 'complete-action', { actionId: 'A1', evidence: 'Remittance 123' });
    expect(await view(cast.respondent, id)).toMatchObject({ state: 'closed', outcome: 'resolved-formally' });
    await expectClosedHistory(id, 'resolved-formally');
  });

  it('closes resolved-by-mediation when the mediator records an agreement', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Still apart' });
    await run(cast.chair, id, 'choose-route', { route: 'mediation', reason: 'Both parties agree to mediate', consentFrom: [cast.orgs.charity, cast.orgs.council] });
    await run(cast.secretariat, id, 'appoint-mediator', { personId: cast.mediator.id });
    expect(await view(cast.mediator, id)).toMatchObject({ state: 'cdg.mediation', stage: 3 });

    await run(cast.mediator, id, 'record-session', { heldOn: '2026-03-02', attendees: ['Food bank', 'Council'], summary: 'First session' });
    await run(cast.mediator, id, 'agree-resolution', { terms: 'Phased reduction', actions: [] });
    expect(await view(cast.mediator, id)).toMatchObject({ state: 'closed', outcome: 'resolved-by-mediation' });
    await expectClosedHistory(id, 'resolved-by-mediation');
  });

  it.each(['upheld', 'partly-upheld', 'not-upheld'])('closes %s after the panel and the responses to findings', async (finding) => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toPanelFindings(id, finding);
    expect((await view(cast.panelChair, id)).state).toBe('cdg.awaitingResponses');

    await run(cast.complainant, id, 'respond-to-findings', { response: 'accept' });
    await run(cast.respondent, id, 'respond-to-findings', finding === 'upheld' ? { response: 'accept' } : { response: 'partly-accept', reasons: 'Budget is fixed' });
    if (finding !== 'not-upheld') {
      expect((await view(cast.respondent, id)).state).toBe('actionsOpen');
      await run(cast.respondent, id, 'complete-action', { actionId: 'R1' });
    }
    expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: finding });
    await expectClosedHistory(id, finding);
  });

  it('closes withdrawn when the complainant withdraws', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.complainant, id, 'withdraw', { reasonCode: 'resolved-outside' });
    expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: 'withdrawn' });
    await expectClosedHistory(id, 'withdrawn');
  });

  it('closes referred-externally when the complainant goes to the ombudsman, and records what it decided', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    await run(cast.complainant, id, 'refer-externally', { body: 'local-government-ombudsman', reference: 'LGO-1' });
    expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: 'referred-externally', highestStage: 4 });
    await expectClosedHistory(id, 'referred-externally');

    await run(cast.secretariat, id, 'record-external-outcome', { outcome: 'The ombudsman found maladministration' });
    expect((await history(cast.auditor, id)).at(-1)).toMatchObject({ type: 'ExternalOutcomeRecorded' });
  });

  it('refuses the ombudsman for a parish council respondent (409, outside its remit)', async () => {
    const id = await raise(cast.complainant, cast.orgs.parish);
    await toFormalDecision(id, cast.parishClerk);
    const refused = await cast.complainant.http.post(`/disputes/${id}/refer-externally`, { body: 'local-government-ombudsman' });
    expectProblem(refused, 409, 'DISPUTE.OUTSIDE_REMIT');
  });

  it('lets the secretariat raise for a partner and record its steps, on behalf, with the reason kept', async () => {
    const onBehalf = { 'x-on-behalf-of': cast.orgs.charity, 'x-on-behalf-reason': 'Raised by telephone; the officer has no computer access' };
    const raised = await cast.secretariat.http.post(
      '/disputes',
      { respondentIds: [cast.orgs.council], clauses: ['4.1'], summary: 'Funding letter unanswered', details: 'No reply in six weeks', desiredOutcome: 'A reply' },
      onBehalf,
    );
    expect(raised.status).toBe(201);
    const id = (raised.body as { id: string }).id;
    await run(cast.respondent, id, 'acknowledge');
    expect((await cast.secretariat.http.post(`/disputes/${id}/withdraw`, { reasonCode: 'no-longer-relevant' }, onBehalf)).status).toBe(200);

    const events = await history(cast.complainant, id);
    expect(events[0]).toMatchObject({ type: 'DisputeRaised', data: { complainantId: cast.orgs.charity }, actor: { role: 'secretariat', onBehalfOf: { organisationId: cast.orgs.charity } } });
    expect(events.find((e) => e.type === 'DisputeWithdrawn')?.actor).toMatchObject({ role: 'secretariat', onBehalfOf: { reason: onBehalf['x-on-behalf-reason'] } });
  });

  it('walks every command route once, each reaching the machine and recording its event', async () => {
    const used = new Set<string>();
    const step = async (by: Person, id: string, command: string, body: Record<string, unknown> = {}) => {
      used.add(command);
      return run(by, id, command, body);
    };
    const { charity, council } = cast.orgs;
    const id = await raise(cast.complainant, council);

    await step(cast.respondent, id, 'acknowledge');
    await step(cast.complainant, id, 'add-note', { text: 'Spoke to the council on the phone', visibility: 'parties' });
    await step(cast.complainant, id, 'add-evidence', { filename: 'notice.txt', contentType: 'text/plain', contentBase64: Buffer.from('Four weeks notice').toString('base64') });
    await step(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await step(cast.respondent, id, 'acknowledge');
    await step(cast.respondent, id, 'extend-response-deadline', { workingDays: 5, reason: 'Cabinet meets next week' });
    await step(cast.secretariat, id, 'suspend', { reason: 'Both parties in talks', workingDays: 10, consentFrom: [charity, council] });
    expect((await view(cast.secretariat, id)).state).toBe('suspended');
    await step(cast.respondent, id, 'resume');
    expect((await view(cast.secretariat, id)).state).toBe('formal.awaitingResponse');
    await step(cast.secretariat, id, 'extend-deadline', { workingDays: 3, reason: 'Talks ran on', consentFrom: [charity, council] });
    await step(cast.respondent, id, 'respond', { response: 'We followed our policy' });
    await step(cast.complainant, id, 'refer-to-cdg', { reason: 'The response does not address notice' });
    await step(cast.chair, id, 'choose-route', { route: 'mediation', reason: 'Both agree to mediate', consentFrom: [charity, council] });
    await step(cast.secretariat, id, 'appoint-mediator', { personId: cast.mediator.id });
    await step(cast.respondent, id, 'object-to-appointment', { personId: cast.mediator.id, grounds: 'The mediator advised the food bank last year' });
    await step(cast.chair, id, 'rule-on-objection', { personId: cast.mediator.id, upheld: false, reason: 'Advice was general, not on this matter' });
    await step(cast.mediator, id, 'record-session', { heldOn: '2026-03-02', attendees: ['Food bank', 'Council'], summary: 'First session' });
    await step(cast.mediator, id, 'record-lesson', { lesson: 'Notice letters should cite clause 3.2', clause: '3.2' });
    await step(cast.mediator, id, 'end-mediation', { summary: 'No common ground' });
    expect((await view(cast.secretariat, id)).state).toBe('cdg.triage');
    await step(cast.secretariat, id, 'appoint-panel', { chairId: cast.panelChair.id, statutoryMemberId: cast.panelStatutory.id, vcsMemberId: cast.panelVcs.id });
    await step(cast.panelChair, id, 'declare-conflict', { interest: 'I chair a food bank trustee board' });
    await step(cast.secretariat, id, 'appoint-panel', { chairId: cast.otherPanelist.id, statutoryMemberId: cast.panelStatutory.id, vcsMemberId: cast.panelVcs.id });
    await step(cast.otherPanelist, id, 'record-hearing', { heldOn: '2026-03-02', summary: 'Both sides heard' });
    await step(cast.panelVcs, id, 'issue-findings', {
      finding: 'upheld',
      findings: 'Notice was eight weeks short',
      recommendations: [{ description: 'Reinstate the grant for 8 weeks', ownerId: council, dueDate: '2026-05-01', clause: '3.2' }],
    });
    await step(cast.complainant, id, 'respond-to-findings', { response: 'accept' });
    await step(cast.respondent, id, 'respond-to-findings', { response: 'accept' });
    await step(cast.secretariat, id, 'vary-action', { actionId: 'R1', dueDate: '2026-05-15', reason: 'Payment run moved' });
    await step(cast.respondent, id, 'complete-action', { actionId: 'R1', evidence: 'Remittance 456' });
    expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: 'upheld' });
    await step(cast.complainant, id, 'request-reopening', { grounds: 'new-evidence', reason: 'The council has cut the grant again' });
    await step(cast.chair, id, 'decide-reopening', { granted: false, reason: 'That is a new dispute' });
    expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: 'upheld' });

    // The external referral and its outcome, on a case that can take them.
    const referred = await raise(cast.complainant, council);
    await toFormalDecision(referred);
    await step(cast.complainant, referred, 'refer-externally', { body: 'independent-mediation' });
    await step(cast.secretariat, referred, 'record-external-outcome', { outcome: 'Settled at independent mediation' });
    used.add('withdraw').add('agree-resolution'); // walked in the outcome tests above

    expect([...used].sort()).toEqual([...CASE_COMMANDS].sort());
    const types = (await history(cast.auditor, id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['NoteAdded', 'EvidenceAdded', 'CaseSuspended', 'CaseResumed', 'DeadlineExtended', 'ConflictDeclared', 'ActionVaried', 'ReopeningRequested', 'LessonRecorded']),
    );
  });

  describe('the system path: the clock moves on while the server is down', () => {
    it('closes not-pursued when the complainant let the decision window pass, recorded by the deadline scheduler after a restart', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toFormalDecision(id);
      const deadline = (await view(cast.complainant, id)).deadlines.find((d) => d.step === 'complainant-decision' && d.status === 'open');
      expect(deadline?.dueOn).toBe('2026-03-30');

      await e2e.restartAt('2026-03-31T09:00:00.000Z');
      // The scheduler's own run at start-up comes before @nestjs/cqrs has registered the handlers
      // (its next run is 30 s later), so the test asks the running scheduler for a run. Its commands
      // carry idempotency keys: a run at start that did get through would make this one a no-op.
      const report = await e2e.app.get(DeadlineScheduler).runOnce();
      expect(report).toMatchObject({ today: '2026-03-31', failed: 0 });

      expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', outcome: 'not-pursued' });
      const events = await history(cast.complainant, id);
      expect(events.slice(-2)).toMatchObject([
        { type: 'DeadlineMissed', actor: { role: 'system' }, data: { deadlineId: deadline?.id } },
        { type: 'CaseClosed', data: { outcome: 'not-pursued' } },
      ]);
    });
  });
});
