import { type ApiClient, type ApiResponse } from '../support/api-client.js';
import { type Cast, castFor, E2eApi, type Person, raise, run, START } from './support/e2e-world.js';

/**
 * Who may do what, as a table: each role, as a member of the case or not, against each endpoint.
 * Two cases: M in mediation (a mediator appointed) and P at the panel hearing (a panel appointed),
 * both raised by the food bank (complainant) against the council (respondent). The commands are
 * picked per family so that the answer tells the rule apart: 200 where a permitted caller's command
 * is applied without moving the case on, 409 where the caller may send it but not now (permission is
 * judged before the state), 403 where the role may not, and 404 where the caller may not see the case.
 */
describe('the authorisation matrix', () => {
  let e2e: E2eApi;
  let cast: Cast;
  const cases: Record<'M' | 'P', string> = { M: '', P: '' };
  let serial = 0;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    const toCdg = async (id: string) => {
      await run(cast.respondent, id, 'acknowledge');
      await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
      await run(cast.respondent, id, 'acknowledge');
      await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
      await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Still apart' });
    };
    cases.M = await raise(cast.complainant, cast.orgs.council);
    await toCdg(cases.M);
    await run(cast.chair, cases.M, 'choose-route', { route: 'mediation', reason: 'Both agree', consentFrom: [cast.orgs.charity, cast.orgs.council] });
    await run(cast.secretariat, cases.M, 'appoint-mediator', { personId: cast.mediator.id });
    cases.P = await raise(cast.complainant, cast.orgs.council);
    await toCdg(cases.P);
    await run(cast.chair, cases.P, 'choose-route', { route: 'panel' });
    await run(cast.secretariat, cases.P, 'appoint-panel', { chairId: cast.panelChair.id, statutoryMemberId: cast.panelStatutory.id, vcsMemberId: cast.panelVcs.id });
  });

  afterAll(() => e2e.dispose());

  type Endpoint = (http: ApiClient, caseId: string, headers: Record<string, string>) => Promise<ApiResponse>;
  const command =
    (name: string, body: () => Record<string, unknown>): Endpoint =>
    (http, caseId, headers) =>
      http.post(`/disputes/${caseId}/${name}`, body(), headers);

  const ENDPOINTS = {
    'GET /disputes/{id}': (http, caseId) => http.get(`/disputes/${caseId}`),
    'GET history': (http, caseId) => http.get(`/disputes/${caseId}/history`),
    'GET replay': (http, caseId) => http.get(`/disputes/${caseId}/replay`),
    'respondent: respond': command('respond', () => ({ response: 'Our answer' })),
    'complainant: lodge-formal': command('lodge-formal', () => ({ grounds: 'Again' })),
    'chair: choose-route': command('choose-route', () => ({ route: 'panel' })),
    'secretariat: appoint-panel': command('appoint-panel', () => ({ chairId: cast.otherPanelist.id, statutoryMemberId: cast.panelStatutory.id, vcsMemberId: cast.panelVcs.id })),
    'mediator: record-session': command('record-session', () => ({ heldOn: '2026-03-02', attendees: ['Both parties'], summary: 'A session' })),
    'panelist: issue-findings': command('issue-findings', () => ({ finding: 'upheld', findings: 'Too early', recommendations: [] })),
    'party: respond-to-findings': command('respond-to-findings', () => ({ response: 'accept' })),
    'case file: add-note': command('add-note', () => ({ text: 'A note' })),
    'lessons: record-lesson': command('record-lesson', () => ({ lesson: 'A lesson', clause: '3.2' })),
    'POST /organisations': (http) => http.post('/organisations', { name: `Parish ${++serial}`, sector: 'statutory', type: 'parish council' }),
    'POST /people': (http) => http.post('/people', { name: `Person ${++serial}`, email: `person${serial}@example.org`, roles: ['auditor'] }),
    'GET /disputes': (http) => http.get('/disputes'),
    'GET /work-queue': (http) => http.get('/work-queue'),
  } satisfies Record<string, Endpoint>;
  type Column = keyof typeof ENDPOINTS;
  const COLUMNS = Object.keys(ENDPOINTS) as Column[];

  type Who = 'admin' | keyof Cast;
  interface Row {
    readonly role: string;
    readonly who: Who;
    readonly caseKey: 'M' | 'P';
    readonly headers?: (cast: Cast) => Record<string, string>;
    /** The statuses, in COLUMNS order. */
    readonly expected: readonly number[];
  }

  const notVisible = [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404];
  // prettier-ignore
  const ROWS: Row[] = [
    //                                                                         read hist repl  resp lodge route panel sess find  rtf  note lesson  org  ppl  list queue
    { role: 'admin (member of no case)',          who: 'admin',         caseKey: 'M', expected: [...notVisible,                                                201, 201, 200, 200] },
    { role: 'partner of the complainant',          who: 'complainant',   caseKey: 'M', expected: [200, 200, 403, 403, 409, 403, 403, 403, 403, 409, 200, 403,   403, 403, 200, 200] },
    { role: 'partner of the respondent',           who: 'respondent',    caseKey: 'M', expected: [200, 200, 403, 409, 403, 403, 403, 403, 403, 409, 200, 403,   403, 403, 200, 200] },
    { role: 'partner of a third organisation',     who: 'outsider',      caseKey: 'M', expected: [...notVisible,                                                403, 403, 200, 200] },
    { role: 'secretariat',                         who: 'secretariat',   caseKey: 'M', expected: [200, 200, 200, 403, 403, 403, 409, 403, 403, 403, 200, 200,   403, 403, 200, 200] },
    { role: 'secretariat on behalf of the complainant', who: 'secretariat', caseKey: 'M',
      headers: (c) => ({ 'x-on-behalf-of': c.orgs.charity, 'x-on-behalf-reason': 'Asked by telephone' }),
                                                                             expected: [200, 200, 200, 403, 409, 403, 409, 403, 403, 409, 200, 200,   403, 403, 200, 200] },
    { role: 'chair',                               who: 'chair',         caseKey: 'M', expected: [200, 200, 403, 403, 403, 409, 403, 403, 403, 403, 200, 200,   403, 403, 200, 200] },
    { role: 'mediator appointed to the case',      who: 'mediator',      caseKey: 'M', expected: [200, 200, 403, 403, 403, 403, 403, 200, 403, 403, 200, 200,   403, 403, 200, 200] },
    { role: 'mediator not appointed',              who: 'otherMediator', caseKey: 'M', expected: [...notVisible,                                                403, 403, 200, 200] },
    { role: 'panelist appointed to the case',      who: 'panelChair',    caseKey: 'P', expected: [200, 200, 403, 403, 403, 403, 403, 403, 409, 403, 200, 200,   403, 403, 200, 200] },
    { role: 'panelist not appointed',              who: 'otherPanelist', caseKey: 'P', expected: [...notVisible,                                                403, 403, 200, 200] },
    { role: 'auditor',                             who: 'auditor',       caseKey: 'M', expected: [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403,   403, 403, 200, 200] },
  ];

  const clientOf = (who: Who): ApiClient => (who === 'admin' ? e2e.admin : (cast[who] as Person).http);

  it('has a column for every endpoint in every row', () => {
    for (const row of ROWS) expect(row.expected).toHaveLength(COLUMNS.length);
  });

  describe.each(ROWS)('$role', (row) => {
    it.each(COLUMNS.map((column, index) => [column, index] as const))('%s', async (column, index) => {
      const response = await ENDPOINTS[column](clientOf(row.who), cases[row.caseKey], row.headers?.(cast) ?? {});
      const expected = row.expected[index];
      // On failure, show the problem that came back rather than just the status.
      expect({ status: response.status, ...(response.status >= 400 && response.status !== expected ? { problem: response.body } : {}) }).toEqual({ status: expected });
    });
  });

  it('lists only the cases a partner\'s organisation is party to', async () => {
    const listed = async (person: Person) => ((await person.http.get('/disputes')).body as { items: { id: string }[] }).items.map((item) => item.id);
    expect(await listed(cast.complainant)).toEqual(expect.arrayContaining([cases.M, cases.P]));
    expect(await listed(cast.outsider)).toEqual([]);
    expect(await listed(cast.mediator)).toEqual([cases.M]);
    expect(await listed(cast.panelChair)).toEqual([cases.P]);
    expect(await listed(cast.otherMediator)).toEqual([]);
  });

  it('left both cases where they were: nothing in the matrix moved them on', async () => {
    expect(((await cast.secretariat.http.get(`/disputes/${cases.M}`)).body as { state: string }).state).toBe('cdg.mediation');
    expect(((await cast.secretariat.http.get(`/disputes/${cases.P}`)).body as { state: string }).state).toBe('cdg.panel.hearing');
  });
});
