import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { isProcessAlive } from '#projections';
import { type DemoToken } from './demo-loader.js';

/** Written last into a demo's data directory: its presence means the load completed. */
export const TOKENS_FILE = 'demo-tokens.json';
const EVENTS_FILE = 'events.sqlite';
/** Counting events means copying the file (opening it, even read-only, would leave files behind). */
const COUNT_EVENTS_UP_TO_BYTES = 64 * 1024 * 1024;

export type DataDirContents =
  | { readonly kind: 'empty' }
  | { readonly kind: 'demo'; readonly tokens: DemoToken[] }
  | { readonly kind: 'other'; readonly found: string };

/** The demo refuses a data directory that is neither empty nor a complete demo. */
export class DemoDataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoDataDirError';
  }
}

/** What a data directory holds, found without changing anything in it. */
export function inspectDataDir(dataDir: string): DataDirContents {
  if (!existsSync(dataDir)) return { kind: 'empty' };
  let entries: string[];
  try {
    if (!statSync(dataDir).isDirectory()) return { kind: 'other', found: 'is a file, not a directory' };
    entries = readdirSync(dataDir);
  } catch (error) {
    return { kind: 'other', found: `cannot be read (${(error as Error).message})` };
  }
  if (entries.length === 0) return { kind: 'empty' };
  const events = entries.includes(EVENTS_FILE) ? describeEvents(join(dataDir, EVENTS_FILE)) : null;
  if (entries.includes(TOKENS_FILE)) {
    let tokens: DemoToken[] | null = null;
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dataDir, TOKENS_FILE), 'utf8'));
      if (Array.isArray(parsed) && parsed.every((t) => typeof (t as DemoToken).token === 'string')) tokens = parsed as DemoToken[];
    } catch {
      tokens = null;
    }
    if (tokens === null) return { kind: 'other', found: `holds a ${TOKENS_FILE} that cannot be read` };
    if (events === null) return { kind: 'other', found: `holds ${TOKENS_FILE} but no ${EVENTS_FILE}` };
    if (!events.readable) return { kind: 'other', found: `holds ${TOKENS_FILE}, but its ${EVENTS_FILE} ${events.text}` };
    return { kind: 'demo', tokens };
  }
  if (events !== null) {
    return { kind: 'other', found: `holds ${EVENTS_FILE} (${events.text}) but no ${TOKENS_FILE}: a half-loaded demo, or the data of another installation` };
  }
  return { kind: 'other', found: `holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''} and no demo` };
}

export function refusal(dataDir: string, found: string): DemoDataDirError {
  return new DemoDataDirError(
    `${dataDir} ${found}. The demo loads only into an empty (or missing) directory, and restarts a complete demo; ` +
      `it has not touched this one. Move it away (or delete it, if it is a demo you no longer need), or run the demo ` +
      `elsewhere: DATA_DIR=./demo-data npm run demo`,
  );
}

function describeEvents(file: string): { readonly readable: boolean; readonly text: string } {
  const size = statSync(file).size;
  const megabytes = `${(size / 1024 / 1024).toFixed(1)} MB`;
  if (size > COUNT_EVENTS_UP_TO_BYTES) return { readable: true, text: megabytes };
  const scratch = mkdtempSync(join(tmpdir(), 'compact-demo-inspect-'));
  try {
    copyFileSync(file, join(scratch, EVENTS_FILE));
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, join(scratch, `${EVENTS_FILE}-wal`));
    const db = new Database(join(scratch, EVENTS_FILE), { fileMustExist: true });
    try {
      const n = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      return { readable: true, text: `${n} event${n === 1 ? "" : "s"}` };
    } finally {
      db.close();
    }
  } catch (error) {
    return { readable: false, text: `cannot be read as an event store (${(error as Error).message})` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Where a load is built before it is moved into place: beside the data directory, on the same file system. */
export function scratchDirFor(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}.loading-${process.pid}`);
}

/** Scratch directories left by loads that were killed (their process is gone); removed, and named. */
export function removeAbandonedScratchDirs(dataDir: string): string[] {
  const prefix = `${basename(dataDir)}.loading-`;
  if (!existsSync(dirname(dataDir))) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dirname(dataDir))) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : Number.NaN;
    if (!Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(join(dirname(dataDir), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Moves a completed load into place. A missing or empty data directory is replaced in one
 * rename; where that cannot be done (the data directory is a mount point) the files are moved
 * one by one with the tokens file last, so an interrupted move is never taken for a complete demo.
 */
export function moveIntoPlace(scratch: string, dataDir: string): void {
  try {
    renameSync(scratch, dataDir);
    return;
  } catch (error) {
    if (!existsSync(dataDir)) throw error;
  }
  const entries = readdirSync(scratch).sort((a, b) => Number(a === TOKENS_FILE) - Number(b === TOKENS_FILE));
  for (const name of entries) renameSync(join(scratch, name), join(dataDir, name));
  rmdirSync(scratch);
}
