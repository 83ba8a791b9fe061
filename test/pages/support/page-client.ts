import { throwOnResponseViolations } from '../../support/response-violations.js';

export interface PageAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The value of a hidden field in a page's HTML. */
export const hiddenField = (html: string, name: string): string => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/**
 * A browser reduced to its HTTP: a cookie jar and form posts, for the pages' security tests, which
 * need to send what a browser would never send (a missing token, another site's Origin).
 */
export class PageClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  /** A form post, with this site as its Origin unless told otherwise. */
  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<PageAnswer> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.send('POST', path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl, ...headers });
  }

  async send(method: string, path: string, body: string | FormData | undefined, headers: Record<string, string> = {}): Promise<PageAnswer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, { method, body, redirect: 'manual', headers: { ...(cookie && { cookie }), ...headers } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    throwOnResponseViolations();
    return { status: response.status, headers: response.headers, text };
  }

  /** Signs in as a browser would: the sign-in page, then its form with the token. */
  async signIn(token: string): Promise<PageAnswer> {
    const page = await this.get('/');
    return this.post('/sign-in', { _csrf: hiddenField(page.text, '_csrf'), token, next: '/' });
  }

  /** The CSRF token the forms of the session carry. */
  async csrfToken(): Promise<string> {
    return hiddenField((await this.get('/')).text, '_csrf');
  }
}
