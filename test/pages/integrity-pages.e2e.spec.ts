import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CASES_PROJECTION } from '#projections';
import { type Cast, castFor, E2eApi, history, raise, run, START } from '../e2e/support/e2e-world.js';
import { PageClient } from './support/page-client.js';

/** The text a person reads: tags dropped, spaces run together. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

/**
 * The auditors' pages over the audit services: the log verified with the result shown (and an
 * event changed behind the server's back named, with its case), the read models checked against
 * the log, the case bundle downloaded as the API gives it; nobody else may run the checks, and a
 * partner gets no bundle of a case they may not see.
 */
describe('the auditors’ integrity pages', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;
  let auditor: PageClient;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, caseId, 'acknowledge');
    await run(cast.complainant, caseId, 'lodge-formal', { grounds: 'No progress informally' });
    auditor = new PageClient(e2e.baseUrl);
    expect((await auditor.signIn(cast.auditor.token)).status).toBe(303);
  }, 60_000);

  afterAll(() => e2e?.dispose());

  it('offers the checks in the auditor’s navigation, and to nobody else', async () => {
    expect(textOf((await auditor.get('/')).text)).toContain('Log integrity');
    const secretariat = new PageClient(e2e.baseUrl);
    await secretariat.signIn(cast.secretariat.token);
    expect(textOf((await secretariat.get('/')).text)).not.toContain('Log integrity');
    const refused = await secretariat.get('/integrity/verify');
    expect({ status: refused.status, type: refused.headers.get('content-type') }).toEqual({ status: 403, type: 'text/html; charset=utf-8' });
    expect((await secretariat.get('/integrity/projections')).status).toBe(403);
  });

  it('downloads the case bundle the API gives the same person, with its printable timeline', async () => {
    const page = await auditor.get(`/cases/${caseId}/bundle`);
    expect({ status: page.status, disposition: page.headers.get('content-disposition'), cache: page.headers.get('cache-control') }).toEqual({
      status: 200,
      disposition: `attachment; filename="case-${caseId}.json"`,
      cache: 'no-store',
    });
    const api = (await cast.auditor.http.get(`/disputes/${caseId}/bundle`)).body as { events: unknown[] };
    const bundle = JSON.parse(page.text) as { events: unknown[] };
    expect(bundle.events).toEqual(api.events);
    expect(textOf((await auditor.get(`/cases/${caseId}/history`)).text)).toContain('Download the case bundle (JSON)');
    const timeline = await auditor.get(`/cases/${caseId}/timeline`);
    expect({ status: timeline.status, text: textOf(timeline.text) }).toEqual({ status: 200, text: expect.stringContaining('Lodged a formal complaint: “No progress informally”') });
    // A partner of another organisation gets no bundle of the case, as the API gives none.
    const outsider = new PageClient(e2e.baseUrl);
    await outsider.signIn(cast.outsider.token);
    expect((await outsider.get(`/cases/${caseId}/bundle`)).status).toBe(404);
    expect((await outsider.get(`/cases/${caseId}/timeline`)).status).toBe(404);
  });

  it('refuses a case id that is not one with the form again, before reading the log', async () => {
    const answer = await auditor.get('/integrity/verify?case=%3Cscript%3E');
    expect({ status: answer.status, text: textOf(answer.text) }).toEqual({ status: 400, text: expect.stringContaining('There is a problem Enter a case id like') });
  });

  it('finds the read models as the log gives them, then names a row changed behind the server’s back, by case', async () => {
    expect(textOf((await auditor.get('/integrity/projections')).text)).toContain('The read models match the log');
    const db = new Database(join(e2e.dataDir, `${CASES_PROJECTION}.sqlite`));
    db.prepare('UPDATE cases SET state = ? WHERE case_id = ?').run('closed', caseId);
    db.close();
    const found = textOf((await auditor.get('/integrity/projections')).text);
    expect(found).toContain('The read models differ from the log');
    expect(found).toMatch(new RegExp(`Case ${caseId} .*cases · cases Different .* state`));
  });

  it('shows the log verifying, then names the event changed in the SQLite file, with a link to its case', async () => {
    const clean = textOf((await auditor.get('/integrity/verify')).text);
    expect(clean).toMatch(/The log verifies \d+ events in \d+ streams: no event was changed, removed, moved or inserted/);
    expect(textOf((await auditor.get(`/integrity/verify?case=${caseId}`)).text)).toContain(`The stream of case ${caseId}`);

    const lodged = (await history(cast.auditor, caseId)).find((e) => e.type === 'FormalComplaintLodged')!;
    const db = new Database(join(e2e.dataDir, 'events.sqlite'));
    db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run('No progress', 'No headway', lodged.position);
    db.close();
    const page = await auditor.get('/integrity/verify');
    const text = textOf(page.text);
    expect(page.status).toBe(200);
    expect(text).toContain('The log does not verify');
    expect(text).toMatch(/Changed after it was written FormalComplaintLodged dispute-[0-9a-f-]+, revision 2, position \d+ FormalComplaintLodged at revision 2 .* is not what was sealed/);
    expect(page.text).toContain(`href="/cases/${caseId}/history"`);
  });
});
