import { BODY_LIMITS } from '#http';
import { api, type ApiClient } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  correlationId: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

describe('errors over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
    admin = api(server.baseUrl, TEST_ADMIN_TOKEN);
  });

  afterAll(async () => {
    await server.close();
  });

  const expectProblem = (response: { status: number; headers: Headers; body: unknown }, status: number, code: string): Problem => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const problem = response.body as Problem;
    expect(problem).toMatchObject({ status, code, type: expect.stringMatching(/^urn:problem:compact-disputes:/) });
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    expect(problem.correlationId).toBe(response.headers.get('x-correlation-id'));
    return problem;
  };

  describe('authentication', () => {
    it('answers 401 without a token, with a Bearer challenge', async () => {
      const response = await api(server.baseUrl).get('/probe/principal');
      const problem = expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
      expect(problem.instance).toBe('/probe/principal');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('answers 401 for a token nobody holds', async () => {
      const problem = expectProblem(await api(server.baseUrl, 'not-a-real-token-at-all').get('/probe/principal'), 401, 'AUTH.UNAUTHENTICATED');
      expect(problem.detail).toBe('The bearer token is not valid.');
    });

    it('answers 401 for an Authorization header that is not a bearer token', async () => {
      const response = await api(server.baseUrl).get('/probe/principal', { authorization: 'Basic dXNlcjpwYXNz' });
      expect(expectProblem(response, 401, 'AUTH.UNAUTHENTICATED').detail).toContain('Bearer <token>');
    });
  });

  describe('routing', () => {
    it('answers 404 for an unknown route', async () => {
      const problem = expectProblem(await admin.get('/no/such/route?x=1'), 404, 'HTTP.NOT_FOUND');
      expect(problem.instance).toBe('/no/such/route');
    });

    it('answers 404 for an unknown route even without a token (routing comes first)', async () => {
      expectProblem(await api(server.baseUrl).get('/no/such/route'), 404, 'HTTP.NOT_FOUND');
    });
  });

  describe('bodies', () => {
    it('answers 400 for malformed JSON', async () => {
      const response = await admin.send('POST', '/probe/echo', { body: '{"summary": ', headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('answers 400 for an empty JSON body', async () => {
      const response = await admin.send('POST', '/probe/echo', { body: '', headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'REQUEST.EMPTY_JSON_BODY');
    });

    it.each([
      ['an array', '[{"summary":"x"}]'],
      ['a string', '"summary"'],
      ['null', 'null'],
      ['a number', '42'],
    ])('answers 400 for a body that is %s, for a DTO', async (kind, body) => {
      const response = await admin.send('POST', '/probe/echo', { body, headers: { 'content-type': 'application/json' } });
      const problem = expectProblem(response, 400, 'VALIDATION.BODY_NOT_AN_OBJECT');
      expect(problem.detail).toBe(`The request body must be a JSON object, not ${kind}.`);
    });

    it.each(['[]', 'null', '"text"'])('answers 400 for the non-object body %s, for a loose record too', async (body) => {
      const response = await admin.send('POST', '/probe/loose', { body, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'VALIDATION.BODY_NOT_AN_OBJECT');
    });

    it('takes a POST without any body as {}', async () => {
      const response = await admin.send('POST', '/probe/loose');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ body: {} });
    });

    it('answers 413 for a body over the standard limit on a route that declares none', async () => {
      const big = JSON.stringify({ summary: 'x'.repeat(BODY_LIMITS.standard) });
      const response = await admin.send('POST', '/probe/loose', { body: big, headers: { 'content-type': 'application/json' } });
      const problem = expectProblem(response, 413, 'REQUEST.BODY_TOO_LARGE');
      expect(problem.limitBytes).toBe(BODY_LIMITS.standard);
    });

    it('lets a route that declares a larger limit take 10 MB of evidence in base64, and no more than its limit', async () => {
      const evidence = Buffer.alloc(10 * 1024 * 1024, 7).toString('base64');
      expect((await admin.post('/probe/large', { contentBase64: evidence })).status).toBe(200);
      const big = JSON.stringify({ summary: 'x'.repeat(BODY_LIMITS.evidence) });
      const problem = expectProblem(await admin.send('POST', '/probe/large', { body: big, headers: { 'content-type': 'application/json' } }), 413, 'REQUEST.BODY_TOO_LARGE');
      expect(problem.limitBytes).toBe(BODY_LIMITS.evidence);
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await admin.send('POST', '/probe/loose', { body: 'summary=x', headers: { 'content-type': 'text/plain' } });
      expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 415 for a form-encoded body', async () => {
      const response = await admin.send('POST', '/probe/loose', { body: 'summary=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('validation', () => {
    it('lists each invalid field with a dotted path', async () => {
      const response = await admin.post('/probe/echo', {
        summary: '',
        dates: { noticeReceived: 'last tuesday' },
        actions: [{ description: 'ok', dueDate: '2025-05-01' }, { description: 'late', dueDate: 'soon' }],
      });
      const problem = expectProblem(response, 400, 'VALIDATION.INVALID_INPUT');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          { field: 'summary', message: 'summary should not be empty' },
          { field: 'dates.noticeReceived', message: expect.stringContaining('ISO 8601') },
          { field: 'actions.1.dueDate', message: 'dueDate must be a date (YYYY-MM-DD)' },
        ]),
      );
      expect(problem.errors).toHaveLength(3);
    });

    it('refuses unknown fields, naming them, at the top level and nested', async () => {
      const response = await admin.post('/probe/echo', { summary: 'x', sumary: 'typo', dates: { noticeRecieved: '2025-01-01' } });
      const problem = expectProblem(response, 400, 'VALIDATION.INVALID_INPUT');
      expect(problem.errors).toEqual([
        { field: 'sumary', message: 'sumary is not a known field (unknown fields are refused)' },
        { field: 'dates.noticeRecieved', message: 'dates.noticeRecieved is not a known field (unknown fields are refused)' },
      ]);
      expect(problem.detail).toContain('sumary is not a known field');
    });

    it('answers 400 for a garbage If-Match', async () => {
      const problem = expectProblem(await admin.get('/probe/if-match', { 'if-match': 'three' }), 400, 'CONCURRENCY.INVALID_IF_MATCH');
      expect(problem.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });

    it('passes a valid If-Match down as the expected revision', async () => {
      expect((await admin.get('/probe/if-match', { 'if-match': 'W/"12"' })).body).toEqual({ expectedRevision: 12 });
      expect((await admin.get('/probe/if-match', { 'if-match': '*' })).body).toEqual({ expectedRevision: null });
    });
  });

  describe('the error family', () => {
    it('answers 409 naming the state and the allowed commands', async () => {
      const problem = expectProblem(await admin.get('/probe/not-allowed'), 409, 'DISPUTE.NOT_ALLOWED_IN_STATE');
      expect(problem.detail).toContain('formal.awaitingResponse');
      expect(problem.state).toBe('formal.awaitingResponse');
      expect(problem.allowed).toEqual(['respond', 'withdraw']);
    });

    it('answers 412 for a stale revision, with both revisions', async () => {
      const problem = expectProblem(await admin.get('/probe/stale'), 412, 'CONCURRENCY.STALE_REVISION');
      expect(problem).toMatchObject({ expectedRevision: 3, currentRevision: 5 });
    });

    it('answers 404 for an unknown id', async () => {
      expectProblem(await admin.get('/probe/not-found'), 404, 'RESOURCE.NOT_FOUND');
    });

    it('answers 500 with a generic detail for anything unexpected, leaking nothing', async () => {
      const response = await admin.get('/probe/boom');
      const problem = expectProblem(response, 500, 'SERVER.INTERNAL_ERROR');
      expect(response.text).not.toContain('hunter2');
      expect(response.text).not.toContain('secret.sqlite');
      expect(problem.detail).toContain('correlation id');
    });
  });

  describe('bigints in responses', () => {
    it('are JSON numbers when safe and strings beyond 2^53', async () => {
      const response = await admin.get('/probe/bigints');
      expect(response.text).toBe('{"small":42,"negative":-7,"huge":"18446744073709551616"}');
    });
  });
});
