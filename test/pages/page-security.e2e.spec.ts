import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Cast, castFor, E2eApi, raise, run, START, view } from '../e2e/support/e2e-world.js';
import { startTestServer } from '../support/http-harness.js';
import { hiddenField, PageClient } from './support/page-client.js';

/**
 * The pages' sessions, CSRF protection and confidentiality over plain HTTP, sending what a browser
 * would never send: a form without its token, another site's Origin, a stale cookie, another
 * organisation's case. Every refusal appends nothing to the log.
 */
describe('the web pages refuse what they must', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
  }, 60_000);

  afterAll(() => e2e?.dispose());

  const signedIn = async (token: string) => {
    const client = new PageClient(e2e.baseUrl);
    const answer = await client.signIn(token);
    expect({ status: answer.status, location: answer.headers.get('location') }).toEqual({ status: 303, location: '/' });
    return client;
  };

  describe('signing in', () => {
    it('gives an HTTP-only, SameSite=Lax session cookie that holds only an id, not Secure over plain HTTP', async () => {
      const client = new PageClient(e2e.baseUrl);
      const page = await client.get('/');
      const answer = await client.post('/sign-in', { _csrf: hiddenField(page.text, '_csrf'), token: cast.respondent.token, next: '/' });
      const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('compact_session='));
      expect(cookie).toMatch(/^compact_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(cookie).not.toContain(cast.respondent.token);
      expect((await client.get('/')).text).toContain('Your work');
    });

    it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
      const server = await startTestServer({ clockFixed: START, trustProxy: ['127.0.0.1'] });
      try {
        const client = new PageClient(server.baseUrl);
        const page = await client.get('/', { 'x-forwarded-proto': 'https' });
        expect(page.headers.getSetCookie()[0]).toMatch(/; Secure/);
        // A proxy that is not trusted cannot make it so.
        const direct = new PageClient(e2e.baseUrl);
        expect((await direct.get('/', { 'x-forwarded-proto': 'https' })).headers.getSetCookie()[0]).not.toMatch(/Secure/);
      } finally {
        await server.close();
      }
    });

    it('refuses a wrong token with the form again, and a sign-in form posted without its cookie token', async () => {
      const client = new PageClient(e2e.baseUrl);
      const page = await client.get('/');
      const wrong = await client.post('/sign-in', { _csrf: hiddenField(page.text, '_csrf'), token: 'not-a-token', next: '/' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('That token is not valid');
      expect(client.cookie('compact_session')).toBeUndefined();

      // Login CSRF: another site posting the form with someone's token gets no session.
      const forged = await new PageClient(e2e.baseUrl).post('/sign-in', { _csrf: 'x'.repeat(43), token: cast.respondent.token, next: '/' });
      expect(forged.status).toBe(403);
      expect(forged.headers.get('set-cookie') ?? '').not.toContain('compact_session=');
    });

    it('goes back where the person was going, but never to another site', async () => {
      const client = new PageClient(e2e.baseUrl);
      const first = await client.get(`/cases/${caseId}`);
      expect({ status: first.status, location: first.headers.get('location') }).toEqual({ status: 303, location: `/?next=${encodeURIComponent(`/cases/${caseId}`)}` });
      const page = await client.get(first.headers.get('location') ?? '/');
      expect(hiddenField(page.text, 'next')).toBe(`/cases/${caseId}`);
      const answer = await client.post('/sign-in', { _csrf: hiddenField(page.text, '_csrf'), token: cast.respondent.token, next: '//evil.example/' });
      expect(answer.headers.get('location')).toBe('/');
    });

    it('ends the session on sign-out: the old cookie is worth nothing afterwards', async () => {
      const client = await signedIn(cast.respondent.token);
      const cookie = client.cookie('compact_session') ?? '';
      await client.post('/sign-out', { _csrf: await client.csrfToken() });
      const replayed = new PageClient(e2e.baseUrl);
      replayed.setCookie('compact_session', cookie);
      expect((await replayed.get('/')).text).toContain('Sign in to Compact disputes');
      expect((await replayed.get('/cases')).status).toBe(303);
    });

    it('ends the sessions a token opened when the token is rotated, and a deactivated person’s at once', async () => {
      const person = await e2e.person('Short-lived officer', ['partner'], cast.orgs.charity);
      const client = await signedIn(person.token);
      expect((await client.get('/cases')).status).toBe(200);
      await e2e.admin.post(`/people/${person.id}/rotate-token`, {});
      expect((await client.get('/cases')).status).toBe(303);

      const other = await e2e.person('Leaving officer', ['partner'], cast.orgs.charity);
      const session = await signedIn(other.token);
      await e2e.admin.post(`/people/${other.id}/deactivate`, { reason: 'Left' });
      expect((await session.get('/cases')).status).toBe(303);
    });
  });

  describe('CSRF', () => {
    it('refuses a command form without the session’s token, or from another site, and appends nothing', async () => {
      const client = await signedIn(cast.respondent.token);
      const before = await e2e.headPosition();
      const form = await client.get(`/cases/${caseId}/act/acknowledge`);
      const revision = hiddenField(form.text, 'revision');

      const without = await client.post(`/cases/${caseId}/act/acknowledge`, { revision });
      expect(without.status).toBe(403);
      expect(without.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(without.text).toContain('did not come from this service');

      const token = hiddenField(form.text, '_csrf');
      const crossSite = await client.post(`/cases/${caseId}/act/acknowledge`, { _csrf: token, revision }, { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      const fetchMetadata = await client.post(`/cases/${caseId}/act/acknowledge`, { _csrf: token, revision }, { 'sec-fetch-site': 'cross-site' });
      expect(fetchMetadata.status).toBe(403);

      // Another person's token is no good either: it belongs to their session.
      const other = await signedIn(cast.complainant.token);
      expect((await client.post(`/cases/${caseId}/act/acknowledge`, { _csrf: await other.csrfToken(), revision })).status).toBe(403);
      expect(await e2e.headPosition()).toBe(before);

      const sent = await client.post(`/cases/${caseId}/act/acknowledge`, { _csrf: token, revision, _key: 'k1' });
      expect({ status: sent.status, location: sent.headers.get('location') }).toEqual({ status: 303, location: `/cases/${caseId}` });
      expect((await view(cast.respondent, caseId)).state).toBe('informal.inDiscussion');
    });
  });

  describe('confidentiality', () => {
    it('tells a partner of an unrelated organisation that the case does not exist, on every page of it', async () => {
      const outsider = await signedIn(cast.outsider.token);
      await run(cast.complainant, caseId, 'add-evidence', { filename: 'letter.txt', contentType: 'text/plain', contentBase64: Buffer.from('a letter').toString('base64') });
      const sha = createHash('sha256').update('a letter').digest('hex');
      for (const path of [`/cases/${caseId}`, `/cases/${caseId}/act/add-note`, `/cases/${caseId}/history`, `/cases/${caseId}/evidence/${sha}`]) {
        const answer = await outsider.get(path);
        expect({ path, status: answer.status, leaks: answer.text.includes('Grant cut') }).toEqual({ path, status: 404, leaks: false });
        expect(answer.text).toContain('Page not found');
      }
      const before = await e2e.headPosition();
      const posted = await outsider.post(`/cases/${caseId}/act/add-note`, { _csrf: await outsider.csrfToken(), text: 'Let me in' });
      expect(posted.status).toBe(404);
      expect(await e2e.headPosition()).toBe(before);
      expect((await outsider.get('/cases')).text).not.toContain('Grant cut');
      // The party downloads it.
      const party = await signedIn(cast.complainant.token);
      const download = await party.get(`/cases/${caseId}/evidence/${sha}`);
      expect({ status: download.status, text: download.text, disposition: download.headers.get('content-disposition') }).toEqual({ status: 200, text: 'a letter', disposition: 'attachment; filename=letter.txt' });
    });

    it('shows a CDG-only note to the secretariat and never to the parties', async () => {
      await run(cast.secretariat, caseId, 'add-note', { text: 'The council has been late before', visibility: 'cdg' });
      const secretariat = await signedIn(cast.secretariat.token);
      expect((await secretariat.get(`/cases/${caseId}`)).text).toContain('The council has been late before');
      for (const party of [cast.complainant, cast.respondent]) {
        const client = await signedIn(party.token);
        expect((await client.get(`/cases/${caseId}`)).text).not.toContain('The council has been late before');
        expect((await client.get(`/cases/${caseId}/history`)).text).not.toContain('The council has been late before');
      }
    });

    it('refuses the replay to a party, as the API does, with a friendly page', async () => {
      const party = await signedIn(cast.complainant.token);
      const answer = await party.get(`/cases/${caseId}/replay`);
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('You cannot do that');
      const auditor = await signedIn(cast.auditor.token);
      expect((await auditor.get(`/cases/${caseId}/replay?step=1`)).text).toContain('Replay: step 1 of');
    });
  });

  describe('errors and body types, decided by the path', () => {
    it('answers a page’s errors as HTML and the API’s as problem+json', async () => {
      const client = await signedIn(cast.complainant.token);
      const page = await client.get('/cases/no-such-case');
      expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 404, type: 'text/html; charset=utf-8' });
      expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
      const apiAnswer = await cast.complainant.http.get('/disputes/no-such-case');
      expect({ status: apiAnswer.status, type: apiAnswer.headers.get('content-type') }).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8' });
    });

    it('keeps the API refusing form bodies with 415, and the pages refusing JSON', async () => {
      const form = await fetch(`${e2e.baseUrl}/disputes/${caseId}/add-note`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cast.complainant.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=hello',
      });
      expect({ status: form.status, type: form.headers.get('content-type') }).toEqual({ status: 415, type: 'application/problem+json; charset=utf-8' });
      const multipart = new FormData();
      multipart.append('text', 'hello');
      const upload = await fetch(`${e2e.baseUrl}/disputes/${caseId}/add-note`, { method: 'POST', headers: { authorization: `Bearer ${cast.complainant.token}` }, body: multipart });
      expect(upload.status).toBe(415);

      const client = await signedIn(cast.complainant.token);
      const json = await client.send('POST', `/cases/${caseId}/act/add-note`, JSON.stringify({ _csrf: await client.csrfToken(), text: 'hello' }), { 'content-type': 'application/json', origin: e2e.baseUrl });
      expect({ status: json.status, type: json.headers.get('content-type') }).toEqual({ status: 415, type: 'text/html; charset=utf-8' });
    });

    it('leaves a GET alone whatever its Content-Type says, on the API and the pages (the fuzz suite found 415s the API does not document)', async () => {
      const get = (path: string, type: string) => fetch(`${e2e.baseUrl}${path}`, { headers: { authorization: `Bearer ${cast.secretariat.token}`, 'content-type': type } }).then((r) => r.status);
      expect({ api: await get('/me', 'text/plain'), form: await get('/work-queue', 'application/x-www-form-urlencoded'), page: await get('/', 'application/json') }).toEqual({ api: 200, form: 200, page: 200 });
    });

    it('reads a query name sent twice as its first value: a page, never a server error (the fuzz suite found /directory failing)', async () => {
      const admin = await signedIn((await e2e.person('Directory admin', ['admin'])).token);
      const secretariat = await signedIn(cast.secretariat.token);
      const twice = (name: string, a: string, b: string) => `${name}=${encodeURIComponent(a)}&${name}=${encodeURIComponent(b)}`;
      const answers = {
        directory: (await admin.get(`/directory?${twice('organisationId', '<script>', cast.orgs.council)}&${twice('role', 'mediator', 'chair')}`)).status,
        cases: (await secretariat.get(`/cases?${twice('state', 'closed', 'x')}&${twice('clause', '3.2', '4.1')}`)).status,
        replay: (await secretariat.get(`/cases/${caseId}/replay?${twice('step', '1', '2')}`)).status,
        report: (await secretariat.get(`/annual-report/go?${twice('year', '2025', '2024')}&${twice('edition', 'cdg', 'public')}`)).status,
        signIn: (await new PageClient(e2e.baseUrl).get(`/?${twice('next', '/cases', '//elsewhere')}`)).status,
      };
      expect(answers).toEqual({ directory: 200, cases: 200, replay: 200, report: 303, signIn: 200 });
    });

    it('shows a server fault as a page with a reference to quote, never a stack trace', async () => {
      const evidenceDir = join(e2e.dataDir, 'evidence');
      const client = await signedIn(cast.complainant.token);
      await run(cast.complainant, caseId, 'add-evidence', { filename: 'tampered.txt', contentType: 'text/plain', contentBase64: Buffer.from('original').toString('base64') });
      const sha = createHash('sha256').update('original').digest('hex');
      const file = findFile(evidenceDir, sha);
      writeFileSync(file, 'changed on disk');
      const answer = await client.get(`/cases/${caseId}/evidence/${sha}`);
      expect(answer.status).toBe(500);
      expect(answer.text).toContain('Sorry, there is a problem with the service');
      expect(answer.text).toContain(answer.headers.get('x-correlation-id') ?? 'missing');
      expect(answer.text).not.toMatch(/ at .*\.(ts|js):\d+|does not match its hash/);
    });
  });

  describe('evidence through the upload form', () => {
    it('uploads a file with the form, lists it on the case and downloads it; refuses an upload without its token', async () => {
      const client = await signedIn(cast.respondent.token);
      const form = await client.get(`/cases/${caseId}/act/add-evidence`);
      const body = new FormData();
      body.append('_csrf', hiddenField(form.text, '_csrf'));
      body.append('_key', hiddenField(form.text, '_key'));
      body.append('file', new Blob(['minutes of the meeting'], { type: 'text/plain' }), 'minutes.txt');
      const sent = await client.send('POST', `/cases/${caseId}/act/add-evidence`, body, { origin: e2e.baseUrl });
      expect({ status: sent.status, location: sent.headers.get('location') }).toEqual({ status: 303, location: `/cases/${caseId}` });
      const page = await client.get(`/cases/${caseId}`);
      expect(page.text).toContain('minutes.txt');
      const sha = createHash('sha256').update('minutes of the meeting').digest('hex');
      expect((await client.get(`/cases/${caseId}/evidence/${sha}`)).text).toBe('minutes of the meeting');

      const before = await e2e.headPosition();
      const forged = new FormData();
      forged.append('file', new Blob(['forged']), 'forged.txt');
      expect((await client.send('POST', `/cases/${caseId}/act/add-evidence`, forged, { origin: e2e.baseUrl })).status).toBe(403);
      expect(await e2e.headPosition()).toBe(before);
    });
  });
});

function findFile(dir: string, sha: string): string {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.includes(sha)) return join(entry.parentPath, entry.name);
  }
  throw new Error(`no evidence file for ${sha} in ${dir}`);
}
