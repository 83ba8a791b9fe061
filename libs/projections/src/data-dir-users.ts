import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isDiskFull } from '#core';

/** A process that has a data directory's read models open, as its file in `<dataDir>/in-use/` says. */
export interface DataDirUser {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  /** Rebuilding from the CLI: nobody else may open the read models meanwhile. */
  readonly exclusive: boolean;
  readonly file: string;
}

const IN_USE = 'in-use';

/** True while a process with that id runs on this machine (EPERM: it runs, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Which processes use a data directory's read models. A rebuild from the command line swaps the
 * files by renaming, and a process that already has them open would go on reading the old ones,
 * so each process that opens them leaves a small file with its pid, and the CLI rebuild refuses
 * while another live one is there. Files of processes that died are ignored and cleared; a file
 * from another host cannot be checked and counts as live (its message says how to clear it).
 */
export class DataDirRegistration {
  private readonly file: string;
  private readonly since = new Date().toISOString();
  private released = false;

  private constructor(
    private readonly dataDir: string,
    private exclusive: boolean,
  ) {
    mkdirSync(join(dataDir, IN_USE), { recursive: true });
    this.file = join(dataDir, IN_USE, `${process.pid}-${randomUUID()}.json`);
    try {
      this.write();
    } catch (error) {
      // A full disk must not keep a server from starting (to serve reads, and to write again once
      // space is freed): it runs unregistered, and a CLI rebuild, which cannot write either, cannot start.
      if (!isDiskFull(error)) throw error;
    }
  }

  /** Registers this process; refuses while another one holds the directory for a rebuild. */
  static register(dataDir: string): DataDirRegistration {
    const registration = new DataDirRegistration(dataDir, false);
    // Written before looking, as the rebuild does: whichever of the two comes second sees the other.
    const rebuilding = registration.others().find((u) => u.exclusive);
    if (rebuilding) {
      registration.release();
      throw new Error(`The read models in ${dataDir} are being rebuilt by ${describeUser(rebuilding)}; start again once it has finished.`);
    }
    return registration;
  }

  /**
   * Refuses (DataDirInUseError) while a live process uses the directory: a first look, before a
   * CLI rebuild opens anything. claimExclusive() is what makes it safe against one starting after.
   */
  static assertUnused(dataDir: string): void {
    const users = liveUsers(dataDir, null);
    if (users.length > 0) throw new DataDirInUseError(dataDir, users);
  }

  /** The other live processes using the directory, clearing the files of those that have died. */
  others(): DataDirUser[] {
    return liveUsers(this.dataDir, this.file);
  }

  /** For a rebuild from the CLI: claims the directory, or names the processes that use it. */
  claimExclusive(): void {
    this.exclusive = true;
    this.write();
    const others = this.others();
    if (others.length === 0) return;
    this.exclusive = false;
    this.write();
    throw new DataDirInUseError(this.dataDir, others);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(this.file, { force: true });
  }

  private write(): void {
    const user = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' '), since: this.since, exclusive: this.exclusive };
    // Written whole, then renamed: a process looking at the directory never reads half a file.
    try {
      writeFileSync(`${this.file}.tmp`, JSON.stringify(user));
      renameSync(`${this.file}.tmp`, this.file);
    } catch (error) {
      rmSync(`${this.file}.tmp`, { force: true });
      throw error;
    }
  }
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly users: readonly DataDirUser[],
  ) {
    super(
      `The read models in ${dataDir} are open in another process: ${users.map(describeUser).join('; ')}. ` +
        'A running server would go on reading the files a rebuild replaces. Stop it first, or have the server rebuild ' +
        'them itself: POST /admin/projections/{name}/rebuild with an admin token.',
    );
    this.name = 'DataDirInUseError';
  }
}

function liveUsers(dataDir: string, except: string | null): DataDirUser[] {
  const dir = join(dataDir, IN_USE);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const users: DataDirUser[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (file === except || !name.endsWith('.json')) continue;
    const user = readUser(file);
    if (user === null) continue;
    if (user.host === hostname() && !isProcessAlive(user.pid)) {
      rmSync(file, { force: true });
      continue;
    }
    users.push(user);
  }
  return users;
}

function describeUser(u: DataDirUser): string {
  const where = u.host === hostname() ? '' : ` on host ${u.host} (it cannot be checked from here; delete ${u.file} if it no longer runs)`;
  return `pid ${u.pid}${where}, "${u.command}", since ${u.since}`;
}

function readUser(file: string): DataDirUser | null {
  try {
    const u = JSON.parse(readFileSync(file, 'utf8')) as Omit<DataDirUser, 'file'>;
    return typeof u.pid === 'number' ? { ...u, file } : null;
  } catch {
    // Removed at this moment: its process has gone.
    return null;
  }
}
