import { createHash } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '#event-store';
import { api, type ApiClient } from '../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';
import { raiseBody, START } from '../e2e/support/e2e-world.js';
import { CONTENT_TYPES, hostileJson, hostileString, jsonText, type Json, pathologicalBody } from './support/hostile-input.js';
import { ok } from './support/process-world.js';
import { type RawAnswer, rawExchange } from './support/raw-http.js';
import { COMMAND_LABELS } from '../../libs/web/src/pages/cases/case-words.js';
import { ADMIN_FORMS } from '../../libs/web/src/pages/directory/admin-forms.js';
import { RAISE_STEPS } from '../../libs/web/src/pages/raise/raise-journey.js';

/** `npm test` runs these many requests with this seed; `npm run test:fuzz -- --runs N [--seed S]` more. */
const RUNS = Number(process.env['FAULTS_FUZZ_RUNS'] ?? 400);
const SEED = Number(process.env['FAULTS_SEED'] ?? 1_409_2026);
/** Raw-socket requests (bad framing) per run of the HTTP-level ones. */
const RAW_SHARE = 10;

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly format?: string;
}
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: Schema;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> };
}
interface OpenApi {
  readonly paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

/** One route to fuzz: its method, path template and what its document says it takes. */
interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: readonly Parameter[];
  readonly body: Schema | null;
  /** A web page's route: sent with the actor's session cookie, a POST with these form fields (and the CSRF field). */
  readonly page?: { readonly form: readonly string[] };
}

const pageRoute = (method: Route['method'], path: string, query: readonly string[] = [], form: readonly string[] = []): Route => ({
  method,
  path,
  query: query.map((name) => ({ name, in: 'query' as const })),
  body: null,
  page: { form },
});
const CASE_FIELDS = ['reason', 'text', 'grounds', 'response', 'route', 'consent', 'mediatorId', 'date-day', 'date-month', 'date-year', 'actionId', 'workingDays'];

/**
 * Web pages (issue 12) are served beside the API, not described in /docs-json: their routes, with
 * the query and form fields they read, so that every property below covers them too (an error
 * there is a friendly HTML page instead of problem+json).
 */
const PAGES: readonly Route[] = [
  pageRoute('GET', '/', ['next']),
  pageRoute('POST', '/sign-in', [], ['token', 'next']),
  pageRoute('POST', '/sign-out'),
  pageRoute('GET', '/cases', ['state', 'clause', 'organisationId', 'outcome', 'cursor']),
  pageRoute('GET', '/cases/{id}'),
  pageRoute('GET', '/cases/{id}/evidence/{sha256}'),
  pageRoute('GET', '/cases/{id}/history'),
  pageRoute('GET', '/cases/{id}/replay', ['step']),
  pageRoute('GET', '/cases/{id}/act/{command}', ['actionId']),
  pageRoute('POST', '/cases/{id}/act/{command}', [], CASE_FIELDS),
  pageRoute('POST', '/cases/{id}/act/add-evidence', [], ['file', 'description']),
  pageRoute('GET', '/cases/{id}/bundle'),
  pageRoute('GET', '/cases/{id}/timeline'),
  pageRoute('GET', '/integrity'),
  pageRoute('GET', '/integrity/verify', ['case']),
  pageRoute('GET', '/integrity/projections'),
  pageRoute('GET', '/raise'),
  pageRoute('GET', '/raise/{step}', ['return']),
  pageRoute('POST', '/raise/{step}', [], ['respondentIds', 'clauses', 'summary', 'details', 'desiredOutcome', 'urgent', 'noticeReceived-day', 'noticeReceived-month', 'noticeReceived-year']),
  pageRoute('GET', '/raise/check'),
  pageRoute('POST', '/raise/check'),
  pageRoute('GET', '/directory', ['role', 'organisationId', 'cursor']),
  pageRoute('GET', '/directory/{id}'),
  pageRoute('GET', '/directory/register'),
  pageRoute('POST', '/directory/register', [], ['name', 'email', 'organisationId', 'roles', 'compactLeadFor']),
  pageRoute('GET', '/directory/{id}/act/{form}'),
  pageRoute('POST', '/directory/{id}/act/{form}', [], ['role', 'organisationId', 'reason']),
  pageRoute('GET', '/signatories'),
  pageRoute('GET', '/signatories/new'),
  pageRoute('POST', '/signatories/new', [], ['name', 'sector', 'type']),
  pageRoute('GET', '/signatories/{id}/leave'),
  pageRoute('POST', '/signatories/{id}/leave', [], ['leftOn-day', 'leftOn-month', 'leftOn-year']),
  pageRoute('GET', '/annual-report'),
  pageRoute('GET', '/annual-report/go', ['year', 'edition']),
  pageRoute('GET', '/annual-report/{year}', ['edition']),
  pageRoute('GET', '/annual-report/{year}/download', ['edition', 'format']),
];
/** Real values for the pages' other path parameters. */
const PAGE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  command: Object.keys(COMMAND_LABELS),
  form: Object.keys(ADMIN_FORMS),
  step: RAISE_STEPS.map((s) => s.slug),
  year: ['2024', '2025', '2026', '1999'],
};

