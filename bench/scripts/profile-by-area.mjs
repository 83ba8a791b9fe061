// Where a V8 CPU profile's samples went, by area: each sample counts once, for the first area
// whose frame is on its stack (outermost first), so the areas add up to 100%.
//   node bench/scripts/profile-by-area.mjs FILE.cpuprofile [skipSeconds]
import { readFileSync } from 'node:fs';

const [file, skipArg = '5'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);

const AREAS = [
  ['read models (the runners\' batches)', (f) => f.functionName === 'flush' && f.url.includes('projection-runner')],
  ['subscriptions\' reads', (f) => f.url.includes('sqlite-subscription')],
  ['event store group commit', (f) => f.functionName === 'commitBatch'],
  ['write path (load, decide)', (f) => f.functionName === 'attempt' && f.url.includes('dispute-command')],
  ['authentication guard', (f) => f.url.includes('authentication.guard') || f.url.includes('roles.guard')],
  ['validation (class-validator, -transformer)', (f) => /class-validator|class-transformer|validation/.test(f.url)],
  ['logging', (f) => /pino|logger/.test(f.url)],
  ['helmet', (f) => f.url.includes('helmet')],
  ['metrics', (f) => /prom-client|metrics/.test(f.url)],
  ['Fastify reply and serialisation', (f) => /reply|serializer/.test(f.url)],
  ['Nest core', (f) => f.url.includes('@nestjs')],
  ['Fastify', (f) => f.url.includes('fastify')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
];

const from = profile.startTime + Number(skipArg) * 1e6;
const counts = new Map();
let t = profile.startTime;
let total = 0;
profile.samples.forEach((sample, i) => {
  t += profile.timeDeltas[i];
  if (t < from) return;
  total += 1;
  const stack = [];
  for (let id = sample; id !== undefined; id = parents.get(id)) stack.unshift(nodes.get(id).callFrame);
  const area = AREAS.find(([, matches]) => stack.some(matches))?.[0] ?? 'other';
  counts.set(area, (counts.get(area) ?? 0) + 1);
});
for (const [area, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${area}`);
