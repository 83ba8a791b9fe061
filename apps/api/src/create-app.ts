import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DestinationStream } from 'pino';
import { type AppSettings } from '#config';
import { configurePlatform, createFastifyAdapter, createLogger, PinoLoggerService } from '#http';
import { configurePages } from '#web-pages';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { readPackageInfo } from './package-info.js';

export interface CreateAppOptions extends AppModuleOptions {
  /** Where JSON log lines go; stdout by default. */
  readonly logDestination?: DestinationStream;
}

/**
 * Builds the API, initialised but not listening: main.ts listens on settings.port, tests on
 * port 0. The caller owns close(), which also closes the event store and the idempotency store.
 */
export async function createApp(settings: AppSettings, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // One pino logger for Fastify's lines and Nest's, made before either so that no start-up line is missed.
  const logger = createLogger(settings, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, options), createFastifyAdapter(settings, logger), {
    // JSON only, through Fastify's own parser (Nest's would add urlencoded forms too).
    bodyParser: false,
    logger: new PinoLoggerService(logger),
    // Throw on a failed start instead of exiting the process: the caller decides.
    abortOnError: false,
  });
  await configurePlatform(app, readPackageInfo());
  await configurePages(app);
  await app.init();
  return app;
}
