import { api } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';
import { PLATFORM_TEST_OPTIONS } from '../../support/platform-test-options.js';

describe('authentication and roles over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
  });

  afterAll(async () => {
    await server.close();
  });

  it('accepts BOOTSTRAP_ADMIN_TOKEN as the bootstrap admin', async () => {
    const response = await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/principal');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      personId: 'bootstrap-admin',
      name: 'Bootstrap administrator',
      roles: ['admin'],
      organisationId: null,
      bootstrap: true,
    });
  });

  it('lets anyone call a @Public() route, with no principal', async () => {
    const response = await api(server.baseUrl).get('/probe/public');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ principal: null });
  });

  it('still recognises a token sent to a @Public() route', async () => {
    const response = await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/public');
    expect((response.body as { principal: { personId: string } }).principal.personId).toBe('bootstrap-admin');
  });

  it('refuses a bad token sent to a @Public() route rather than ignoring it', async () => {
    expect((await api(server.baseUrl, 'wrong-token-for-public').get('/probe/public')).status).toBe(401);
  });

  it('answers 403 when the principal has none of the required roles', async () => {
    const response = await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/secretariat');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED', detail: 'This needs one of these roles: secretariat, chair.' });
  });

  it('lets a principal with one of the required roles through', async () => {
    expect((await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/admin')).status).toBe(200);
  });

  it('answers 401, not 403, on a role-protected route without a token', async () => {
    expect((await api(server.baseUrl).get('/probe/secretariat')).status).toBe(401);
  });

  it('resolves other tokens through the Authenticate query on the QueryBus', async () => {
    const secretariat = api(server.baseUrl, 'test-secretariat-token-0001');
    expect((await secretariat.get('/probe/principal')).body).toMatchObject({ personId: 'p-secretariat', roles: ['secretariat'] });
    expect((await secretariat.get('/probe/secretariat')).status).toBe(200);
    expect((await secretariat.get('/probe/admin')).status).toBe(403);
  });
});

describe('rate limiting of failed authentications', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, PLATFORM_TEST_OPTIONS);
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After to further bad tokens after 20 failures from one address in a minute', async () => {
    const guesser = api(server.baseUrl, 'guess-0000000000000000');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) statuses.push((await guesser.get('/probe/principal')).status);
    expect(statuses).toEqual(Array(20).fill(401));

    const blocked = await guesser.get('/probe/principal');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(blocked.body).toMatchObject({ status: 429, code: 'AUTH.TOO_MANY_FAILURES', retryAfterSeconds: expect.any(Number) });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('never refuses a valid token from an address that is blocked', async () => {
    const guesser = api(server.baseUrl, 'guess-1111111111111111');
    for (let attempt = 0; attempt < 25; attempt++) await guesser.get('/probe/principal');
    expect((await guesser.get('/probe/principal')).status).toBe(429);

    // Someone else behind the same address (an office, a council's NAT) goes on working.
    expect((await api(server.baseUrl, TEST_ADMIN_TOKEN).get('/probe/principal')).status).toBe(200);
    expect((await api(server.baseUrl, 'test-secretariat-token-0001').get('/probe/secretariat')).status).toBe(200);
    expect((await guesser.get('/probe/principal')).status).toBe(429);
  });

  it('does not block anonymous calls to public routes', async () => {
    expect((await api(server.baseUrl).get('/health')).status).toBe(200);
  });
});
