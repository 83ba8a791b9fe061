import { type Cast, castFor, E2eApi, expectProblem, type Person, raise, run, START } from './support/e2e-world.js';

interface Summary {
  readonly id: string;
  readonly state: string;
  readonly stage: number | null;
  readonly clauses: string[];
  readonly outcome: string | null;
}
interface List {
  readonly items: Summary[];
  readonly nextCursor: string | null;
}

/** The reads: the case list and its filters, the signatories, the work queue, history as of a time, replay, rebuilds. */
describe('reading over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  const ids = { discussing: '', parish: '', urgent: '', withdrawn: '' };

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    ids.discussing = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, ids.discussing, 'acknowledge');
    ids.parish = await raise(cast.complainant, cast.orgs.parish, { clauses: ['2.6'], dates: {} });
    ids.urgent = await raise(cast.complainant, cast.orgs.council, { urgent: true, dates: { noticeReceived: '2026-02-23', changeEffective: '2026-04-01' } });
    ids.withdrawn = await raise(cast.outsider, cast.orgs.council, { clauses: ['4.1'] });
    await run(cast.outsider, ids.withdrawn, 'withdraw', { reasonCode: 'resolved-outside' });
  });

  afterAll(() => e2e.dispose());

  const list = async (who: Person, query = ''): Promise<List> => {
    const response = await who.http.get(`/disputes${query}`);
    expect(response.status).toBe(200);
    return response.body as List;
  };
  const idsOf = (page: List) => page.items.map((item) => item.id).sort();

  describe('GET /disputes', () => {
    it('lists every case for the secretariat, with the summary fields', async () => {
      const page = await list(cast.secretariat);
      expect(idsOf(page)).toEqual(Object.values(ids).sort());
      expect(page.nextCursor).toBeNull();
      expect(page.items.find((item) => item.id === ids.urgent)).toMatchObject({ state: 'formal.awaitingAcknowledgement', stage: 2, urgent: true, clauses: ['3.2', '4.1'] });
      expect(page.items.find((item) => item.id === ids.withdrawn)).toMatchObject({ state: 'closed', stage: null, outcome: 'withdrawn' });
    });

    it('lists only the cases a partner\'s organisation is party to', async () => {
      expect(idsOf(await list(cast.outsider))).toEqual([ids.withdrawn]);
      expect(idsOf(await list(cast.parishClerk))).toEqual([ids.parish]);
      expect(idsOf(await list(cast.respondent))).toEqual([ids.discussing, ids.urgent, ids.withdrawn].sort());
    });

    it.each([
      ['?state=informal', ['discussing', 'parish']],
      ['?state=informal.inDiscussion', ['discussing']],
      ['?state=closed', ['withdrawn']],
      ['?stage=2', ['urgent']],
      ['?clause=2.6', ['parish']],
      ['?clause=4.1&state=formal', ['urgent']],
      ['?openedFrom=2026-03-02&openedTo=2026-03-02', ['discussing', 'parish', 'urgent', 'withdrawn']],
      ['?openedFrom=2026-03-03', []],
      ['?overdue=true', []],
      ['?overdue=false&stage=1', ['discussing', 'parish']],
    ] as const)('filters %s', async (query, expected) => {
      expect(idsOf(await list(cast.secretariat, query))).toEqual(expected.map((key) => ids[key]).sort());
    });

    it('filters by organisation', async () => {
      expect(idsOf(await list(cast.secretariat, `?organisationId=${cast.orgs.parish}`))).toEqual([ids.parish]);
      expect(idsOf(await list(cast.secretariat, `?organisationId=${cast.orgs.third}`))).toEqual([ids.withdrawn]);
    });

    it('pages with the cursor it gives out, each case once', async () => {
      const seen: string[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const page: List = await list(cast.secretariat, `?limit=3${cursor === '' ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
      }
      expect(pages).toBe(2);
      expect(seen.sort()).toEqual(Object.values(ids).sort());
    });
  });

  it('lists the signatories to anyone signed in, each with its id', async () => {
    const response = await cast.outsider.http.get('/organisations');
    expect(response.status).toBe(200);
    const items = (response.body as { items: { id: string; organisationId: string; name: string; sector: string }[] }).items;
    expect(items).toHaveLength(6);
    expect(items).toContainEqual(expect.objectContaining({ id: cast.orgs.parish, organisationId: cast.orgs.parish, name: 'Histon Parish Council', sector: 'statutory', type: 'parish council' }));
  });

  it('serves the organisation a creation\'s Location names', async () => {
    const signed = await e2e.admin.post('/organisations', { name: 'Ramsey Town Council', sector: 'statutory', type: 'town council' });
    const location = signed.headers.get('location') ?? '';
    expect(location).toBe(`/organisations/${(signed.body as { id: string }).id}`);
    expect((await cast.outsider.http.get(location)).body).toMatchObject({ name: 'Ramsey Town Council', sector: 'statutory' });
    expectProblem(await cast.outsider.http.get('/organisations/no-such-organisation'), 404, 'ORGANISATION.NOT_FOUND');
  });

  describe('GET /work-queue', () => {
    it('gives the respondent its acknowledgements, soonest due first', async () => {
      const items = ((await cast.respondent.http.get('/work-queue')).body as { items: { caseId: string; action: string | null; dueOn: string; overdue: boolean }[] }).items;
      const tasks = items.filter((item) => item.action === 'acknowledge');
      expect(tasks.map((task) => task.caseId)).toEqual([ids.urgent]);
      expect(items.map((item) => item.dueOn)).toEqual([...items.map((item) => item.dueOn)].sort());
      expect(tasks[0]).toMatchObject({ overdue: false });
    });

    it('gives the parish clerk the parish case to acknowledge, and an outsider nothing', async () => {
      const parish = ((await cast.parishClerk.http.get('/work-queue')).body as { items: { caseId: string; action: string | null }[] }).items;
      expect(parish).toContainEqual(expect.objectContaining({ caseId: ids.parish, action: 'acknowledge' }));
      expect(((await cast.outsider.http.get('/work-queue')).body as { items: unknown[] }).items).toEqual([]);
    });
  });

  describe('history and replay', () => {
    it('gives every event in order with position, revision, type, occurredAt, actor and data', async () => {
      const events = ((await cast.complainant.http.get(`/disputes/${ids.discussing}/history`)).body as { events: Record<string, unknown>[] }).events;
      expect(events.map((e) => e.type)).toEqual(['DisputeRaised', 'AcknowledgementGiven']);
      expect(events[1]).toMatchObject({
        revision: 1,
        position: expect.any(Number),
        occurredAt: START,
        actor: { personId: cast.respondent.id, role: 'partner', organisationId: cast.orgs.council },
        data: expect.any(Object),
      });
    });

    it('gives the state as it was at an instant, whatever its time zone', async () => {
      const asOf = async (instant: string) =>
        (await cast.complainant.http.get(`/disputes/${ids.discussing}/history?asOf=${encodeURIComponent(instant)}`)).body as { events: unknown[]; state?: { state: string } };
      expect(await asOf('2026-03-02T09:59:59Z')).toMatchObject({ events: [] });
      expect((await asOf('2026-03-02T09:59:59Z')).state).toBeUndefined();
      expect(await asOf('2026-03-02T11:00:00+01:00')).toMatchObject({ events: [{}, {}], state: { state: 'informal.inDiscussion' } });
      expect(await asOf('2026-03-02T10:59:59.999+01:00')).toMatchObject({ events: [] });
    });

    it('replays the state after each event for the secretariat and the auditor', async () => {
      for (const who of [cast.secretariat, cast.auditor]) {
        const replay = (await who.http.get(`/disputes/${ids.discussing}/replay`)).body as { steps: { state: string; stage: number; event: { type: string } }[] };
        expect(replay.steps.map((s) => [s.event.type, s.state, s.stage])).toEqual([
          ['DisputeRaised', 'informal.awaitingAcknowledgement', 1],
          ['AcknowledgementGiven', 'informal.inDiscussion', 1],
        ]);
      }
    });

    it('sends the case with its revision as ETag', async () => {
      const response = await cast.complainant.http.get(`/disputes/${ids.discussing}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toMatchObject({ id: ids.discussing, revision: 1, allowed: expect.arrayContaining(['agree-resolution', 'withdraw', 'lodge-formal']) });
    });
  });

  describe('read model administration', () => {
    it('rebuilds the case list from the log for an admin, and it lists the same afterwards', async () => {
      const before = await list(cast.secretariat);
      const status = await e2e.admin.get('/admin/projections');
      expect(status.status).toBe(200);
      expect((status.body as { projections: { name: string }[] }).projections.map((p) => p.name)).toEqual(expect.arrayContaining(['cases', 'directory']));

      const rebuilt = await e2e.admin.post('/admin/projections/cases/rebuild', {});
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toMatchObject({ rebuilt: [{ name: 'cases', failures: 0 }] });
      expect(await list(cast.secretariat)).toEqual(before);
    });

    it('refuses anyone but an admin', async () => {
      expectProblem(await cast.secretariat.http.post('/admin/projections/cases/rebuild', {}), 403, 'AUTH.ROLE_REQUIRED');
      expectProblem(await cast.auditor.http.get('/admin/projections'), 403);
    });
  });
});
