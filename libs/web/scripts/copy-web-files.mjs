// `npm run build`: tsc compiles the TypeScript; the templates and the compiled stylesheets go
// beside it, so dist/libs/web has the same layout as libs/web and the server finds them the same way.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Copies libs/web's views and assets under `compiledRoot`/libs/web (any tree the sources were compiled into). */
export function copyWebFiles(compiledRoot) {
  for (const dir of ['views', 'assets']) cpSync(join(WEB_ROOT, dir), join(compiledRoot, 'libs', 'web', dir), { recursive: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyWebFiles(fileURLToPath(new URL('../../../dist', import.meta.url)));
}
