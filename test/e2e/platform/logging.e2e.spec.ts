import { Writable } from 'node:stream';
import { api } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

/* One server per file: nestjs-pino keeps one pino-http instance per module registry. */
describe('logs', () => {
  const lines: Record<string, unknown>[] = [];
  let server: TestServer;

  const linesFor = (correlationId: string): Record<string, unknown>[] => lines.filter((line) => line.correlationId === correlationId);

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as Record<string, unknown>);
        done();
      },
    });
    server = await startTestServer({ logLevel: 'info' }, { ...PLATFORM_TEST_OPTIONS, logDestination: destination });
  });

  afterAll(async () => {
    await server.close();
  });

  it('writes one JSON access line per request, with the correlation id and no secrets', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).post('/probe/echo', { summary: 'x' }, { 'x-correlation-id': 'log-ok-1', 'idempotency-key': 'log-key-1' });
    const [line] = linesFor('log-ok-1');
    expect(line).toMatchObject({ level: 30, msg: 'request completed', correlationId: 'log-ok-1', res: { statusCode: 201 } });
    const headers = (line?.req as { headers: Record<string, string> }).headers;
    expect(headers.authorization).toBe('[redacted]');
    expect(headers['idempotency-key']).toBe('[redacted]');
    expect(JSON.stringify(lines)).not.toContain(TEST_ADMIN_TOKEN);
    expect(typeof line?.time).toBe('string');
  });

  it('logs an unexpected error with its stack, in the request\'s context', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/boom', { 'x-correlation-id': 'log-boom-1' });
    const errorLine = linesFor('log-boom-1').find((line) => line.level === 50);
    expect(errorLine).toMatchObject({ context: 'ProblemDetails', err: { message: expect.stringContaining('hunter2') } });
    expect((errorLine?.err as { stack: string }).stack).toContain('PlatformProbeController.boom');
  });

  it('does not log a client error as a server fault', async () => {
    await api(server.baseUrl).get('/probe/principal', { 'x-correlation-id': 'log-401-1' });
    expect(linesFor('log-401-1').map((line) => line.level)).toEqual([30]);
  });

  it('leaves probes and scrapes out of the access log', async () => {
    await api(server.baseUrl).get('/health', { 'x-correlation-id': 'log-health-1' });
    await api(server.baseUrl).get('/metrics', { 'x-correlation-id': 'log-metrics-1' });
    expect([...linesFor('log-health-1'), ...linesFor('log-metrics-1')]).toEqual([]);
  });
});
