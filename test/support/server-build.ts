import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { transformFile } from '@swc/core';
import { copyWebFiles } from '../../libs/web/scripts/copy-web-files.mjs';

const ROOT = process.cwd();
/** What tsconfig.build.json compiles, less the bench. */
const SOURCES = ['apps', 'libs'];
const isSource = (path: string): boolean => path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts') && !path.includes('/testing/');

/** The options jest compiles the sources with (jest.config.js), so the child runs the code the other suites test. */
const SWC_OPTIONS = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript' as const, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022' as const,
  },
  module: { type: 'es6' as const },
  sourceMaps: 'inline' as const,
};

export interface ServerBuild {
  /** The API's entry point, for `node <entry>`. */
  readonly entry: string;
  /** The command line's (`rebuild`, `demo`). */
  readonly cli: string;
  remove(): Promise<void>;
}

/**
 * The API's sources compiled for a child process, as jest compiles them (SWC, a second or two)
 * rather than by `npm run build` (tsc, half a minute or more on a loaded machine), into a
 * directory of the suite's own under dist/, so that suites running side by side never write
 * each other's files. Bare imports resolve from the repository's node_modules; a package.json
 * there maps `#core` and the other lib aliases onto the compiled files.
 */
export async function buildServer(): Promise<ServerBuild> {
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'dist', '.server-under-test-'));
  const files = (await Promise.all(SOURCES.map((source) => sourcesUnder(join(ROOT, source))))).flat();
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(file, SWC_OPTIONS);
      const target = join(dir, relative(ROOT, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  // The templates and stylesheets the pages read at run time, as `npm run build` puts them beside the code.
  copyWebFiles(dir);
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; description: string; imports: Record<string, { source: string }> };
  const imports = Object.fromEntries(Object.entries(pkg.imports).map(([alias, target]) => [alias, target.source.replace(/\.ts$/, '.js')]));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, type: 'module', imports }));
  return { entry: join(dir, 'apps/api/src/main.js'), cli: join(dir, 'apps/cli/src/main.js'), remove: () => rm(dir, { recursive: true, force: true }) };
}

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((e) => join(e.parentPath, e.name)).filter((path) => isSource(path));
}
