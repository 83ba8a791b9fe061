import { EVENT_STORE, type EventStore } from '#event-store';
import { api, type ApiClient } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, { security?: unknown[] }>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, { required: string[] }> };
  security: Record<string, string[]>[];
}

describe('operations over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ clockFixed: '2025-04-01T09:00:00.000Z' }, PLATFORM_TEST_OPTIONS);
    admin = api(server.baseUrl, TEST_ADMIN_TOKEN);
    anonymous = api(server.baseUrl);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('GET /health', () => {
    it('is 200 with the event store up, for anyone, never cached', async () => {
      const response = await anonymous.get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } }, error: {}, details: { eventStore: { status: 'up' } } });
      expect(response.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
    });

    it('has liveness and readiness paths', async () => {
      expect((await anonymous.get('/health/live')).status).toBe(200);
      expect((await anonymous.get('/health/ready')).status).toBe(200);
    });
  });

  describe('GET /metrics', () => {
    it('counts requests by route pattern in the Prometheus text format', async () => {
      await admin.post('/probe/echo', { summary: 'count me' });
      await admin.get('/no/such/route/123');
      const response = await anonymous.get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = response.body as string;
      expect(text).toContain('http_requests_total{method="POST",route="/probe/echo",status="201"} 1');
      expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"}');
      expect(text).not.toContain('/no/such/route/123');
      expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/probe\/echo",status="201"\}/);
      expect(text).toContain('# TYPE commands_total counter');
      expect(text).toContain('# TYPE event_store_append_seconds histogram');
      expect(text).toContain('process_cpu_seconds_total');
    });
  });

  describe('X-Correlation-Id', () => {
    it('echoes the caller\'s id, on success and on problems', async () => {
      const ok = await admin.get('/health', { 'x-correlation-id': 'trace-abc-123' });
      expect(ok.headers.get('x-correlation-id')).toBe('trace-abc-123');
      const problem = await anonymous.get('/probe/principal', { 'x-correlation-id': 'trace-abc-124' });
      expect(problem.headers.get('x-correlation-id')).toBe('trace-abc-124');
      expect(problem.body).toMatchObject({ correlationId: 'trace-abc-124' });
    });

    it('is handed to handlers through @CorrelationId()', async () => {
      const response = await admin.post('/probe/echo', { summary: 'x' }, { 'x-correlation-id': 'trace-for-handler' });
      expect(response.body).toMatchObject({ correlationId: 'trace-for-handler' });
    });

    it('is a new UUID when the caller sends none or an unsafe one', async () => {
      const none = await anonymous.get('/health');
      const unsafe = await anonymous.get('/health', { 'x-correlation-id': 'evil id\twith tabs' });
      for (const response of [none, unsafe]) expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(none.headers.get('x-correlation-id')).not.toBe(unsafe.headers.get('x-correlation-id'));
    });
  });

  describe('security headers', () => {
    it('come with every response, 404s included', async () => {
      const response = await anonymous.get('/no/such/route');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    });
  });

  describe('GET /docs-json', () => {
    let document: OpenApiDocument;

    beforeAll(async () => {
      const response = await anonymous.get('/docs-json');
      expect(response.status).toBe(200);
      document = response.body as OpenApiDocument;
    });

    it('is an OpenAPI 3 document titled from package.json', () => {
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info).toMatchObject({ title: 'compact-disputes', version: '0.1.0' });
      expect(document.info.description).toContain('dispute resolution');
    });

    it('requires bearer auth by default', () => {
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(document.security).toEqual([{ bearer: [] }]);
    });

    it('marks public operations as needing no auth', () => {
      expect(document.paths['/health']?.get?.security).toEqual([]);
      expect(document.paths['/metrics']?.get?.security).toEqual([]);
      expect(document.paths['/probe/principal']?.get?.security).toBeUndefined();
    });

    it('has a reusable Problem schema', () => {
      expect(document.components.schemas.Problem?.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
    });
  });

  describe('GET /docs', () => {
    it('serves Swagger UI and its assets to anyone', async () => {
      const page = await anonymous.get('/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('/docs/swagger-ui-bundle.js');
      for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/swagger-initializer.js']) {
        const response = await anonymous.get(asset);
        expect(response.status).toBe(200);
      }
      expect((await anonymous.get('/docs/swagger-initializer.js')).text).toContain('"/docs-json"');
    });
  });
});

describe('GET /health with the event store down', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
  });

  afterAll(async () => {
    await server.close();
  });

  it('is a 503 problem naming the failed check', async () => {
    await server.app.get<EventStore>(EVENT_STORE).close();
    const response = await api(server.baseUrl).get('/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toMatchObject({
      status: 503,
      code: 'HEALTH.NOT_READY',
      detail: 'Not ready: eventStore is down.',
      checks: { eventStore: { status: 'down', message: 'The event store did not answer.' } },
    });
    expect((await api(server.baseUrl).get('/health/live')).status).toBe(200);
  });
});
