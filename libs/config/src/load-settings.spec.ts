import { resolve } from 'node:path';
import { ConfigurationError } from './configuration-error.js';
import { loadSettings } from './load-settings.js';

const failureOf = (env: NodeJS.ProcessEnv): ConfigurationError => {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected loadSettings to refuse the environment');
};

describe('loadSettings', () => {
  describe('with an empty environment', () => {
    it('answers the documented defaults', () => {
      expect(loadSettings({})).toEqual({
        port: 3000,
        host: '127.0.0.1',
        dataDir: resolve('./data'),
        eventStore: 'sqlite',
        eventStoreConnectionString: null,
        bootstrapAdminToken: null,
        clockFixed: null,
        nodeEnv: 'development',
        logLevel: 'info',
        trustProxy: false,
        httpLimits: { headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 72_000 },
        metricsToken: null,
        sessions: { idleMinutes: 30, absoluteHours: 12 },
      });
    });

    it('treats empty values as unset', () => {
      expect(loadSettings({ PORT: '', LOG_LEVEL: ' ', BOOTSTRAP_ADMIN_TOKEN: '' })).toMatchObject({
        port: 3000,
        logLevel: 'info',
        bootstrapAdminToken: null,
      });
    });
  });

  describe('with every setting given', () => {
    it('reads each one', () => {
      const settings = loadSettings({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/disputes',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        BOOTSTRAP_ADMIN_TOKEN: 'a-long-enough-admin-token',
        CLOCK_FIXED: '2025-04-01T10:00:00+01:00',
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        TRUST_PROXY: 'true',
        HTTP_HEADERS_TIMEOUT_MS: '5000',
        HTTP_REQUEST_TIMEOUT_MS: '30000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
        METRICS_TOKEN: 'a-long-enough-scrape-token',
        SESSION_IDLE_MINUTES: '20',
        SESSION_MAX_HOURS: '8',
      });
      expect(settings).toEqual({
        port: 8080,
        host: '127.0.0.1',
        dataDir: '/var/lib/disputes',
        eventStore: 'eventstoredb',
        eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
        bootstrapAdminToken: 'a-long-enough-admin-token',
        clockFixed: '2025-04-01T09:00:00.000Z',
        nodeEnv: 'test',
        logLevel: 'debug',
        trustProxy: true,
        httpLimits: { headersTimeoutMs: 5000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 1000 },
        metricsToken: 'a-long-enough-scrape-token',
        sessions: { idleMinutes: 20, absoluteHours: 8 },
      });
    });
  });

  describe('PORT', () => {
    it.each(['65536', 'eighty', '80.5', '-1'])('refuses %s', (port) => {
      expect(failureOf({ PORT: port }).problems).toEqual([{ variable: 'PORT', reason: expect.stringContaining('to 65535') }]);
    });

    it('accepts the edges of the range, 0 meaning any free port', () => {
      expect(loadSettings({ PORT: '0' }).port).toBe(0);
      expect(loadSettings({ PORT: '1' }).port).toBe(1);
      expect(loadSettings({ PORT: '65535' }).port).toBe(65535);
    });
  });

  describe('EVENT_STORE', () => {
    it('refuses an unknown store, naming the choices', () => {
      expect(failureOf({ EVENT_STORE: 'postgres' }).message).toContain('EVENT_STORE: must be one of sqlite, eventstoredb (got "postgres")');
    });

    it('requires EVENTSTORE_CONNECTION_STRING for eventstoredb', () => {
      expect(failureOf({ EVENT_STORE: 'eventstoredb' }).problems).toEqual([
        { variable: 'EVENTSTORE_CONNECTION_STRING', reason: 'is required when EVENT_STORE=eventstoredb' },
      ]);
    });

    it.each(['kurrentdb://localhost:2113?tls=false', 'esdb+discover://admin:changeit@cluster.example:2113', 'kurrent://a:2111,b:2112,c:2113?tls=true'])(
      'accepts %s (the adapter hands kurrentdb schemes to the client as esdb)',
      (connectionString) => {
        expect(loadSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }).eventStoreConnectionString).toBe(connectionString);
      },
    );

    it.each(['esdb://', 'esdb://?tls=false', 'kurrentdb://local host:2113', 'esdb://admin:changeit@'])('refuses %s, which names no host', (connectionString) => {
      expect(failureOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }).problems).toEqual([
        { variable: 'EVENTSTORE_CONNECTION_STRING', reason: expect.stringContaining('at least one host') },
      ]);
    });

    it('reads a stream prefix and refuses one that could name a system stream', () => {
      expect(loadSettings({ EVENTSTORE_STREAM_PREFIX: 'cambs.' }).eventStoreStreamPrefix).toBe('cambs.');
      expect(loadSettings({}).eventStoreStreamPrefix).toBeUndefined();
      expect(failureOf({ EVENTSTORE_STREAM_PREFIX: '$all' }).problems[0]?.variable).toBe('EVENTSTORE_STREAM_PREFIX');
      expect(failureOf({ EVENTSTORE_STREAM_PREFIX: 'a b' }).problems[0]?.variable).toBe('EVENTSTORE_STREAM_PREFIX');
    });

    it('refuses a connection string that is not an esdb or kurrentdb URL', () => {
      expect(failureOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }).problems[0]?.variable).toBe(
        'EVENTSTORE_CONNECTION_STRING',
      );
    });
  });

  describe('BOOTSTRAP_ADMIN_TOKEN', () => {
    it('refuses a token shorter than 16 characters', () => {
      expect(failureOf({ BOOTSTRAP_ADMIN_TOKEN: 'short' }).message).toContain('BOOTSTRAP_ADMIN_TOKEN: must be at least 16 characters');
    });

    it('refuses a token with spaces', () => {
      expect(failureOf({ BOOTSTRAP_ADMIN_TOKEN: 'sixteen chars and more' }).problems[0]?.variable).toBe('BOOTSTRAP_ADMIN_TOKEN');
    });
  });

  describe('HOST', () => {
    it('listens on the loopback interface only unless told otherwise (containers set 0.0.0.0)', () => {
      expect(loadSettings({}).host).toBe('127.0.0.1');
      expect(loadSettings({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    });
  });

  describe('METRICS_TOKEN', () => {
    it('refuses a token shorter than 16 characters, or with spaces', () => {
      expect(failureOf({ METRICS_TOKEN: 'short' }).message).toContain('METRICS_TOKEN: must be at least 16 characters long when set');
      expect(failureOf({ METRICS_TOKEN: 'sixteen chars and more' }).problems[0]?.variable).toBe('METRICS_TOKEN');
    });
  });

  describe('CLOCK_FIXED', () => {
    it('is normalised to a UTC instant', () => {
      expect(loadSettings({ CLOCK_FIXED: '2025-06-02T09:30:00Z' }).clockFixed).toBe('2025-06-02T09:30:00.000Z');
    });

    it.each(['2025-06-02', '2025-06-02T09:30:00', '2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', 'yesterday'])('refuses %s', (value) => {
      expect(failureOf({ CLOCK_FIXED: value }).problems).toEqual([{ variable: 'CLOCK_FIXED', reason: expect.stringContaining('ISO 8601 instant') }]);
    });

    it('is refused when NODE_ENV=production', () => {
      const error = failureOf({ CLOCK_FIXED: '2025-06-02T09:30:00Z', NODE_ENV: 'production' });
      expect(error.problems).toEqual([{ variable: 'CLOCK_FIXED', reason: expect.stringContaining('NODE_ENV=production') }]);
    });

    it('is accepted in development and test', () => {
      expect(loadSettings({ CLOCK_FIXED: '2025-06-02T09:30:00Z', NODE_ENV: 'test' }).clockFixed).not.toBeNull();
    });
  });

  describe('NODE_ENV, LOG_LEVEL and TRUST_PROXY', () => {
    it('refuses values outside their lists', () => {
      const error = failureOf({ NODE_ENV: 'staging', LOG_LEVEL: 'verbose', TRUST_PROXY: 'yes' });
      expect(error.problems.map((p) => p.variable)).toEqual(['NODE_ENV', 'LOG_LEVEL', 'TRUST_PROXY']);
    });
  });

  describe('SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', () => {
    it('refuses values out of range, and an idle limit longer than the absolute one', () => {
      expect(failureOf({ SESSION_IDLE_MINUTES: '0', SESSION_MAX_HOURS: 'a day' }).problems.map((p) => p.variable)).toEqual(['SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS']);
      expect(failureOf({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' }).problems).toEqual([
        { variable: 'SESSION_IDLE_MINUTES', reason: 'must not be longer than SESSION_MAX_HOURS (1 h)' },
      ]);
    });
  });

  describe('TRUST_PROXY', () => {
    it('reads a list of proxy addresses and ranges', () => {
      expect(loadSettings({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback, ::1, fd00::/8' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback', '::1', 'fd00::/8']);
      expect(loadSettings({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadSettings({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    });

    it.each(['2', '10.0.0.1/33', '10.0.0.300', 'proxy.example.org', '::1/129', '10.0.0.0/8/1'])('refuses %s, naming it', (value) => {
      expect(failureOf({ TRUST_PROXY: value }).problems).toEqual([{ variable: 'TRUST_PROXY', reason: expect.stringContaining(`"${value}"`) }]);
    });
  });

  describe('HTTP timeouts', () => {
    it.each(['HTTP_HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS', 'HTTP_KEEP_ALIVE_TIMEOUT_MS'])('refuses %s outside 100 ms to one hour', (variable) => {
      for (const value of ['0', '99', '3600001', '1.5', 'soon']) {
        expect(failureOf({ [variable]: value }).problems).toEqual([{ variable, reason: expect.stringContaining('from 100 to 3600000') }]);
      }
    });

    it('refuses a headers timeout longer than the request timeout', () => {
      expect(failureOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }).problems).toEqual([
        { variable: 'HTTP_HEADERS_TIMEOUT_MS', reason: expect.stringContaining('HTTP_REQUEST_TIMEOUT_MS') },
      ]);
    });
  });

  it('names every bad variable and why in one error', () => {
    const error = failureOf({ PORT: '70000', EVENT_STORE: 'eventstoredb', BOOTSTRAP_ADMIN_TOKEN: 'x', LOG_LEVEL: 'loud' });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      [
        'Invalid configuration:',
        '  - PORT: must be a whole number from 0 (any free port) to 65535 (got "70000")',
        '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        '  - EVENTSTORE_CONNECTION_STRING: is required when EVENT_STORE=eventstoredb',
        '  - BOOTSTRAP_ADMIN_TOKEN: must be at least 16 characters long when set',
      ].join('\n'),
    );
  });
});
