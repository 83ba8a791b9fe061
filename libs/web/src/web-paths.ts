import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** libs/web (or dist/libs/web, where the build copies the views and assets beside the code). */
const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const VIEWS_DIR = join(WEB_ROOT, 'views');
export const ASSETS_DIR = join(WEB_ROOT, 'assets');

/** govuk-frontend's dist folder: its Nunjucks macros are loaded as `govuk/components/…`. */
export const GOVUK_FRONTEND_DIR = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
