import { resolve } from 'node:path';
import { type AppSettings, DEFAULT_SESSION_SETTINGS } from './app-settings.js';
import { ConfigurationError, type SettingProblem } from './configuration-error.js';
import { readHttpLimits, readTrustProxy } from './http-limits.js';

const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const EVENT_STORES = ['sqlite', 'eventstoredb'] as const;
const MIN_SECRET_LENGTH = 16;
/** Full date, time and zone: a bare date or a local time would make the frozen clock ambiguous. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ESDB_SCHEMES = ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://', 'kurrent://', 'kurrent+discover://'];
/** Letters, digits and . _ - only, not starting with $ (the store's system streams). */
const STREAM_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads and checks every setting from the environment. The only place that reads process.env:
 * everything else receives the typed result. Collects all problems before throwing, so one failed
 * start names every variable to fix.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  const problems: SettingProblem[] = [];
  const problem = (variable: string, reason: string): void => {
    problems.push({ variable, reason });
  };
  // An empty value (`FOO=` in a compose file) means "not set", so defaults apply.
  const read = (variable: string): string | undefined => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const oneOf = <T extends string>(variable: string, allowed: readonly T[], fallback: T): T => {
    const value = read(variable);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problem(variable, `must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };

  const port = readPort(read('PORT'), problem);
  // Loopback unless told otherwise: `npm start` on a laptop should not serve the whole network.
  // The Dockerfile and docker-compose.yml set HOST=0.0.0.0, as a container must.
  const host = read('HOST') ?? '127.0.0.1';
  const dataDir = resolve(read('DATA_DIR') ?? './data');
  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const eventStore = oneOf('EVENT_STORE', EVENT_STORES, 'sqlite');

  const eventStoreConnectionString = read('EVENTSTORE_CONNECTION_STRING') ?? null;
  if (eventStore === 'eventstoredb') {
    if (eventStoreConnectionString === null) {
      problem('EVENTSTORE_CONNECTION_STRING', 'is required when EVENT_STORE=eventstoredb');
    } else {
      const reason = connectionStringProblem(eventStoreConnectionString);
      if (reason !== null) problem('EVENTSTORE_CONNECTION_STRING', reason);
    }
  }
  const eventStoreStreamPrefix = read('EVENTSTORE_STREAM_PREFIX');
  if (eventStoreStreamPrefix !== undefined && !STREAM_PREFIX.test(eventStoreStreamPrefix)) {
    problem('EVENTSTORE_STREAM_PREFIX', 'must be up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }

  const bootstrapAdminToken = readSecret('BOOTSTRAP_ADMIN_TOKEN', read('BOOTSTRAP_ADMIN_TOKEN'), problem);
  const metricsToken = readSecret('METRICS_TOKEN', read('METRICS_TOKEN'), problem);

  const clockFixed = readInstant(read('CLOCK_FIXED'), problem);
  if (clockFixed !== null && nodeEnv === 'production') {
    problem('CLOCK_FIXED', 'is refused when NODE_ENV=production (a frozen clock would misdate real cases)');
  }

  const trustProxy = readTrustProxy(read('TRUST_PROXY'), problem);
  const httpLimits = readHttpLimits(read, problem);
  const sessions = {
    idleMinutes: readWholeNumber('SESSION_IDLE_MINUTES', read('SESSION_IDLE_MINUTES'), 1, 24 * 60, DEFAULT_SESSION_SETTINGS.idleMinutes, problem),
    absoluteHours: readWholeNumber('SESSION_MAX_HOURS', read('SESSION_MAX_HOURS'), 1, 7 * 24, DEFAULT_SESSION_SETTINGS.absoluteHours, problem),
  };
  if (sessions.idleMinutes > sessions.absoluteHours * 60) {
    problem('SESSION_IDLE_MINUTES', `must not be longer than SESSION_MAX_HOURS (${sessions.absoluteHours} h)`);
  }

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    port,
    host,
    dataDir,
    eventStore,
    eventStoreConnectionString,
    ...(eventStoreStreamPrefix !== undefined && { eventStoreStreamPrefix }),
    bootstrapAdminToken,
    clockFixed,
    nodeEnv,
    logLevel,
    trustProxy,
    httpLimits,
    metricsToken,
    sessions,
  };
}

function readWholeNumber(
  variable: string,
  value: string | undefined,
  min: number,
  max: number,
  fallback: number,
  problem: (variable: string, reason: string) => void,
): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    problem(variable, `must be a whole number from ${min} to ${max} (got "${value}")`);
    return fallback;
  }
  return n;
}

/** A secret sent as a bearer token: long enough not to be guessed, printable ASCII without spaces. */
function readSecret(variable: string, value: string | undefined, problem: (variable: string, reason: string) => void): string | null {
  if (value === undefined) return null;
  if (value.length < MIN_SECRET_LENGTH) problem(variable, `must be at least ${MIN_SECRET_LENGTH} characters long when set`);
  else if (!/^[\x21-\x7e]+$/.test(value)) problem(variable, 'must be printable ASCII without spaces (it is sent as a bearer token)');
  return value;
}

/**
 * Scheme and shape only (hosts after the scheme, no spaces); the client checks the options when
 * it connects. The password never appears in the reason.
 */
function connectionStringProblem(value: string): string | null {
  const scheme = ESDB_SCHEMES.find((candidate) => value.toLowerCase().startsWith(candidate));
  if (scheme === undefined) return `must start with one of ${ESDB_SCHEMES.join(', ')}`;
  const rest = value.slice(scheme.length);
  const hosts = rest.replace(/^[^@/?]*@/, '').split(/[/?]/)[0] ?? '';
  if (/\s/.test(value) || hosts === '' || hosts.split(',').some((host) => !/^[A-Za-z0-9.[\]:_-]+$/.test(host))) {
    return `must name at least one host after ${scheme}, e.g. ${scheme}localhost:2113?tls=false`;
  }
  return null;
}

function readPort(value: string | undefined, problem: (variable: string, reason: string) => void): number {
  if (value === undefined) return 3000;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  // 0 asks the system for any free port (tests running several instances); the log names the one bound.
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    problem('PORT', `must be a whole number from 0 (any free port) to 65535 (got "${value}")`);
    return 3000;
  }
  return port;
}

function readInstant(value: string | undefined, problem: (variable: string, reason: string) => void): string | null {
  if (value === undefined) return null;
  const time = ISO_INSTANT.test(value) && isRealCalendarDate(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    problem('CLOCK_FIXED', `must be an ISO 8601 instant with a time zone, e.g. 2025-04-01T09:00:00Z (got "${value}")`);
    return null;
  }
  // One spelling of the instant (UTC, milliseconds) wherever it is logged or compared.
  return new Date(time).toISOString();
}

/** Date.parse rolls 2025-02-30 over into March and accepts 24:00; a typo must not move the clock. */
function isRealCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hour = Number(value.slice(11, 13));
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12 && hour < 24;
}

