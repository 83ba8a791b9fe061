import { Logger } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppSettings, ConfigurationError, loadSettings } from '#config';
import { createApp } from './create-app.js';

export interface StartApiOptions {
  /** Defaults to loadSettings(), i.e. process.env. */
  readonly settings?: () => AppSettings;
  /** Where a refusal to start is reported; defaults to stderr. */
  readonly reportFatal?: (message: string) => void;
}

/**
 * loadSettings → createApp → listen, with graceful shutdown on SIGTERM/SIGINT (Nest stops taking
 * requests, lets those in flight finish, then closes the stores). A bad configuration is reported
 * as its message alone, without a stack, and answers null so the caller exits with status 1.
 */
export async function startApi(options: StartApiOptions = {}): Promise<NestFastifyApplication | null> {
  const reportFatal = options.reportFatal ?? ((message: string) => console.error(message));
  try {
    const settings = (options.settings ?? loadSettings)();
    const app = await createApp(settings);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await app.listen(settings.port, settings.host);
    // The port bound, not the one asked for: PORT=0 lets the system choose.
    const bound = app.getHttpServer().address();
    const port = typeof bound === 'object' && bound !== null ? bound.port : settings.port;
    new Logger('Api').log(`Listening on http://${settings.host}:${port} (docs at /docs)`);
    return app;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    reportFatal(error.message);
    return null;
  }
}