/** Who sends a request: someone of each role, someone unknown, nobody. */
type Actor = 'admin' | 'complainant' | 'respondent' | 'outsider' | 'secretariat' | 'chair' | 'mediator' | 'auditor' | 'forged' | 'none';
const ACTORS: readonly Actor[] = ['admin', 'complainant', 'respondent', 'outsider', 'secretariat', 'chair', 'mediator', 'auditor', 'forged', 'none'];

interface FuzzRequest {
  readonly route: Route;
  readonly actor: Actor;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/**
 * Malformed and hostile requests, generated by fast-check against every route /docs-json lists
 * (so a new route is covered as soon as it is documented): wrong types, huge and deep bodies, many
 * keys, unicode and control characters, prototype-polluting keys, injection strings, every role
 * and none, forged ids and other cases' ids, replayed idempotency keys, bad content types, and
 * over raw sockets bad lengths and framing; the web pages too, with each actor's session cookie and
 * with or without its CSRF token. Whatever comes: never a 5xx, every error is application/problem+json
 * (a page's, a friendly HTML page without a stack trace), and a refused request appends nothing (the
 * store's head stays put).
 */
describe('fuzzed requests against every route', () => {
  let server: TestServer;
  let port: number;
  let store: EventStore;
  let routes: Route[];
  const tokens: Partial<Record<Actor, string>> = { admin: TEST_ADMIN_TOKEN, forged: 'forged-token-0123456789abcdef' };
  /** Each actor's page session: the cookie a browser would send and the CSRF token its forms carry. */
  const sessions: Partial<Record<Actor, { cookie: string; csrf: string }>> = { forged: { cookie: 'compact_session=forged-session-id', csrf: 'forged-csrf' } };
  /** Ids a path parameter may take: real ones of several kinds (visible or not to the sender), and forged ones. */
  const ids: Record<'case' | 'organisation' | 'person' | 'evidence' | 'projection', string[]> = { case: [], organisation: [], person: [], evidence: [], projection: ['cases', 'directory', 'report'] };
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    // Each request comes "through a proxy" from an address of its own, so that the failure limiter
    // (keyed on the client's address) does not turn the rest of the run into 429s.
    server = await startTestServer({ clockFixed: START, trustProxy: ['127.0.0.1'], httpLimits: { headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 5_000 } });
    port = (server.app.getHttpServer().address() as AddressInfo).port;
    store = server.app.get<EventStore>(EVENT_STORE);
    const docs = ok<OpenApi>(await api(server.baseUrl).get('/docs-json'));
    routes = [...routesOf(docs), ...PAGES];
    docsSchemas = docs.components.schemas;
    await castFor(api(server.baseUrl, TEST_ADMIN_TOKEN));
  }, 60_000);

  afterAll(() => server.close());

