import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/* Tests that run the real commands (npm start, the CLI) as separate processes, from dist/. */

export const REPO = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** The environment a person's shell would have: none of jest's settings (NODE_OPTIONS, NODE_ENV=test). */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key.startsWith('JEST_') || key.startsWith('npm_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A port nobody listens on now (the OS picks it; the server started next binds it). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

const LOCK = join(tmpdir(), `compact-disputes-dist-${createHash('sha256').update(REPO).digest('hex').slice(0, 12)}.lock`);

/**
 * Runs `use` while no other test process builds or starts programs from dist/ (they would read
 * files tsc is rewriting). A lock directory with the holder's pid; a dead holder's lock is taken over.
 */
export async function withDist<T>(use: () => Promise<T>, options: { build?: boolean } = {}): Promise<T> {
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > 600_000) throw new Error(`${LOCK} has been held for ten minutes`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (options.build !== false && distIsStale()) {
      await run('npm', ['run', 'build'], { cwd: REPO, env: shellEnv() });
      writeFileSync(join(REPO, 'dist', '.built'), new Date().toISOString());
    }
    return await use();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function holderAlive(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return true;
  } catch (error) {
    // No pid file yet: the holder is between mkdir and writing it.
    return (error as NodeJS.ErrnoException).code === 'EPERM' || (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** True unless dist/ was built by a test after the last change to any source or config file. */
function distIsStale(): boolean {
  let built: number;
  try {
    built = statSync(join(REPO, 'dist', '.built')).mtimeMs;
  } catch {
    return true;
  }
  const newer = (path: string): boolean =>
    statSync(path).isDirectory() ? readdirSync(path).some((name) => newer(join(path, name))) : statSync(path).mtimeMs > built;
  return ['apps', 'libs', 'bench', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].some((p) => newer(join(REPO, p)));
}

export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM to the process (and its group), then how it ended; SIGKILL after a while. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a command in its own process group, collecting stdout and stderr together. */
export function startProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(command, args, { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const ended = () => ({ code: child.exitCode, signal: child.signalCode });
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return ended();
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return ended();
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 20_000);
      const end = await exited;
      clearTimeout(timer);
      return end;
    },
  };
}

/** Waits until `GET url` answers 200, failing with the process's output if it exits first. */
export async function waitForHealth(url: string, server: RunningProcess, timeoutMs = 120_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode}):\n${server.output()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${server.output()}`);
}

/** Runs a command to its end: exit code and everything it printed. */
export async function runToEnd(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<{ code: number | null; output: string }> {
  const p = startProcess(command, args, env);
  const timer = setTimeout(() => void p.stop('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => p.child.once('exit', (c) => done(c)));
  clearTimeout(timer);
  // Let the pipes drain (a background child of a shell may hold them open: wait a little only).
  await new Promise((r) => {
    const t = setTimeout(r, 1_000);
    p.child.once('close', () => (clearTimeout(t), r(undefined)));
  });
  return { code, output: p.output() };
}
