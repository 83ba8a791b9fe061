import { type Cast, castFor, E2eApi, expectProblem, history, raise, run, START, view } from './support/e2e-world.js';

interface ReplayStep {
  readonly event: { readonly type: string };
  readonly state: string;
  readonly stage: number | null;
}

/** The process and the contract's small print, as the HTTP surface shows them. */
describe('section 6 as written, over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  const ACTION = { description: 'Reinstate the grant for 8 weeks', dueDate: '2026-05-01' };

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
  });

  afterAll(() => e2e.dispose());

  const toFormalDecision = async (id: string) => {
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
  };
  const toTriage = async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Still apart' });
    return id;
  };
  const panel = () => ({ chairId: cast.panelChair.id, statutoryMemberId: cast.panelStatutory.id, vcsMemberId: cast.panelVcs.id });
  const toHearing = async () => {
    const id = await toTriage();
    await run(cast.chair, id, 'choose-route', { route: 'panel' });
    await run(cast.secretariat, id, 'appoint-panel', panel());
    return id;
  };
  const parties = () => [cast.orgs.charity, cast.orgs.council];

  describe('choosing the route', () => {
    it('refuses mediation without every party’s consent in consentFrom (400); the chair’s reason is not consent', async () => {
      const id = await toTriage();
      const problem = expectProblem(await cast.chair.http.post(`/disputes/${id}/choose-route`, { route: 'mediation', reason: 'Both parties agreed' }), 400);
      expect(problem.errors).toEqual([{ field: 'consentFrom', message: expect.stringContaining('mediation needs the agreement of every party') }]);
      expectProblem(await cast.chair.http.post(`/disputes/${id}/choose-route`, { route: 'mediation', consentFrom: [cast.orgs.charity] }), 400);
      expect((await history(cast.secretariat, id)).map((e) => e.type)).not.toContain('RouteChosen');
    });

    it('records the parties’ consent in RouteChosen, and chooses the route once: a second choice is a 409', async () => {
      const id = await toTriage();
      await run(cast.chair, id, 'choose-route', { route: 'mediation', consentFrom: parties() });
      expect((await history(cast.secretariat, id)).find((e) => e.type === 'RouteChosen')?.data).toMatchObject({ route: 'mediation', consentFrom: parties() });

      const again = expectProblem(await cast.chair.http.post(`/disputes/${id}/choose-route`, { route: 'panel' }), 409);
      expect(again).toMatchObject({ state: 'cdg.triage' });
      expect(again.allowed).not.toContain('choose-route');
    });
  });

  describe('suspending once a panel is appointed', () => {
    it('needs the panel chair’s consent too: 400 without it, naming the rule; recorded in CaseSuspended with it', async () => {
      const id = await toHearing();
      const body = { reason: 'Both sides in talks', workingDays: 10, consentFrom: parties() };
      const missing = expectProblem(await cast.secretariat.http.post(`/disputes/${id}/suspend`, body), 400);
      expect(missing.errors).toEqual([{ field: 'panelChairConsent', message: expect.stringContaining('panel chair’s consent') }]);
      expectProblem(await cast.secretariat.http.post(`/disputes/${id}/suspend`, { ...body, panelChairConsent: false }), 400);

      await run(cast.secretariat, id, 'suspend', { ...body, panelChairConsent: true });
      expect((await history(cast.secretariat, id)).at(-1)).toMatchObject({ type: 'CaseSuspended', data: { panelChairConsent: cast.panelChair.id } });
    });
  });

  it('offers the respondent’s one-off extension only once the written response is owed (409 before acknowledging)', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    const early = expectProblem(await cast.respondent.http.post(`/disputes/${id}/extend-response-deadline`, { workingDays: 5, reason: 'Cabinet' }), 409);
    expect(early).toMatchObject({ state: 'formal.awaitingAcknowledgement' });
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.respondent, id, 'extend-response-deadline', { workingDays: 5, reason: 'Cabinet' });
  });

  describe('the transient closing state and stage 4', () => {
    it('never shows closing in the replay: the step of the command that ended the case shows it closed', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await run(cast.complainant, id, 'withdraw', { reasonCode: 'resolved-outside' });
      const { steps } = (await cast.secretariat.http.get(`/disputes/${id}/replay`)).body as { steps: ReplayStep[] };
      expect(steps.map((s) => [s.event.type, s.state])).toEqual([
        ['DisputeRaised', 'informal.awaitingAcknowledgement'],
        ['DisputeWithdrawn', 'closed'],
        ['CaseClosed', 'closed'],
      ]);
    });

    it('refuses closing as a list filter (400)', async () => {
      const problem = expectProblem(await cast.secretariat.http.get('/disputes?state=closing'), 400);
      expect(problem.errors).toEqual([{ field: 'state', message: expect.not.stringContaining('closing') }]);
    });

    it('lists a case referred externally under ?stage=4, and shows it at stage 4', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toFormalDecision(id);
      await run(cast.complainant, id, 'refer-externally', { body: 'local-government-ombudsman', reference: 'LGO/26/9' });
      expect(await view(cast.complainant, id)).toMatchObject({ state: 'closed', stage: 4, outcome: 'referred-externally' });
      const listed = (await cast.secretariat.http.get('/disputes?stage=4')).body as { items: { id: string; stage: number }[] };
      expect(listed.items.map((i) => [i.id, i.stage])).toEqual([[id, 4]]);
    });
  });

  describe('clauses', () => {
    it.each([
      ['raising', (_id: string) => cast.complainant.http.post('/disputes', { respondentIds: [cast.orgs.council], clauses: ['9.9'], summary: 's', details: 'd', desiredOutcome: 'o' }), 'clauses'],
      ['an agreed action', (id: string) => cast.complainant.http.post(`/disputes/${id}/agree-resolution`, { terms: 'Agreed', actions: [{ ...ACTION, ownerId: cast.orgs.council, clause: '9.9' }] }), 'actions.0.clause'],
      ['a lesson', (id: string) => cast.secretariat.http.post(`/disputes/${id}/record-lesson`, { lesson: 'Ask early', clause: '9.9' }), 'clause'],
    ])('refuses a clause the Compact does not have on %s (400)', async (_what, send, field) => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const problem = expectProblem(await send(id), 400);
      expect(problem.errors).toEqual([{ field, message: expect.stringContaining('clause of the Compact (1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5)') }]);
    });
  });

  it('takes a withdrawal with reason code other and no reason in words', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.complainant, id, 'withdraw', { reasonCode: 'other' });
    expect((await history(cast.complainant, id)).find((e) => e.type === 'DisputeWithdrawn')?.data).toEqual({ reasonCode: 'other', reason: null });
  });

  describe('agreed actions', () => {
    /** A panel recommends one action to the council and one to the youth trust, which is no party. */
    const withActions = async () => {
      const id = await toHearing();
      await run(cast.panelChair, id, 'record-hearing', { heldOn: '2026-03-02', summary: 'Both sides heard' });
      await run(cast.panelChair, id, 'issue-findings', {
        finding: 'upheld',
        findings: 'Notice was short',
        recommendations: [
          { ...ACTION, ownerId: cast.orgs.council, clause: '3.2' },
          { description: 'Host a joint workshop', ownerId: cast.orgs.third, dueDate: '2026-05-29' },
        ],
      });
      await run(cast.complainant, id, 'respond-to-findings', { response: 'accept' });
      await run(cast.respondent, id, 'respond-to-findings', { response: 'accept' });
      return id;
    };

    it('refuses a party that owns none of them with 403, not 409', async () => {
      const id = await withActions();
      const problem = expectProblem(await cast.complainant.http.post(`/disputes/${id}/complete-action`, { actionId: 'R1' }), 403, 'DISPUTE.NOT_ACTION_OWNER');
      expect(problem.detail).toContain('R1');
    });

    it('lets an owner that is no party see the case, find the action in its queue and complete it', async () => {
      const id = await withActions();
      expect(await view(cast.outsider, id)).toMatchObject({ state: 'actionsOpen', allowed: expect.arrayContaining(['complete-action']) });
      const queue = (await cast.outsider.http.get('/work-queue')).body as { items: { caseId: string; actionId?: string; action: string }[] };
      expect(queue.items.filter((i) => i.caseId === id)).toEqual([expect.objectContaining({ actionId: 'R2', action: 'complete-action' })]);
      expect(((await cast.outsider.http.get('/disputes')).body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(id);
      await run(cast.outsider, id, 'complete-action', { actionId: 'R2', evidence: 'Workshop held on 20 May' });
      // Owning an action makes it no party: the list's party filter still names the parties only.
      const byParty = (await cast.secretariat.http.get(`/disputes?organisationId=${cast.orgs.third}`)).body as { items: { id: string }[] };
      expect(byParty.items.map((i) => i.id)).not.toContain(id);
    });
  });

  it('carries the case id in every event’s metadata', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, id, 'acknowledge');
    const events = await history(cast.secretariat, id);
    expect(events.map((e) => e.metadata['caseId'])).toEqual([id, id]);
  });
});
