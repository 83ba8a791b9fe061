import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

/**
 * Preloaded into the API process by the soak only (`node --expose-gc --import …/memory-probe.js`,
 * `MEMORY_PROBE_FILE=…`), never by the application: on SIGUSR2 it runs a full collection and
 * writes where the resident set is, so the soak can tell the live JS heap from the heap V8 keeps,
 * from external memory (Buffers) and from native memory (SQLite's page caches, the allocator).
 */

export interface MemoryProbe {
  readonly seq: number;
  /** process.memoryUsage() after a full collection, bytes. */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** What V8 itself got through malloc (outside its heap pages), bytes. */
  readonly mallocedMemory: number;
  /** /proc/self/status: anonymous, file-backed and shared (SQLite's -shm wal-index) resident memory, bytes. */
  readonly rssAnon: number;
  readonly rssFile: number;
  readonly rssShmem: number;
  /** Each V8 heap space: bytes committed (what RSS sees) and in use. */
  readonly spaces: Readonly<Record<string, { readonly size: number; readonly used: number }>>;
}

const file = process.env['MEMORY_PROBE_FILE'];
const gc = (globalThis as { gc?: () => void }).gc;

function status(field: string): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

if (file && gc) {
  let seq = 0;
  process.on('SIGUSR2', () => {
    gc();
    const usage = process.memoryUsage();
    const probe: MemoryProbe = {
      seq: (seq += 1),
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      mallocedMemory: getHeapStatistics().malloced_memory,
      rssAnon: status('RssAnon'),
      rssFile: status('RssFile'),
      rssShmem: status('RssShmem'),
      spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }])),
    };
    writeFileSync(file, JSON.stringify(probe));
  });
}