  async function castFor(admin: ApiClient): Promise<void> {
    const org = async (name: string, sector: string) => ok<{ id: string }>(await admin.post('/organisations', { name, sector, type: sector === 'vcs' ? 'charity' : 'district council' }), 201).id;
    const council = await org('Fenland District Council', 'statutory');
    const charity = await org('Wisbech Food Bank', 'vcs');
    const third = await org('March Youth Trust', 'vcs');
    const spare = await org('Soham Town Council', 'statutory');
    ids.organisation.push(council, charity, third, spare);
    const person = async (actor: Actor, roles: string[], organisationId?: string) => {
      const answer = ok<{ id: string; token: string }>(await admin.post('/people', { name: `Fuzz ${actor}`, email: `${actor}@fuzz.example`, roles, ...(organisationId && { organisationId }) }), 201);
      tokens[actor] = answer.token;
      return answer.id;
    };
    await person('complainant', ['partner'], charity);
    await person('respondent', ['partner'], council);
    await person('outsider', ['partner'], third);
    await person('secretariat', ['secretariat']);
    await person('chair', ['chair']);
    ids.person.push(await person('mediator', ['mediator']));
    await person('auditor', ['auditor']);
    // People only ever changed by the fuzz (their tokens are not used to send anything).
    for (let i = 0; i < 2; i++) {
      ids.person.push(ok<{ id: string }>(await admin.post('/people', { name: `Target ${i}`, email: `target${i}@fuzz.example`, roles: ['auditor'] }), 201).id);
    }
    const complainant = api(server.baseUrl, tokens.complainant);
    ids.case.push(ok<{ id: string }>(await complainant.post('/disputes', raiseBody(council)), 201).id);
    // Another case, between other organisations: the complainant and respondent above may not see it.
    const outsider = api(server.baseUrl, tokens.outsider);
    ids.case.push(ok<{ id: string }>(await outsider.post('/disputes', raiseBody(spare, { summary: 'Not theirs' })), 201).id);
    const letter = Buffer.from('a letter');
    ok(await complainant.post(`/disputes/${ids.case[0]}/add-evidence`, { filename: 'letter.txt', contentType: 'text/plain', contentBase64: letter.toString('base64') }));
    ids.evidence.push(createHash('sha256').update(letter).digest('hex'), 'a'.repeat(64));
    for (const actor of ACTORS) {
      const token = tokens[actor];
      if (token && actor !== 'forged') sessions[actor] = await pageSession(token);
    }
  }

