import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const PROCESS_ADMIN_TOKEN = 'faults-bootstrap-admin-token-0001';

export interface ServerProcessOptions {
  /** The compiled entry point (see server-build.ts). */
  readonly entry: string;
  readonly dataDir: string;
  /** CLOCK_FIXED. */
  readonly clock: string;
  /** More environment (LOG_LEVEL, HTTP_* limits). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed but what the OS already has. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown an operator's stop gives. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * The API as production runs it, `node <entry>`, in a process of its own: on 127.0.0.1, a free
 * port, the test's data dir and a frozen clock. Resolves once it says it is listening.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await spawnOn(port, options);
    } catch (error) {
      // Another process took the port between our look and the child's listen: try another.
      if (attempt < 3 && String(error).includes('EADDRINUSE')) continue;
      throw error;
    }
  }
}

async function spawnOn(port: number, options: ServerProcessOptions): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [options.entry], {
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      CLOCK_FIXED: options.clock,
      BOOTSTRAP_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const baseUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null) => fail(new Error(`the server exited (${code ?? signal}) before it listened:\n${output}`));
    child.once('exit', exitedEarly);
    // Polled rather than read from the log, so the test does not depend on the log's wording or level.
    const poll = async () => {
      while (child.exitCode === null && child.signalCode === null) {
        const live = await fetch(`${baseUrl}/health/live`).then((r) => r.status, () => 0);
        // Still running a moment later: the answer was ours, not another server's that took the port.
        if (live === 200) await new Promise((r) => setTimeout(r, 200));
        if (live === 200 && child.exitCode === null && child.signalCode === null) {
          clearTimeout(timer);
          child.off('exit', exitedEarly);
          return resolve();
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    void poll();
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { baseUrl, pid: child.pid ?? 0, output: () => output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
