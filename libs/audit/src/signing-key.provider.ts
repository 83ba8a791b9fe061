import { type Provider } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings } from '#config';
import { loadOrCreateSigningKey } from '#event-store';

/** The data directory's Ed25519 checkpoint key, made on the first start that needs it (0600). */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

export const signingKeyProvider: Provider = {
  provide: SIGNING_KEY,
  useFactory: (settings: AppSettings) => loadOrCreateSigningKey(settings.dataDir),
  inject: [APP_SETTINGS],
};
