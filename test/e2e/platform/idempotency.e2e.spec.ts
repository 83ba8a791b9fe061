import { api, type ApiClient } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

describe('Idempotency-Key over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  const executions = async (): Promise<number> => ((await admin.get('/probe/executions')).body as { executions: number }).executions;

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
    admin = api(server.baseUrl, TEST_ADMIN_TOKEN);
  });

  afterAll(async () => {
    await server.close();
  });

  it('replays the first response exactly and does not run the handler again', async () => {
    const body = { summary: 'Notice period cut short', dates: { noticeReceived: '2025-04-01' } };
    const first = await admin.post('/probe/echo', body, { 'idempotency-key': 'replay-1' });
    const before = await executions();
    // Same request with the keys in another order: still the same request.
    const again = await admin.post('/probe/echo', { dates: { noticeReceived: '2025-04-01' }, summary: 'Notice period cut short' }, { 'idempotency-key': 'replay-1' });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await executions()).toBe(before);
  });

  it('passes the key down to the handler', async () => {
    const response = await admin.post('/probe/echo', { summary: 'x' }, { 'idempotency-key': 'passed-down' });
    expect(response.body).toMatchObject({ idempotencyKey: 'passed-down' });
  });

  it('answers 422 for the same key with a different body', async () => {
    await admin.post('/probe/echo', { summary: 'first' }, { 'idempotency-key': 'reused-1' });
    const reused = await admin.post('/probe/echo', { summary: 'second' }, { 'idempotency-key': 'reused-1' });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('answers 422 for the same key on a different path', async () => {
    await admin.post('/probe/echo', { summary: 'first' }, { 'idempotency-key': 'reused-2' });
    expect((await admin.post('/probe/loose', { summary: 'first' }, { 'idempotency-key': 'reused-2' })).status).toBe(422);
  });

  it('runs each request without a key', async () => {
    const before = await executions();
    await admin.post('/probe/echo', { summary: 'x' });
    await admin.post('/probe/echo', { summary: 'x' });
    expect(await executions()).toBe(before + 2);
  });

  it('answers 400 for a malformed key', async () => {
    const response = await admin.post('/probe/echo', { summary: 'x' }, { 'idempotency-key': 'x'.repeat(201) });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'IDEMPOTENCY.INVALID_KEY' });
  });

  it('does not keep a failed response: the same key runs again', async () => {
    const first = await admin.post('/probe/fails-once', {}, { 'idempotency-key': 'retry-after-failure' });
    const second = await admin.post('/probe/fails-once', {}, { 'idempotency-key': 'retry-after-failure' });
    const third = await admin.post('/probe/fails-once', {}, { 'idempotency-key': 'retry-after-failure' });
    expect([first.status, second.status, third.status]).toEqual([409, 201, 201]);
    expect(third.text).toBe(second.text);
  });

  it('runs concurrent duplicates once: the second waits for the first and replays it', async () => {
    const before = await executions();
    const send = () => admin.post('/probe/slow', { n: 1 }, { 'idempotency-key': 'concurrent-1' });
    const [a, b, c] = await Promise.all([send(), send(), send()]);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(b.text).toBe(a.text);
    expect(c.text).toBe(a.text);
    expect(await executions()).toBe(before + 1);
  });

  it('answers 422 at once to a concurrent duplicate with a different body', async () => {
    const first = admin.post('/probe/slow', { n: 1 }, { 'idempotency-key': 'concurrent-2' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = await admin.post('/probe/slow', { n: 2 }, { 'idempotency-key': 'concurrent-2' });
    expect(other.status).toBe(422);
    expect((await first).status).toBe(200);
  });

  it('leaves GET requests alone', async () => {
    const response = await admin.get('/probe/executions', { 'idempotency-key': 'ignored-on-get' });
    expect(response.status).toBe(200);
  });
});
