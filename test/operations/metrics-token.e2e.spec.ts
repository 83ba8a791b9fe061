import { api } from '../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';

const METRICS_TOKEN = 'metrics-scrape-token-0001';

/** Issue 7: /metrics can be kept for the scraper (METRICS_TOKEN); unset, it stays public. */
describe('GET /metrics with METRICS_TOKEN set', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ metricsToken: METRICS_TOKEN });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers the metrics token with the Prometheus text', async () => {
    const response = await api(server.baseUrl, METRICS_TOKEN).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body as string).toContain('# TYPE commands_total counter');
  });

  it('asks an anonymous caller for the token (401), and refuses any other token (403 for a person, 401 for a bad one)', async () => {
    const anonymous = await api(server.baseUrl).get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(anonymous.body).toMatchObject({ detail: 'This server keeps /metrics for Authorization: Bearer <METRICS_TOKEN>.' });
    expect((await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/metrics')).body).toMatchObject({ status: 403, code: 'AUTH.METRICS_TOKEN_REQUIRED' });
    expect((await api(server.baseUrl, 'not-the-metrics-token-0000').get('/metrics')).status).toBe(401);
  });

  it('opens nothing but /metrics', async () => {
    expect((await api(server.baseUrl, METRICS_TOKEN).get('/organisations')).status).toBe(401);
    expect((await api(server.baseUrl, METRICS_TOKEN).get('/disputes')).status).toBe(401);
  });

  it('leaves /health public', async () => {
    expect((await api(server.baseUrl).get('/health')).status).toBe(200);
  });
});
