import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppSettings } from '#config';
import { configurePlatform, createFastifyAdapter } from '#http';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { readPackageInfo } from './package-info.js';

/**
 * Builds the API, initialised but not listening: main.ts listens on settings.port, tests on
 * port 0. The caller owns close(), which also closes the event store and the idempotency store.
 */
export async function createApp(settings: AppSettings, options: AppModuleOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, options), createFastifyAdapter(settings), {
    // JSON only, through Fastify's own parser (Nest's would add urlencoded forms too).
    bodyParser: false,
    bufferLogs: true,
    // Throw on a failed start instead of exiting the process: the caller decides.
    abortOnError: false,
  });
  await configurePlatform(app, readPackageInfo());
  await app.init();
  return app;
}
