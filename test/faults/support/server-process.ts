import { freePort, shellEnv, startProcess, waitForHealth } from '../../support/processes.js';

export const PROCESS_ADMIN_TOKEN = 'faults-bootstrap-admin-token-0001';

export interface ServerProcessOptions {
  /** The compiled entry point (see test/support/server-build.ts). */
  readonly entry: string;
  readonly dataDir: string;
  /** CLOCK_FIXED. */
  readonly clock: string;
  /** More environment (LOG_LEVEL, HTTP_* limits). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  readonly baseUrl: string;
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
 * port, the test's data dir and a frozen clock. Resolves once it answers /health/live.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env = shellEnv({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      CLOCK_FIXED: options.clock,
      BOOTSTRAP_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    const server = startProcess(process.execPath, [options.entry], env);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(`${baseUrl}/health/live`, server, START_TIMEOUT_MS);
    // Still running a moment later: the answer was its own, not that of another server that took the port first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      if (attempt < 3 && server.output().includes('EADDRINUSE')) continue;
      throw new Error(`the server exited after it answered:\n${server.output()}`);
    }
    return {
      baseUrl,
      output: server.output,
      kill: async () => void (await server.stop('SIGKILL')),
      stop: async () => void (await server.stop('SIGTERM')),
    };
  }
}
