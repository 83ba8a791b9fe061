import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'undici';

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Milliseconds from spawn until the readiness path first answered 200. */
  readonly startupMs: number;
  /** Resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** CPU seconds the process has used so far (user + system). */
  cpuSeconds(): number;
  /** SIGTERM, and wait for the exit (a CPU profile is written then). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * `node <entry>` in its own process (so the load generator does not share its thread), on a free
 * port of 127.0.0.1, its output to `logFile`. Resolves once `readyPath` answers 200.
 */
export async function startServerProcess(options: {
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly nodeArgs?: readonly string[];
  readonly readyPath?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const log = openSync(options.logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...options.env };
  delete env['NODE_OPTIONS'];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], { env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.entry} exited with ${child.exitCode}; see ${options.logFile}:\n${readFileSync(options.logFile, 'utf8').slice(-2000)}`);
    try {
      const answer = await request(`${baseUrl}${options.readyPath ?? '/health/live'}`);
      await answer.body.dump();
      if (answer.statusCode === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) throw new Error(`${options.entry} did not become ready in 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    startupMs,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
