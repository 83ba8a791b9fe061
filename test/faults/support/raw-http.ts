import { connect, type Socket } from 'node:net';

/** One answer read off a raw socket. */
export interface RawAnswer {
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RawExchange {
  /** Every answer the server sent, in order. */
  readonly answers: RawAnswer[];
  /** The server closed (or reset) the connection before `waitMs` ran out. */
  readonly closedByServer: boolean;
  readonly error: string | null;
  /** Bytes of our request the server had taken when it answered or closed. */
  readonly bytesSent: number;
}

export interface RawPart {
  /** Wait this long after the previous part. */
  readonly afterMs?: number;
  readonly data: string | Buffer;
}

/**
 * Talks HTTP/1.1 to the server byte for byte, the way a broken or hostile client would: parts sent
 * with pauses between them, and whatever comes back parsed. Stops sending once the server has
 * answered or closed; resolves when the server closes, or after `waitMs`.
 */
export function rawExchange(port: number, parts: readonly RawPart[], waitMs = 10_000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let bytesSent = 0;
    let stopped = false;
    let error: string | null = null;
    const timers: NodeJS.Timeout[] = [];
    const finish = (closedByServer: boolean) => {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      socket.destroy();
      resolve({ answers: parseAnswers(received), closedByServer, error, bytesSent });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
    timers.push(setTimeout(() => finish(false), waitMs));

    let at = 0;
    for (const part of parts) {
      at += part.afterMs ?? 0;
      timers.push(
        setTimeout(() => {
          if (stopped || received.length > 0 || !socket.writable) return;
          socket.write(part.data);
          bytesSent += Buffer.byteLength(part.data);
        }, at),
      );
    }
  });
}

/** Splits what the server sent into answers (Content-Length framed, as ours all are). */
export function parseAnswers(bytes: Buffer): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return answers;
    const [statusLine = '', ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const body = rest.subarray(end + 4, end + 4 + length).toString('utf8');
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body });
    rest = rest.subarray(end + 4 + length);
  }
}

/** A request as raw text: the request line, the headers given (Host added), and the body as it is. */
export function rawRequest(method: string, path: string, headers: Record<string, string | number> = {}, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Asserts a problem+json answer with this status and code, and hands the problem back. */
export function expectRawProblem(answer: RawAnswer | undefined, status: number, code: string): Record<string, unknown> {
  expect({ status: answer?.status, contentType: answer?.headers['content-type'] }).toEqual({ status, contentType: 'application/problem+json; charset=utf-8' });
  const problem = JSON.parse(answer?.body ?? '') as Record<string, unknown>;
  expect(problem).toMatchObject({ status, code, type: expect.stringMatching(/^urn:problem:compact-disputes:/), title: expect.any(String), detail: expect.any(String) });
  return problem;
}
