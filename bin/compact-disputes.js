#!/usr/bin/env node
// `npx compact-disputes …` and `npm run cli -- …`: the command line, as `npm run build` compiled it into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/apps/cli/src/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error(`The command line is not built yet (${main} is missing): run \`npm run build\` first.`);
  process.exit(3);
}
await import(main);
