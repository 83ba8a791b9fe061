// The fault suites run longer than in `npm test`:
//   npm run test:crash -- --rounds 50 [--seed 7]
//   npm run test:fuzz -- --runs 20000 [--seed 7]
// Runs the same jest suite with more rounds or runs (and a seed of your choice), without a time limit per test.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const SUITES = {
  crash: { file: 'test/faults/crash.e2e.spec.ts', count: 'rounds', env: 'FAULTS_CRASH_ROUNDS', fallback: '50' },
  fuzz: { file: 'test/faults/fuzz.e2e.spec.ts', count: 'runs', env: 'FAULTS_FUZZ_RUNS', fallback: '20000' },
};

const [name, ...rest] = process.argv.slice(2);
const suite = SUITES[name];
if (!suite) {
  console.error(`usage: long-run.mjs ${Object.keys(SUITES).join('|')} [--rounds N | --runs N] [--seed N]`);
  process.exit(2);
}
const { values } = parseArgs({ args: rest, options: { [suite.count]: { type: 'string' }, seed: { type: 'string' } } });
const count = values[suite.count] ?? suite.fallback;
const seed = values.seed ?? String(Date.now() % 2_147_483_647);
if (!/^\d+$/.test(count) || !/^\d+$/.test(seed)) {
  console.error(`--${suite.count} and --seed take whole numbers`);
  process.exit(2);
}
console.log(`${name}: ${count} ${suite.count}, seed ${seed} (run again with --seed ${seed} to repeat it)`);
const child = spawn('npm', ['run', 'jest', '--', suite.file, '--testTimeout=86400000'], {
  stdio: 'inherit',
  env: { ...process.env, [suite.env]: count, FAULTS_SEED: seed },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
