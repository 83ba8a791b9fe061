import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DestinationStream } from 'pino';
import { type ModuleImport } from '../../apps/api/src/app.module.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { type AppSettings } from '#config';
import { watchResponses } from './response-conformance.js';
import { throwOnResponseViolations } from './response-violations.js';
import { storeUnderTest } from './store-under-test.js';

export const TEST_ADMIN_TOKEN = 'test-bootstrap-admin-token-0001';

export interface TestServerOptions {
  /** Test-only modules (controllers) added to the app. */
  readonly imports?: readonly ModuleImport[];
  /** Replaces ApplicationModule.forRoot(settings); built from the test's settings (temporary data dir). */
  readonly application?: (settings: AppSettings) => DynamicModule;
  /** Where log lines go (with a logLevel override, since tests default to silent). */
  readonly logDestination?: DestinationStream;
}

export interface TestServer {
  readonly baseUrl: string;
  readonly settings: AppSettings;
  readonly dataDir: string;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * The real API on 127.0.0.1 and a random port, over a fresh temporary data dir, with the
 * bootstrap admin token set and logs silenced. Every answer it gives must conform to its /docs-json. close() shuts the app (and its stores) down and
 * deletes the directory. `options` adds test-only modules (or a stand-in application module).
 */
export async function startTestServer(overrides: Partial<AppSettings> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'compact-disputes-http-'));
  const settings: AppSettings = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    ...storeUnderTest(dataDir),
    bootstrapAdminToken: TEST_ADMIN_TOKEN,
    clockFixed: null,
    nodeEnv: 'test',
    logLevel: 'silent',
    trustProxy: false,
    ...overrides,
  };
  let app: NestFastifyApplication | undefined;
  let port: number;
  try {
    app = await createApp(settings, {
      ...(options.imports && { imports: options.imports }),
      ...(options.application && { application: options.application(settings) }),
      ...(options.logDestination && { logDestination: options.logDestination }),
    });
    // Every answer is checked against the server's own /docs-json (response-conformance.ts).
    const watch = watchResponses(app);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    await watch.start(`http://127.0.0.1:${port}`);
  } catch (error) {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = app;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    settings: { ...settings, port },
    dataDir,
    app: started,
    async close() {
      await started.close();
      await rm(dataDir, { recursive: true, force: true });
      throwOnResponseViolations();
    },
  };
}
