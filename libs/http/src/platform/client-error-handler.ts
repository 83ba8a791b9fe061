import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { type HttpLimits } from '#config';
import { CORRELATION_ID_HEADER } from './correlation/correlation-id.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemTypeOf } from './problem-details.js';

interface Answer {
  readonly status: number;
  readonly title: string;
  readonly code: string;
  readonly detail: string;
}

/** A client that has not closed its end this long after our answer is cut off. */
const LINGER_MS = 2_000;

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (bad framing, headers over
 * 16 KiB) and requests that did not arrive in time, answered as problem+json like every other
 * error, with `Connection: close` so a keep-alive client does not send its next request into a
 * socket about to close (Fastify's default answers plain JSON and closes without saying so).
 */
export function clientErrorHandler(limits: HttpLimits): (error: NodeJS.ErrnoException, socket: Socket) => void {
  const answers = answersFor(limits);
  // The parser reports a broken socket again when it closes: answer it once.
  const answered = new WeakSet<Socket>();
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);

    // Bytes after a complete request that are not a request (a body longer than its
    // Content-Length): that request is still answered, and the connection closes after it.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (inFlight && inFlight.req.complete && error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
      if (!inFlight.headersSent) inFlight.shouldKeepAlive = false;
      inFlight.once('close', () => socket.destroySoon());
      return;
    }

    // As Node's own handler: answer only if no byte of another answer went out on this socket.
    if (socket.writable && !inFlight?.headersSent) socket.end(rawProblem(answers[error.code ?? ''] ?? answers.otherwise!));
    else socket.destroy();
    // Half-closed rather than destroyed, so the client reads the answer before the connection goes
    // (destroying with unread input would reset it); it still goes after a grace period.
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

function answersFor(limits: HttpLimits): Readonly<Record<string, Answer>> {
  const badLength: Answer = {
    status: 400,
    title: 'Bad Request',
    code: 'REQUEST.INVALID_CONTENT_LENGTH',
    detail: 'The Content-Length header is not a valid length for this request.',
  };
  return {
    HPE_HEADER_OVERFLOW: {
      status: 431,
      title: 'Request Header Fields Too Large',
      code: 'REQUEST.HEADERS_TOO_LARGE',
      detail: 'The request line and headers together are larger than 16 KiB.',
    },
    ERR_HTTP_REQUEST_TIMEOUT: {
      status: 408,
      title: 'Request Timeout',
      code: 'REQUEST.TIMEOUT',
      detail: `The request did not arrive in time: the headers must arrive within ${seconds(limits.headersTimeoutMs)}, the whole request within ${seconds(limits.requestTimeoutMs)}.`,
    },
    HPE_INVALID_CONTENT_LENGTH: badLength,
    HPE_UNEXPECTED_CONTENT_LENGTH: badLength,
    otherwise: { status: 400, title: 'Bad Request', code: 'REQUEST.MALFORMED_HTTP', detail: 'The request is not well-formed HTTP/1.1.' },
  };
}

/**
 * The server's 'checkExpectation' listener: an `Expect` other than 100-continue, which Node would
 * refuse with a bare 417, is refused as problem+json (the request is not run).
 */
export function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const answer: Answer = {
    status: 417,
    title: 'Expectation Failed',
    code: 'REQUEST.EXPECTATION_FAILED',
    detail: `This server meets no expectation but 100-continue (the request said Expect: ${String(request.headers.expect).slice(0, 100)}).`,
  };
  const { headers, body } = problemMessage(answer);
  response.writeHead(answer.status, headers).end(body);
}

/** Headers and body of a problem answered outside Fastify, ending the connection. */
function problemMessage(answer: Answer): { headers: Record<string, string>; body: string } {
  const correlationId = randomUUID();
  const problem: ProblemDetails = {
    type: problemTypeOf(answer.code),
    title: answer.title,
    status: answer.status,
    detail: answer.detail,
    code: answer.code,
    correlationId,
  };
  const body = JSON.stringify(problem);
  const headers = {
    'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'Content-Length': String(Buffer.byteLength(body)),
    [CORRELATION_ID_HEADER]: correlationId,
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  return { headers, body };
}

function rawProblem(answer: Answer): string {
  const { headers, body } = problemMessage(answer);
  return [`HTTP/1.1 ${answer.status} ${answer.title}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', body].join('\r\n');
}

const seconds = (ms: number): string => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
