import { request } from 'node:http';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, HttpCode, Logger, Module, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { type AppSettings } from '#config';
import { api } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

type LogLine = Record<string, unknown>;

const ANY_JSON = { schema: { type: 'object', additionalProperties: true } } as const;

/** Logs the way application code does (a Nest Logger), once the body is read and again after an await. */
@Controller('log-probe')
class LogProbeController {
  private readonly logger = new Logger('LogProbe');

  @Post(':caseId/notes')
  @HttpCode(200)
  @ApiBody(ANY_JSON)
  @ApiOkResponse(ANY_JSON)
  async note(@Param('caseId') caseId: string, @Body() body: Record<string, unknown>) {
    this.logger.log(`note on ${caseId}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.warn({ fields: Object.keys(body).length }, 'after a wait');
    return { caseId };
  }
}

@Module({ controllers: [LogProbeController] })
class LogProbeModule {}

/** A test server whose JSON log lines land in `lines`. */
async function startLoggedServer(logLevel: AppSettings['logLevel'], lines: LogLine[]): Promise<TestServer> {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return startTestServer(
    { logLevel },
    { ...PLATFORM_TEST_OPTIONS, imports: [...(PLATFORM_TEST_OPTIONS.imports ?? []), LogProbeModule], logDestination: destination },
  );
}

describe('logs at LOG_LEVEL=info', () => {
  const lines: LogLine[] = [];
  let server: TestServer;

  const linesFor = (correlationId: string): LogLine[] => lines.filter((line) => line.correlationId === correlationId);

  beforeAll(async () => {
    server = await startLoggedServer('info', lines);
  });

  afterAll(async () => {
    await server.close();
  });

  it('writes one short JSON access line per request: method, route pattern, status, time, correlation id, and no headers', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).post('/log-probe/case-7/notes', { summary: 'x' }, { 'x-correlation-id': 'log-ok-1', 'idempotency-key': 'log-key-1' });
    const access = linesFor('log-ok-1').filter((line) => line.msg === 'request completed');
    expect(access).toHaveLength(1);
    const [line] = access;
    expect(line).toMatchObject({ level: 30, correlationId: 'log-ok-1', method: 'POST', route: '/log-probe/:caseId/notes', statusCode: 200 });
    expect(typeof line?.responseTime).toBe('number');
    expect(typeof line?.time).toBe('string');
    expect(Object.keys(line ?? {}).sort()).toEqual(['correlationId', 'hostname', 'level', 'method', 'msg', 'pid', 'responseTime', 'route', 'statusCode', 'time']);
    expect(JSON.stringify(lines)).not.toContain(TEST_ADMIN_TOKEN);
    expect(JSON.stringify(lines)).not.toContain('log-key-1');
  });

  it('gives the lines application code logs during a request that request\'s correlation id, after its body is read and across awaits', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).post('/log-probe/case-8/notes', { a: 1, b: 2 }, { 'x-correlation-id': 'log-context-1' });
    expect(linesFor('log-context-1').filter((line) => line.context === 'LogProbe')).toEqual([
      expect.objectContaining({ level: 30, msg: 'note on case-8' }),
      expect.objectContaining({ level: 40, msg: 'after a wait', fields: 2 }),
    ]);
  });

  it('keeps the correlation id when the body arrives after the headers, in a later packet', async () => {
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(`${server.baseUrl}/log-probe/case-slow/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-correlation-id': 'log-late-body-1' },
      });
      outgoing.on('response', (response) => response.resume().on('end', resolve)).on('error', reject);
      outgoing.flushHeaders();
      void sleep(50).then(() => outgoing.end(JSON.stringify({ a: 1 })));
    });
    expect(linesFor('log-late-body-1').filter((line) => line.context === 'LogProbe').map((line) => line.msg)).toEqual(['note on case-slow', 'after a wait']);
  });

  it('keeps the correlation ids of concurrent requests apart', async () => {
    const ids = Array.from({ length: 8 }, (_, index) => `log-concurrent-${index}`);
    await Promise.all(ids.map((id) => api(server.baseUrl, TEST_ADMIN_TOKEN).post(`/log-probe/${id}/notes`, {}, { 'x-correlation-id': id })));
    for (const id of ids) expect(linesFor(id).filter((line) => line.context === 'LogProbe').map((line) => line.msg)).toEqual([`note on ${id}`, 'after a wait']);
  });

  it('logs an unexpected error with its stack, in the request\'s context', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/boom', { 'x-correlation-id': 'log-boom-1' });
    const errorLine = linesFor('log-boom-1').find((line) => line.level === 50);
    expect(errorLine).toMatchObject({ context: 'ProblemDetails', err: { message: expect.stringContaining('hunter2') } });
    expect((errorLine?.err as { stack: string }).stack).toContain('PlatformProbeController.boom');
    expect(linesFor('log-boom-1').find((line) => line.msg === 'request completed')).toMatchObject({ route: '/probe/boom', statusCode: 500 });
  });

  it('does not log a client error as a server fault', async () => {
    await api(server.baseUrl).get('/probe/principal', { 'x-correlation-id': 'log-401-1' });
    expect(linesFor('log-401-1').map((line) => line.level)).toEqual([30]);
  });

  it('logs a path no route matches by its path, without the query', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/no-such-route/here?token=abc', { 'x-correlation-id': 'log-404-1' });
    const [line] = linesFor('log-404-1');
    expect(line).toMatchObject({ msg: 'request completed', method: 'GET', path: '/no-such-route/here', statusCode: 404 });
    expect(line).not.toHaveProperty('route');
  });

  it('leaves probes, scrapes and the docs out of the access log', async () => {
    await api(server.baseUrl).get('/health', { 'x-correlation-id': 'log-health-1' });
    await api(server.baseUrl).get('/metrics', { 'x-correlation-id': 'log-metrics-1' });
    await api(server.baseUrl).get('/docs-json', { 'x-correlation-id': 'log-docs-1' });
    expect([...linesFor('log-health-1'), ...linesFor('log-metrics-1'), ...linesFor('log-docs-1')]).toEqual([]);
  });

  it('writes Nest\'s own start-up lines as JSON with their context, outside any request', () => {
    const started = lines.find((line) => line.context === 'NestApplication');
    expect(started).toMatchObject({ level: 30, msg: 'Nest application successfully started' });
    expect(started).not.toHaveProperty('correlationId');
  });
});

describe('logs at LOG_LEVEL=warn', () => {
  const lines: LogLine[] = [];
  let server: TestServer;

  beforeAll(async () => {
    server = await startLoggedServer('warn', lines);
  });

  afterAll(async () => {
    await server.close();
  });

  it('writes no access or info lines, and still the warnings and server faults', async () => {
    await api(server.baseUrl, TEST_ADMIN_TOKEN).post('/log-probe/case-9/notes', { a: 1 }, { 'x-correlation-id': 'log-warn-1' });
    await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/boom', { 'x-correlation-id': 'log-warn-2' });
    expect(lines.filter((line) => (line.level as number) < 40)).toEqual([]);
    expect(lines.filter((line) => line.correlationId === 'log-warn-1').map((line) => line.msg)).toEqual(['after a wait']);
    expect(lines.filter((line) => line.correlationId === 'log-warn-2').map((line) => line.context)).toEqual(['ProblemDetails']);
  });
});
