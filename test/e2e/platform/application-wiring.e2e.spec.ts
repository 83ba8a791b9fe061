import { api } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';

/** The real ApplicationModule behind the platform: the same wiring main.ts uses. */
describe('the API with the real application module', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clockFixed: '2025-04-01T09:00:00.000Z' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('is ready, with the application\'s event store reachable', async () => {
    expect((await api(server.baseUrl).get('/health')).status).toBe(200);
  });

  it('refuses an unknown token after asking the application (401)', async () => {
    expect((await api(server.baseUrl, 'no-such-person-token-0000').get('/metrics')).status).toBe(401);
  });

  it('accepts the bootstrap admin', async () => {
    expect((await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/metrics')).status).toBe(200);
  });

  it('writes its stores into the data dir', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(server.dataDir)).toEqual(expect.arrayContaining(['events.sqlite', 'http.sqlite']));
  });
});
