import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import helmet from 'helmet';
import { HELMET_OPTIONS } from './helmet-options.js';
import { securityHeadersOf } from './security-headers.js';

/** The headers worked out once must be the very ones helmet sets when it runs on a real response. */
describe('securityHeadersOf', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const middleware = helmet(HELMET_OPTIONS);
    server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('equals what helmet sets per request', async () => {
    const response = await fetch(url);
    const fromHelmet: Record<string, string> = {};
    const ignored = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    response.headers.forEach((value, name) => {
      if (!ignored.has(name)) fromHelmet[name] = value;
    });
    expect(securityHeadersOf(HELMET_OPTIONS)).toEqual(fromHelmet);
  });

  it('keeps the policy this API promises', () => {
    const headers = securityHeadersOf(HELMET_OPTIONS);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-embedder-policy']).toBeUndefined();
  });
});
