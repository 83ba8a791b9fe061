import { type AddressInfo } from 'node:net';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../support/platform-test-options.js';
import { expectRawProblem, type RawPart, rawExchange, rawRequest } from './support/raw-http.js';

/** Short limits, so the test is quick; the defaults (10 s, 120 s, 72 s) are the same code path. */
const LIMITS = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 1_000 };

/** A byte at a time, this far apart: a whole request would take far longer than any limit above. */
const DRIP_MS = 200;
const drip = (text: string): RawPart[] => [...text].map((char) => ({ afterMs: DRIP_MS, data: char }));

describe('slow clients', () => {
  let server: TestServer;
  let port: number;
  const json = { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer({ httpLimits: LIMITS }, PLATFORM_TEST_OPTIONS);
    port = (server.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => server.close());

  it('cuts off a body sent a byte at a time with 408 problem+json, long before it is complete', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(100) });
    const head = rawRequest('POST', '/probe/loose', { ...json, 'content-length': body.length });
    const exchange = await rawExchange(port, [{ data: head }, ...drip(body)], 15_000);
    const problem = expectRawProblem(exchange.answers[0], 408, 'REQUEST.TIMEOUT');
    expect(problem.detail).toContain('whole request within 1 s');
    expect(exchange.answers[0]?.headers.connection).toBe('close');
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.bytesSent).toBeLessThan(head.length + body.length / 2);
  });

  it('cuts off headers sent a byte at a time with 408 problem+json', async () => {
    const request = rawRequest('GET', '/health/live', { 'x-slow': 'one byte at a time' });
    const exchange = await rawExchange(port, drip(request), 15_000);
    expectRawProblem(exchange.answers[0], 408, 'REQUEST.TIMEOUT');
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.bytesSent).toBeLessThan(request.length / 2);
  });

  it('closes a kept-alive connection left idle, after announcing how long it keeps it', async () => {
    const exchange = await rawExchange(port, [{ data: rawRequest('GET', '/health/live') }], 15_000);
    expect(exchange.answers.map((a) => [a.status, a.headers.connection, a.headers['keep-alive']])).toEqual([[200, 'keep-alive', 'timeout=1']]);
    expect(exchange.closedByServer).toBe(true);
  });

  it('still answers a request that arrives in a few pieces within the limits', async () => {
    const body = '{"text":"in pieces"}';
    const exchange = await rawExchange(port, [
      { data: 'POST /probe/loose HTTP/1.1\r\nHost: 127.0.0.1\r\n' },
      { afterMs: 50, data: `content-type: application/json\r\nauthorization: Bearer ${TEST_ADMIN_TOKEN}\r\ncontent-length: ${body.length}\r\n\r\n` },
      { afterMs: 50, data: body.slice(0, 8) },
      { afterMs: 50, data: body.slice(8) },
    ]);
    expect(exchange.answers.map((a) => [a.status, a.body])).toEqual([[200, JSON.stringify({ body: { text: 'in pieces' } })]]);
  });
});
