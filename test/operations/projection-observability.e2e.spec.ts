import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/http-harness.js';

/** Issue 4: projection lag and failures are visible to operators in /metrics and /health. */
describe('projection lag and failures in /metrics and /health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clockFixed: '2026-03-02T10:00:00Z' });
  });
  afterAll(() => server.close());

  it('reports every read model with its checkpoint, lag and failures', async () => {
    const signed = await fetch(`${server.baseUrl}/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Fenland District Council', sector: 'statutory', type: 'district council' }),
    });
    expect(signed.status).toBe(201);
    const { position } = (await signed.json()) as { position: number };

    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as { details: Record<string, Record<string, unknown>> };
    expect(health.details['projections']).toMatchObject({
      status: 'up',
      directory: { checkpoint: position, lag: 0, failures: 0, lastFailure: null, halted: { count: 0, streams: [] } },
      cases: { failures: 0, halted: { count: 0, streams: [] } },
    });

    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/projection_lag_positions\{projection="directory"\} 0/);
    expect(metrics).toMatch(new RegExp(`projection_checkpoint_position\\{projection="directory"\\} ${position}`));
    expect(metrics).toMatch(/projection_failures\{projection="cases"\} 0/);
    expect(metrics).toMatch(/projection_halted_streams\{projection="cases"\} 0/);
  });
});
