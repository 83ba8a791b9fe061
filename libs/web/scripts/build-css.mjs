// Compiles the pages' stylesheets (GOV.UK Frontend on a system font stack) into libs/web/assets.
// The compiled files are committed, so the server needs no Sass; a test checks they are current.
import { writeFileSync } from 'node:fs';
import { compileWebStyles } from './compile-web-styles.mjs';

for (const [file, css] of Object.entries(compileWebStyles())) {
  writeFileSync(new URL(`../assets/${file}`, import.meta.url), css);
  console.log(`libs/web/assets/${file}: ${css.length} bytes`);
}
