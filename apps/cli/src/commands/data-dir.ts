import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplicationContext, type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, createEventStore } from '#application';
import { AuditModule } from '#audit';
import { type AppSettings, loadSettings } from '#config';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ReadModels } from '#projections';
import { CliError } from './exit-codes.js';

/** The settings from the environment (DATA_DIR, EVENT_STORE, …), checked as the server checks them. */
export const settingsFromEnvironment = (): AppSettings => loadSettings();

/** The embedded store's file, which must already exist: a command that reads the log never makes an empty one. */
export function existingStoreFile(settings: AppSettings): string {
  const file = join(settings.dataDir, 'events.sqlite');
  if (settings.eventStore === 'sqlite' && !existsSync(file)) throw new CliError(`There is no event store at ${file}: set DATA_DIR to the data directory (the server's, or the demo's).`);
  return file;
}

/** The store the settings name, opened for one command, closed after. */
export async function withStore<T>(settings: AppSettings, use: (store: EventStore) => Promise<T>): Promise<T> {
  existingStoreFile(settings);
  const store = createEventStore(settings);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

@Module({})
class CliApplicationModule {
  static forRoot(settings: AppSettings): DynamicModule {
    // No scheduler: a command line reads; it never records missed deadlines.
    return { module: CliApplicationModule, imports: [ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), AuditModule] };
  }
}

/**
 * The whole application (and the audit side) on the data directory, for commands that read a case
 * as the API does. Its read models first catch up with the log, so names are current.
 */
export async function withApplication<T>(settings: AppSettings, use: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  existingStoreFile(settings);
  const app = await NestFactory.createApplicationContext(CliApplicationModule.forRoot(settings), { logger: ['error'] });
  try {
    await app.init();
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await app.get(ReadModels).waitFor(head, 60_000);
    return await use(app);
  } finally {
    await app.close();
  }
}
