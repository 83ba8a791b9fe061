import { throwOnResponseViolations } from './response-violations.js';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON for JSON and problem+json responses, the text otherwise. */
  readonly body: T;
  readonly text: string;
}

export interface ApiClient {
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Anything else: a raw body (string) and the caller's own headers. */
  send<T = unknown>(method: string, path: string, init?: { body?: string | Uint8Array; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
}

/** A small fetch wrapper for tests: bearer token when given, JSON in and out; throws on an answer outside /docs-json. */
export function api(baseUrl: string, token?: string): ApiClient {
  const authorization: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const send = async <T>(method: string, path: string, init: { body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, { method, body: init.body, headers: { ...authorization, ...init.headers } });
    const text = await response.text();
    // The server checked its answer against /docs-json before sending it: fail here, at the request.
    throwOnResponseViolations();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: (isJson && text !== '' ? JSON.parse(text) : text) as T, text };
  };
  return {
    get: (path, headers) => send('GET', path, { headers }),
    post: (path, body, headers) =>
      send('POST', path, body === undefined ? { headers } : { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
    send,
  };
}
