import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCompact, COMMANDS_PER_LIFECYCLE, startBenchEngine } from './bench-compact.js';
import { benchPages } from './pages-bench.js';
import { benchAnnualReport } from './report-bench.js';
import { measureAt } from './scaling.js';

/**
 * `npm run bench`: figures as ratios to a baseline measured in the same run on the same disk
 * (raw better-sqlite3, one insert per FULL-synchronous transaction), since these machines are noisy.
 */

function rawInsertsPerSecond(dir: string, count: number): number {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, stream TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO t (stream, data) VALUES (?, ?)');
  const started = performance.now();
  for (let i = 0; i < count; i++) insert.run(`s-${i % 100}`, JSON.stringify({ i, text: 'x'.repeat(200) }));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return count / seconds;
}

async function commandPath(dir: string, cases: number, concurrent: boolean) {
  const app = await startBenchEngine(dir);
  const compact = await benchCompact(app);
  const started = performance.now();
  if (concurrent) {
    const lanes = 32;
    let next = 0;
    await Promise.all(Array.from({ length: lanes }, async () => { while (next++ < cases) await compact.lifecycle(); }));
  } else {
    for (let i = 0; i < cases; i++) await compact.lifecycle();
  }
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  return (cases * COMMANDS_PER_LIFECYCLE) / seconds;
}

async function main() {
  const cases = Number(process.env['BENCH_CASES'] ?? 300);
  const dir = mkdtempSync(join(tmpdir(), 'compact-bench-'));
  try {
    const raw = rawInsertsPerSecond(dir, 3000);
    const sequential = await commandPath(join(dir, 'seq'), cases, false);
    const concurrent = await commandPath(join(dir, 'conc'), cases, true);
    const rows = [
      ['baseline: raw SQLite insert, one FULL transaction each', raw],
      ['command path, one command at a time (awaited)', sequential],
      ['command path, 32 concurrent lanes (group commit)', concurrent],
    ] as const;
    console.log(`\n${cases} dispute lifecycles of 6 commands each (raise … withdraw)\n`);
    for (const [name, perSecond] of rows) {
      console.log(`${name.padEnd(58)} ${perSecond.toFixed(0).padStart(7)} /s   ${(perSecond / raw).toFixed(2)}× baseline`);
    }
    const sizes = (process.env['BENCH_SIZES'] ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
    if (sizes.length > 0) {
      console.log('\nHow cost grows with the log (per-unit figures should stay flat as the log grows):\n');
      console.log('events in log   seed (group commit)   command latency   cases rebuild        read whole log       verify the chain (live heap: all, per stream)');
      for (const size of sizes) {
        const row = await measureAt(join(dir, `scale-${size}`), size);
        console.log(
          `${String(row.events).padStart(13)}   ${row.seedPerSecond.toFixed(0).padStart(7)} ev/s ${(row.seedPerSecond / raw).toFixed(1).padStart(5)}×` +
            `   ${row.commandMs.toFixed(2).padStart(6)} ms ${(1000 / row.commandMs / raw).toFixed(2).padStart(5)}×` +
            `   ${row.rebuildPerSecond.toFixed(0).padStart(6)} ev/s ${(row.rebuildPerSecond / raw).toFixed(2).padStart(5)}×` +
            `   ${row.readAllPerSecond.toFixed(0).padStart(7)} ev/s ${(row.readAllPerSecond / raw).toFixed(1).padStart(5)}×` +
            `   ${row.verifyPerSecond.toFixed(0).padStart(7)} ev/s ${(row.verifyPerSecond / raw).toFixed(1).padStart(5)}× (${row.verifyHeapMb.toFixed(1)} MB, ${((row.verifyHeapMb * 1024 * 1024) / row.streams).toFixed(0)} B × ${row.streams})`,
        );
      }
      console.log('\n(× = ratio to the baseline above: raw SQLite inserts, one FULL transaction each.)');
    }
    const reportSizes = (process.env['BENCH_REPORT_SIZES'] ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
    if (reportSizes.length > 0) await benchAnnualReport(join(dir, 'annual-report'), reportSizes);
    if (process.env['BENCH_PAGES'] !== '0') await benchPages(join(dir, 'pages'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