  /** Signs in through the sign-in page as a browser would, for the session cookie and its CSRF token. */
  async function pageSession(token: string): Promise<{ cookie: string; csrf: string }> {
    const cookieOf = (response: Response) => response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').join('; ');
    const csrfOf = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
    const signInPage = await fetch(`${server.baseUrl}/`);
    const signIn = await fetch(`${server.baseUrl}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(signInPage), origin: server.baseUrl },
      body: new URLSearchParams({ _csrf: csrfOf(await signInPage.text()), token, next: '/' }).toString(),
    });
    const cookie = cookieOf(signIn).split('; ').filter((c) => c.startsWith('compact_session=')).join('; ');
    expect({ signedIn: signIn.status, cookie: cookie !== '' }).toEqual({ signedIn: 303, cookie: true });
    return { cookie, csrf: csrfOf(await (await fetch(`${server.baseUrl}/`, { headers: { cookie } })).text()) };
  }

  /** A value of the kind a path parameter holds, real or forged. */
  const pathValue = (name: string, path: string): fc.Arbitrary<string> => {
    const real = PAGE_PARAMETERS[name];
    if (real) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: hostileString.map((s) => encodeURIComponent(s) || 'x') });
    const kind =
      name === 'sha256' ? 'evidence'
      : name === 'name' ? 'projection'
      : path.startsWith('/disputes') || path.startsWith('/cases') ? 'case'
      : path.startsWith('/organisations') || path.startsWith('/signatories') ? 'organisation'
      : 'person';
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids[kind]) }, { weight: 1, arbitrary: hostileString.map((s) => encodeURIComponent(s) || 'x') });
  };

  /** A value of the type the schema names, or anything at all. */
  const valueFor = (schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> => {
    const resolved = resolve(schema);
    const typed: fc.Arbitrary<Json> | null = (() => {
      if (resolved?.enum) return fc.constantFrom(...(resolved.enum as Json[]));
      switch (resolved?.type) {
        case 'string':
          return resolved.format === 'date' ? fc.constantFrom('2026-05-01', '2026-02-30', '1900-01-01') : fc.oneof(hostileString, fc.constantFrom(...ids.organisation, ...ids.person));
        case 'integer':
        case 'number':
          return fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double());
        case 'boolean':
          return fc.boolean();
        case 'array':
          return depth > 2 ? fc.constant({ array: [] }) : fc.array(valueFor(resolved.items, depth + 1), { maxLength: 3 }).map((array) => ({ array }));
        case 'object':
          return depth > 2 ? fc.constant({ entries: [] }) : objectFor(resolved, depth + 1);
        default:
          return null;
      }
    })();
    return typed === null ? hostileJson : fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: hostileJson });
  };

  /** An object with the schema's fields, each present or not, right or wrong, and now and then a field it does not know. */
  const objectFor = (schema: Schema, depth: number): fc.Arbitrary<Json> => {
    const fields = Object.entries(schema.properties ?? {});
    return fc
      .tuple(
        fc.tuple(...fields.map(([name, field]) => fc.option(valueFor(field, depth).map((v): [string, Json] => [name, v]), { freq: 4 }))),
        fc.option(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'surplus'), fc.string({ maxLength: 8 })), hostileJson), { freq: 4 }),
      )
      .map(([present, extra]) => ({ entries: [...present.filter((f): f is [string, Json] => f !== null), ...(extra ? [extra] : [])] }));
  };

  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? docsSchemas[schema.$ref.split('/').pop() ?? ''] : schema);
  let docsSchemas: Record<string, Schema> = {};

  const request = (): fc.Arbitrary<FuzzRequest> => fc.constantFrom(...routes).chain((route) => (route.page ? pageRequest(route, route.page.form) : apiRequest(route)));

  /** Form fields: the page's own (and some it does not know), with hostile or real values; the CSRF field is added apart. */
  const formFields = (fields: readonly string[]): fc.Arbitrary<[string, string][]> =>
    fc.array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields, 'next') }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor[prototype]', 'surplus', '_csrf') }),
        fc.oneof(hostileString, fc.constantFrom(...ids.organisation, ...ids.person, '3.2', '2026', '13', 'mediation', 'yes')),
      ),
      { maxLength: 8 },
    );

  /** A request for a web page as a browser, or something pretending to be one, would send it: the actor's session cookie, a form body with or without the session's CSRF token. */
  const pageRequest = (route: Route, fields: readonly string[]): fc.Arbitrary<FuzzRequest> => {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    return fc
      .record({
        actor: fc.constantFrom(...ACTORS),
        path: fc.tuple(...params.map((p) => pathValue(p, route.path))),
        query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query.map((q) => q.name), '__proto__'), fc.string({ maxLength: 6 })), hostileString), { maxLength: 3 }),
        form: formFields(fields),
        csrf: fc.constantFrom('session', 'session', 'session', 'missing', 'forged'),
        raw: fc.option(pathologicalBody, { freq: 6 }),
        contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES, 'multipart/form-data; boundary=x') }),
        origin: fc.constantFrom('same', 'same', 'none', 'https://elsewhere.example'),
        accept: fc.constantFrom('text/html', '*/*', 'application/json'),
        client: fc.integer({ min: 1, max: 65_000 }),
      })
      .map(({ actor, path, query, form, csrf, raw, contentType, origin, accept, client }) => {
        let url = route.path;
        params.forEach((name, i) => (url = url.replace(`{${name}}`, path[i] as string)));
        const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const session = sessions[actor];
        const fields = new URLSearchParams(form);
        if (csrf !== 'missing') fields.append('_csrf', csrf === 'session' ? (session?.csrf ?? '') : 'forged-csrf-token');
        const body = route.method === 'POST' ? (raw ?? fields.toString()) : undefined;
        const headers: Record<string, string> = {
          accept,
          'x-forwarded-for': `10.${client >> 8}.${client & 255}.2`,
          ...(session && { cookie: session.cookie }),
          ...(origin !== 'none' && { origin: origin === 'same' ? server.baseUrl : origin }),
          ...(body !== undefined && { 'content-type': contentType }),
        };
        return { route, actor, url: search === '' ? url : `${url}?${search}`, headers, body };
      });
  };

  const apiRequest = (route: Route): fc.Arbitrary<FuzzRequest> => {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      return fc
        .record({
          actor: fc.constantFrom(...ACTORS),
          path: fc.tuple(...params.map((p) => pathValue(p, route.path))),
          query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query.map((q) => q.name), '__proto__', 'constructor[prototype]'), fc.string({ maxLength: 6 })), hostileString), { maxLength: 3 }),
          body: route.body ? fc.oneof({ weight: 5, arbitrary: valueFor(route.body).map(jsonText) }, { weight: 1, arbitrary: pathologicalBody }) : fc.option(pathologicalBody, { freq: 5 }),
          contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
          // A few keys, so that keys are replayed, with the same body and with others.
          idempotencyKey: fc.option(fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'), { freq: 3 }),
          ifMatch: fc.option(fc.constantFrom('"0"', '"1"', '"-1"', 'W/"2"', '"x"', '*', `"${'9'.repeat(30)}"`), { freq: 4 }),
          onBehalfOf: fc.option(fc.tuple(fc.constantFrom(...ids.organisation, 'nobody'), fc.constantFrom('on the phone', '')), { freq: 8 }),
          accept: fc.constantFrom('application/json', 'text/csv', 'text/html', '*/*', 'image/png'),
          client: fc.integer({ min: 1, max: 65_000 }),
        })
        .map(({ actor, path, query, body, contentType, idempotencyKey, ifMatch, onBehalfOf, accept, client }) => {
          let url = route.path;
          params.forEach((name, i) => (url = url.replace(`{${name}}`, path[i] as string)));
          const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const token = tokens[actor];
          const headers: Record<string, string> = {
            accept,
            'x-forwarded-for': `10.${client >> 8}.${client & 255}.1`,
            ...(token && { authorization: `Bearer ${token}` }),
            ...(body !== null && { 'content-type': contentType }),
            ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
            ...(ifMatch && { 'if-match': ifMatch }),
            ...(onBehalfOf && { 'x-on-behalf-of': onBehalfOf[0], 'x-on-behalf-reason': onBehalfOf[1] }),
          };
          return { route, actor, url: search === '' ? url : `${url}?${search}`, headers, body: route.method === 'POST' || body !== null ? (body ?? undefined) : undefined };
        });
  };

  /**
   * The checks every answer must pass, whatever was asked. A page's error is a friendly HTML page;
   * over a raw socket, framing too broken to read the path is answered as problem+json even there.
   */
  const expectWellAnswered = (what: string, status: number, contentType: string | null, text: string, page: 'page' | 'api' | 'page-framing' = 'api') => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const problem = status >= 400 ? parseProblem(text) : null;
    const answered = status < 400 ? null : contentType?.startsWith('text/html') ? { html: /<title>[^<]+<\/title>/.test(text) && !/\bat \S+ \(.*:\d+:\d+\)/.test(text) } : { contentType, status: problem?.status };
    const wellFormedProblem = { contentType: 'application/problem+json; charset=utf-8', status };
    const expected = status < 400 ? null : page === 'api' || (page === 'page-framing' && !contentType?.startsWith('text/html')) ? wellFormedProblem : { html: true };
    expect({ what, serverError: status >= 500, answered }).toEqual({ what, serverError: false, answered: expected });
  };

  it(`answers ${RUNS} generated requests without a 5xx, with problem+json for every error, appending nothing for a refusal (seed ${SEED})`, async () => {
    expect(routes.length).toBeGreaterThan(50);
    const covered = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request(), async (req) => {
        covered.add(`${req.route.method} ${req.route.path}`);
        const before = await store.headPosition();
        // A GET with a body is refused by fetch itself: send those as they are over a raw socket instead.
        const answer =
          req.route.method === 'GET' && req.body !== undefined
            ? fromRaw(await rawExchange(port, [{ data: rawText(req) }], 10_000))
            : await fetch(`${server.baseUrl}${req.url}`, { method: req.route.method, headers: req.headers, body: req.body }).then(async (r) => ({ status: r.status, contentType: r.headers.get('content-type'), text: await r.text() }));
        const what = `${req.route.method} ${req.url.slice(0, 120)} as ${req.actor}: ${String(req.body).slice(0, 120)}`;
        expectWellAnswered(what, answer.status, answer.contentType, answer.text, req.route.page ? 'page' : 'api');
        if (answer.status >= 400) expect({ what, appended: (await store.headPosition()) - before }).toEqual({ what, appended: 0n });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // With enough runs, every route is hit; fewer runs (a quick CI) still reach most of them.
    expect(covered.size).toBeGreaterThanOrEqual(Math.min(routes.length, Math.floor(RUNS / 10)));
  }, 600_000);

  it(`answers ${Math.ceil(RUNS / RAW_SHARE)} requests with broken framing (bad lengths, garbage, control characters) in problem+json, appending nothing`, async () => {
    const framing = fc.record({
      route: fc.constantFrom(...routes.filter((r) => r.method === 'POST')),
      fault: fc.constantFrom('longer', 'shorter', 'not-a-number', 'negative', 'two-lengths', 'chunked-garbage', 'control-in-header', 'bad-request-line', 'huge-header', 'unmet-expectation', 'no-host'),
      body: fc.constantFrom('{}', '{"text":"hello"}', '{"reason":"r","workingDays":1,"consentFrom":[]}'),
      actor: fc.constantFrom<Actor>('complainant', 'secretariat', 'admin'),
    });
    await fc.assert(
      fc.asyncProperty(framing, async ({ route, fault, body, actor }) => {
        const path = route.path.replace(/\{id\}/, ids.case[0] as string).replace(/\{\w+\}/g, 'x');
        const head = `${route.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${tokens[actor]}\r\nContent-Type: application/json\r\n`;
        const raw = {
          longer: `${head}Content-Length: ${Math.max(1, body.length - 3)}\r\n\r\n${body}`,
          shorter: `${head}Content-Length: ${body.length + 10}\r\n\r\n${body}`,
          'not-a-number': `${head}Content-Length: 1O\r\n\r\n${body}`,
          negative: `${head}Content-Length: -1\r\n\r\n${body}`,
          'two-lengths': `${head}Content-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n${body}`,
          'chunked-garbage': `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
          'control-in-header': `${head}X-Note: a\u0001b\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
          'bad-request-line': `${route.method}  ${path} HTTP/9.9\r\n\r\n`,
          'huge-header': `${head}X-Padding: ${'p'.repeat(20_000)}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
          'unmet-expectation': `${head}Expect: 200-ok\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          'no-host': `${route.method} ${path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        }[fault];
        const before = await store.headPosition();
        const exchange = await rawExchange(port, [{ data: raw }], 10_000);
        expect({ fault, answered: exchange.answers.length > 0, closed: exchange.closedByServer }).toEqual({ fault, answered: true, closed: true });
        for (const answer of exchange.answers) expectWellAnswered(`${fault} ${path}`, answer.status, answer.headers['content-type'] ?? null, answer.body, route.page ? 'page-framing' : 'api');
        if (exchange.answers.every((a) => a.status >= 400)) expect({ fault, appended: (await store.headPosition()) - before }).toEqual({ fault, appended: 0n });
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / RAW_SHARE), endOnFailure: true },
    );
  }, 600_000);

  it('is still up and answering after all of it', async () => {
    expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    expect((await api(server.baseUrl, tokens.complainant).get(`/disputes/${ids.case[0]}`)).status).toBe(200);
    // Refusals of every kind were met, not just one.
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(5);
  });
});

function routesOf(docs: OpenApi): Route[] {
  return Object.entries(docs.paths).flatMap(([path, operations]) =>
    (['get', 'post'] as const)
      .filter((method) => operations[method] !== undefined)
      .map((method) => {
        const operation = operations[method] as Operation;
        return {
          method: method.toUpperCase() as Route['method'],
          path,
          query: (operation.parameters ?? []).filter((p) => p.in === 'query'),
          body: operation.requestBody?.content['application/json']?.schema ?? null,
        };
      }),
  );
}

function rawText(req: FuzzRequest): string {
  const body = req.body ?? '';
  // Connection: close, so the exchange ends with the answer instead of idling until the keep-alive limit.
  const headers = Object.entries({ ...req.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
  return `${req.route.method} ${req.url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
}

function fromRaw(exchange: { answers: RawAnswer[] }): { status: number; contentType: string | null; text: string } {
  const [first] = exchange.answers;
  if (first === undefined) throw new Error('no answer came back');
  return { status: first.status, contentType: first.headers['content-type'] ?? null, text: first.body };
}

function parseProblem(text: string): { status?: unknown } | null {
  try {
    return JSON.parse(text) as { status?: unknown };
  } catch {
    return null;
  }
}
