import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiInfo } from '#http';

/**
 * Title, description and version for the API docs, from the nearest package.json above this file:
 * the same lookup works from the sources (tests) and from dist/.
 */
export function readPackageInfo(): ApiInfo {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; description?: string; version?: string };
      return { title: pkg.name ?? 'API', description: pkg.description ?? '', version: pkg.version ?? '0.0.0' };
    }
    const parent = dirname(dir);
    if (parent === dir) return { title: 'API', description: '', version: '0.0.0' };
    dir = parent;
  }
}
