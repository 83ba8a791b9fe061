import { type HttpLimits, type TrustProxy } from './http-limits.js';

/** Typed settings for every entry point (API, CLI). Only the loader in this lib reads process.env. */
export interface AppSettings {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'eventstoredb';
  readonly eventStoreConnectionString: string | null;
  /** Put before every stream name in EventStoreDB, so several deployments (or test runs) can share a cluster. */
  readonly eventStoreStreamPrefix?: string;
  readonly bootstrapAdminToken: string | null;
  /** Frozen clock for demos and tests; refused in production. */
  readonly clockFixed: string | null;
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Which X-Forwarded-* hops to believe (client address for rate limiting, protocol); none unless behind a known proxy. */
  readonly trustProxy?: TrustProxy;
  /** Timeouts for slow clients; DEFAULT_HTTP_LIMITS when absent. */
  readonly httpLimits?: HttpLimits;
  /** When set, GET /metrics answers only to `Authorization: Bearer <this token>`; unset, it is public. */
  readonly metricsToken?: string | null;
  /** How long a web page sign-in lasts: ended after this much inactivity, and after this long whatever happens. */
  readonly sessions?: SessionSettings;
}

export interface SessionSettings {
  /** SESSION_IDLE_MINUTES: signed out after this many minutes without a request (default 30). */
  readonly idleMinutes: number;
  /** SESSION_MAX_HOURS: signed out this many hours after signing in, however busy (default 12). */
  readonly absoluteHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 30, absoluteHours: 12 };

export const APP_SETTINGS = Symbol('APP_SETTINGS');
