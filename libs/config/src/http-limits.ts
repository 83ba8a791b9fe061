import { isIP } from 'node:net';

/**
 * How long the server waits on a client before it gives up on it, so that clients sending
 * headers or bodies a byte at a time, or holding connections open, cannot tie up the server.
 */
export interface HttpLimits {
  /** The request line and headers must have arrived within this (ms), from the request's first byte. */
  readonly headersTimeoutMs: number;
  /** The whole request, headers and body, must have arrived within this (ms). */
  readonly requestTimeoutMs: number;
  /** A kept-alive connection with no request on it is closed after this (ms). */
  readonly keepAliveTimeoutMs: number;
}

/**
 * 10 s for headers (under 16 KiB: honest clients send them at once); 120 s for a whole request,
 * which still lets the largest one (15 MiB of evidence) in at about 1 Mbit/s; 72 s idle, longer
 * than the 60 s idle timeout of common load balancers, so they never reuse a connection we closed.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 72_000 };

const LIMIT_VARIABLES = {
  headersTimeoutMs: 'HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'HTTP_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
} as const satisfies Record<keyof HttpLimits, string>;

const MIN_LIMIT_MS = 100;
const MAX_LIMIT_MS = 3_600_000;

/**
 * Which X-Forwarded-For hops to believe for the client address (rate limiting, logs): none
 * (`false`: the socket address), every one (`true`: the left-most address, which the client itself
 * can write), or those added by proxies at these addresses and networks (Fastify's `trustProxy`,
 * i.e. proxy-addr: the client is the nearest address that is not a trusted proxy).
 */
export type TrustProxy = boolean | readonly string[];

/** proxy-addr's names for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

type Read = (variable: string) => string | undefined;
type Problem = (variable: string, reason: string) => void;

export function readHttpLimits(read: Read, problem: Problem): HttpLimits {
  const limit = (key: keyof HttpLimits): number => {
    const variable = LIMIT_VARIABLES[key];
    const value = read(variable);
    if (value === undefined) return DEFAULT_HTTP_LIMITS[key];
    const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(ms) || ms < MIN_LIMIT_MS || ms > MAX_LIMIT_MS) {
      problem(variable, `must be a whole number of milliseconds from ${MIN_LIMIT_MS} to ${MAX_LIMIT_MS} (got "${value}")`);
      return DEFAULT_HTTP_LIMITS[key];
    }
    return ms;
  };
  const limits = { headersTimeoutMs: limit('headersTimeoutMs'), requestTimeoutMs: limit('requestTimeoutMs'), keepAliveTimeoutMs: limit('keepAliveTimeoutMs') };
  // Node refuses a headers timeout longer than the request timeout: the headers are part of the request.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    problem(LIMIT_VARIABLES.headersTimeoutMs, `must not be longer than ${LIMIT_VARIABLES.requestTimeoutMs} (${limits.headersTimeoutMs} > ${limits.requestTimeoutMs})`);
  }
  return limits;
}

export function readTrustProxy(value: string | undefined, problem: Problem): TrustProxy {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    problem(
      'TRUST_PROXY',
      `must be false, true, or a comma-separated list of proxy addresses, CIDR ranges or ${RANGE_NAMES.join('/')} (not ${bad.map((b) => `"${b}"`).join(', ')})`,
    );
    return false;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
