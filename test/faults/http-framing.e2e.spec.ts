import { type AddressInfo, connect } from 'node:net';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../support/platform-test-options.js';
import { expectRawProblem, parseAnswers, rawExchange, rawRequest } from './support/raw-http.js';

/**
 * What Node's HTTP parser and Fastify refuse before any route runs is answered as problem+json
 * like everything else, and the connection is closed in a way a keep-alive client understands.
 */
describe('HTTP framing refused before any route runs', () => {
  let server: TestServer;
  let port: number;
  const json = { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
    port = (server.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => server.close());

  it('answers a body longer than its Content-Length for the request it framed, then closes with Connection: close', async () => {
    // {"text":"hello"} cut at 5 bytes: the rest is not a request.
    const exchange = await rawExchange(port, [{ data: rawRequest('POST', '/probe/loose', { ...json, 'content-length': 5 }, '{"text":"hello"}') }]);
    expect(exchange.answers).toHaveLength(1);
    expectRawProblem(exchange.answers[0], 400, 'REQUEST.MALFORMED_JSON');
    expect(exchange.answers[0]?.headers.connection).toBe('close');
    expect(exchange.closedByServer).toBe(true);
  });

  it('answers a valid request followed by bytes that are not one, and says it closes', async () => {
    const exchange = await rawExchange(port, [{ data: rawRequest('POST', '/probe/loose', { ...json, 'content-length': 7 }, '{"a":1}garbage that is no request') }]);
    expect(exchange.answers.map((a) => [a.status, a.headers.connection])).toEqual([[200, 'close']]);
    expect(JSON.parse(exchange.answers[0]?.body ?? '')).toEqual({ body: { a: 1 } });
    expect(exchange.closedByServer).toBe(true);
  });

  it('answers 431 problem+json to a 20 KB header, with Connection: close', async () => {
    const exchange = await rawExchange(port, [{ data: rawRequest('GET', '/health/live', { 'x-padding': 'a'.repeat(20_000) }) }]);
    const problem = expectRawProblem(exchange.answers[0], 431, 'REQUEST.HEADERS_TOO_LARGE');
    expect(exchange.answers[0]?.headers.connection).toBe('close');
    expect(problem.correlationId).toBe(exchange.answers[0]?.headers['x-correlation-id']);
    expect(exchange.closedByServer).toBe(true);
  });

  it('lets a keep-alive client carry on after a 431: its next requests get answers, not ECONNRESET', async () => {
    // fetch keeps connections alive and reuses them unless told the server closes one.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const refused = await fetch(`${server.baseUrl}/health/live`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect([refused.headers.get('content-type'), refused.headers.get('connection')]).toEqual(['application/problem+json; charset=utf-8', 'close']);
      await refused.text();
      const next = await fetch(`${server.baseUrl}/health/live`);
      await next.text();
      statuses.push(refused.status, next.status);
    }
    expect(statuses).toEqual([431, 200, 431, 200, 431, 200]);
  });

  it.each([
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 'REQUEST.MALFORMED_HTTP'],
    ['a Content-Length that is not a number', rawRequest('POST', '/probe/loose', { ...json, 'content-length': 'abc' }, '{}'), 'REQUEST.INVALID_CONTENT_LENGTH'],
    ['two Content-Lengths that disagree', rawRequest('POST', '/probe/loose', { ...json, 'content-length': 2, 'Content-Length': 3 }, '{}'), 'REQUEST.INVALID_CONTENT_LENGTH'],
    ['a bad chunk size', rawRequest('POST', '/probe/loose', { ...json, 'transfer-encoding': 'chunked' }, 'zz\r\n{}\r\n0\r\n\r\n'), 'REQUEST.MALFORMED_HTTP'],
    ['a header without a colon', 'GET /health/live HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', 'REQUEST.MALFORMED_HTTP'],
    ['a control character in a header value', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n', 'REQUEST.MALFORMED_HTTP'],
  ])('answers %s with 400 problem+json and Connection: close', async (_name, raw, code) => {
    const exchange = await rawExchange(port, [{ data: raw }]);
    expect(exchange.answers).toHaveLength(1);
    expectRawProblem(exchange.answers[0], 400, code);
    expect(exchange.answers[0]?.headers.connection).toBe('close');
    expect(exchange.closedByServer).toBe(true);
  });

  it('answers an Expect it cannot meet with 417 problem+json, without running the request', async () => {
    const exchange = await rawExchange(port, [{ data: rawRequest('POST', '/probe/echo', { ...json, expect: 'fancy', 'content-length': 2 }, '{}') }]);
    expect(exchange.answers).toHaveLength(1);
    expectRawProblem(exchange.answers[0], 417, 'REQUEST.EXPECTATION_FAILED');
    expect((await fetch(`${server.baseUrl}/probe/executions`, { headers: { authorization: json.authorization } }).then((r) => r.json())) as unknown).toEqual({ executions: 0 });
  });

  it('answers an HTTP/1.1 request without Host with 400 problem+json', async () => {
    const exchange = await rawExchange(port, [{ data: 'GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n' }]);
    expectRawProblem(exchange.answers[0], 400, 'REQUEST.MISSING_HOST');
  });

  it('still serves other clients after all of that', async () => {
    expect((await fetch(`${server.baseUrl}/health/live`)).status).toBe(200);
  });
});

describe('a server that is closing', () => {
  it('answers a request arriving on a busy keep-alive connection 503 problem+json, not Fastify\'s plain JSON', async () => {
    const server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
    const http = server.app.getHttpServer();
    const port = (http.address() as AddressInfo).port;
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    // /probe/slow holds the connection for 300 ms; the close begins while it runs.
    socket.write(rawRequest('POST', '/probe/slow', { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-length': 2 }, '{}'));
    const executions = async () => ((await (await fetch(`${server.baseUrl}/probe/executions`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json()) as { executions: number }).executions;
    while ((await executions()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = server.close();
    // Fastify stops listening only after its preClose hooks ran, so the closing flag is set by then.
    await until(() => !http.listening);
    socket.write(rawRequest('GET', '/health/live'));
    await Promise.all([closed, socketClosed]);

    const answers = parseAnswers(received);
    expect(answers.map((a) => a.status)).toEqual([200, 503]);
    expectRawProblem(answers[1], 503, 'SERVICE.SHUTTING_DOWN');
    expect(answers[1]?.headers.connection).toBe('close');
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
