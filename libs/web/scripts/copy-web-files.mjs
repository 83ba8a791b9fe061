// `npm run build`: tsc compiles the TypeScript; the templates and the compiled stylesheets go
// beside it, so dist/libs/web has the same layout as libs/web and the server finds them the same way.
import { cpSync } from 'node:fs';

for (const dir of ['views', 'assets']) {
  cpSync(new URL(`../${dir}`, import.meta.url), new URL(`../../../dist/libs/web/${dir}`, import.meta.url), { recursive: true });
}
