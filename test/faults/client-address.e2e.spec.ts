import { api } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../support/platform-test-options.js';

/** The limiter's default: 20 failed authentications from one client address in a minute. */
const MAX_FAILURES = 20;

/** A bad token from this client, as a proxy on 127.0.0.1 forwards it. */
const failFrom = (server: TestServer, forwardedFor: string) =>
  api(server.baseUrl, 'not-a-real-token-at-all').get('/probe/principal', { 'x-forwarded-for': forwardedFor });

/**
 * The authentication-failure limiter keys on the client address Fastify trusts: behind a proxy
 * named in TRUST_PROXY each client has its own bucket; otherwise X-Forwarded-For is ignored.
 */
describe('the client address the failure limiter counts by', () => {
  describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ trustProxy: ['127.0.0.1'] }, PLATFORM_TEST_OPTIONS);
    });

    afterAll(() => server.close());

    it('blocks the client that failed, and no other client behind the same proxy', async () => {
      for (let i = 0; i < MAX_FAILURES; i++) expect((await failFrom(server, '203.0.113.1')).status).toBe(401);
      expect((await failFrom(server, '203.0.113.1')).status).toBe(429);
      expect((await failFrom(server, '203.0.113.2')).status).toBe(401);
    });

    it('counts by the address the proxy saw, whatever the client wrote into X-Forwarded-For itself', async () => {
      // The proxy appends the address it saw; anything to its left came from the client.
      expect((await failFrom(server, '198.51.100.7, 203.0.113.1')).status).toBe(429);
      expect((await failFrom(server, '203.0.113.1, 203.0.113.3')).status).toBe(401);
    });
  });

  describe('without TRUST_PROXY', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ trustProxy: false }, PLATFORM_TEST_OPTIONS);
    });

    afterAll(() => server.close());

    it('ignores X-Forwarded-For: a client cannot pick itself a fresh bucket', async () => {
      for (let i = 0; i < MAX_FAILURES; i++) expect((await failFrom(server, `203.0.113.${i + 1}`)).status).toBe(401);
      expect((await failFrom(server, '198.51.100.99')).status).toBe(429);
    });
  });
});
