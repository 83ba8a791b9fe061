import { closedPort } from '../../libs/event-store/src/eventstoredb/testing/closed-port.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';

const signOrganisation = (server: TestServer) =>
  fetch(`${server.baseUrl}/organisations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Fenland District Council', sector: 'statutory', type: 'district council' }),
  });

/** Issue 13: with EVENT_STORE=eventstoredb, readiness follows the store's connection (here: none, a closed port). */
describe('readiness with EventStoreDB out of reach', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      eventStore: 'eventstoredb',
      eventStoreConnectionString: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`,
    });
  });
  afterAll(() => server.close());

  it('answers /health 503 with the event store down, while /health/live stays 200', async () => {
    const ready = await fetch(`${server.baseUrl}/health`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toContain('application/problem+json');
    const body = (await ready.json()) as { code: string; checks: Record<string, { status: string }> };
    expect(body.code).toBe('HEALTH.NOT_READY');
    expect(body.checks['eventStore']).toMatchObject({ status: 'down' });
    expect((await fetch(`${server.baseUrl}/health/live`)).status).toBe(200);
  });

  it('answers a command 503 SERVICE.EVENT_STORE_UNAVAILABLE with Retry-After, not 500', async () => {
    const response = await signOrganisation(server);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(((await response.json()) as { code: string }).code).toBe('SERVICE.EVENT_STORE_UNAVAILABLE');
  });
});

describe('subscription lag in time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clockFixed: '2026-03-02T10:00:00Z' });
  });
  afterAll(() => server.close());

  it('is exported per projection as projection_lag_seconds, 0 once caught up', async () => {
    expect((await signOrganisation(server)).status).toBe(201);
    // /health reports lag 0 once the directory has applied the write; metrics read the same state.
    for (let i = 0; i < 100; i++) {
      const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as { details: { projections: Record<string, { lag: number }> } };
      if (Object.values(health.details.projections).every((p) => typeof p !== 'object' || p.lag === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/# TYPE projection_lag_seconds gauge/);
    expect(metrics).toMatch(/projection_lag_seconds\{projection="directory"\} 0/);
    expect(metrics).toMatch(/projection_lag_seconds\{projection="cases"\} 0/);
  });
});
