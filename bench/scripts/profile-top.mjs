#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with most self time, and self time
// by where the code lives (our libs, each node_modules package, Node core, GC).
// Usage: node bench/scripts/profile-top.mjs FILE.cpuprofile [N] [SKIP_SECONDS]
// SKIP_SECONDS leaves out the first seconds of the profile (start-up: loading modules).
import { readFileSync } from 'node:fs';

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-top.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
const skipMicros = Number(skipArg ?? 0) * 1e6;
let clock = 0;
for (let i = 0; i < profile.samples.length; i++) {
  clock += deltas[i] ?? 0;
  if (clock < skipMicros) continue;
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url) => {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  const ours = /dist\/((?:libs|apps|bench)\/[^/]+)/.exec(url);
  return ours ? ours[1] : url;
};
const byFunction = new Map();
const byPlace = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const place = ['(garbage collector)', '(idle)', '(program)'].includes(callFrame.functionName) ? callFrame.functionName : where(callFrame.url);
  byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
}
// Inclusive time of our own functions (libs/, apps/): a function's samples and all below it, counted once per stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, micros] of self) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { callFrame } = byId.get(at);
    if (!/dist\/(libs|apps)\//.test(callFrame.url)) continue;
    const name = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame.url)}:${callFrame.lineNumber + 1}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
}
const pct = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by place:`);
for (const [place, micros] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(micros)}  ${place}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(micros)}  ${name}`);
console.log(`\ntop ${top} of our functions by inclusive time:`);
for (const [name, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(micros)}  ${name}`);
