import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The stylesheets as Sass compiles them from libs/web/sass: { 'compact.css': css, 'print.css': css }. */
export function compileWebStyles() {
  const options = { loadPaths: [here('../../../node_modules')], style: 'compressed', quietDeps: true, silenceDeprecations: [] };
  return {
    'compact.css': sass.compile(here('../sass/compact.scss'), options).css + '\n',
    'print.css': sass.compile(here('../sass/print.scss'), options).css + '\n',
  };
}
