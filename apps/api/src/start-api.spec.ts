import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from './start-api.js';
import { loadSettings } from '#config';

describe('startApi', () => {
  it('refuses to start with CLOCK_FIXED in production, reporting only the message', async () => {
    const reported: string[] = [];
    const app = await startApi({
      settings: () => loadSettings({ NODE_ENV: 'production', CLOCK_FIXED: '2025-04-01T09:00:00Z' }),
      reportFatal: (message) => reported.push(message),
    });
    expect(app).toBeNull();
    expect(reported).toEqual(['Invalid configuration:\n  - CLOCK_FIXED: is refused when NODE_ENV=production (a frozen clock would misdate real cases)']);
    expect(reported[0]).not.toContain('    at ');
  });

  it('names every bad variable', async () => {
    const reported: string[] = [];
    await startApi({ settings: () => loadSettings({ PORT: 'http', EVENT_STORE: 'mongo' }), reportFatal: (message) => reported.push(message) });
    expect(reported[0]).toContain('PORT: must be a whole number from 0 (any free port) to 65535 (got "http")');
    expect(reported[0]).toContain('EVENT_STORE: must be one of sqlite, eventstoredb (got "mongo")');
  });

  it('reports a KurrentDB connection string the client refuses as a configuration error, naming the variable', async () => {
    const reported: string[] = [];
    const dataDir = await mkdtemp(join(tmpdir(), 'start-api-'));
    const app = await startApi({
      settings: () => ({
        ...loadSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=maybe', DATA_DIR: dataDir }),
        logLevel: 'silent',
      }),
      reportFatal: (message) => reported.push(message),
    }).finally(() => rm(dataDir, { recursive: true, force: true }));
    expect(app).toBeNull();
    expect(reported[0]).toContain('EVENTSTORE_CONNECTION_STRING: the KurrentDB client refuses it: Unexpected "maybe"');
  });

  it('lets any other start-up error through', async () => {
    await expect(
      startApi({
        settings: () => {
          throw new Error('disk on fire');
        },
        reportFatal: () => undefined,
      }),
    ).rejects.toThrow('disk on fire');
  });
});
