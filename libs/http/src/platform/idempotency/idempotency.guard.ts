import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { IdempotencyKeyReusedError, StorageFullError } from '#core';
import { serializeJson } from '../json-reply-serializer.js';
import { ProblemException } from '../problem-details.js';
import '../request-context.js';
import { claimOwnerIsGone } from './claim-owner.js';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key.js';
import { IdempotencyStore, type StoredResponse } from './idempotency.store.js';
import { requestFingerprint } from './request-fingerprint.js';

/** A pending claim older than this is presumed abandoned (its process died) and may be taken over. */
const STALE_CLAIM_MS = 60_000;
/** How long a duplicate waits for the first request with its key before answering 409. */
const MAX_WAIT_MS = 30_000;
/** Headers a replay repeats; the rest (dates, correlation id) belong to the new exchange. */
const REPLAYED_HEADERS = ['location', 'etag', 'content-location'] as const;
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';
/** Response fields that are secrets (a new person's bearer token): never written to disk. */
const SECRET_FIELDS = ['token'] as const;
/** How long a replay can still give the secret back, from memory only. */
const SECRET_MEMORY_MS = 15 * 60_000;

/** Whose key it is, and for which request: what a claim is held under. */
export interface KeyScope {
  readonly principalId: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** The answer a repeat gets: the first request's, as kept. */
export interface IdempotentReplayAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * Thrown by the guard to answer a repeat with the kept response instead of running the route (a
 * guard cannot answer with a body): ProblemDetailsFilter sends it as it is. Not an Error: it is
 * an answer, not a failure, and needs no stack.
 */
export class IdempotentReplay {
  constructor(readonly answer: IdempotentReplayAnswer) {}
}

type Admission = { readonly kind: 'run' } | { readonly kind: 'replay'; readonly response: StoredResponse };

/**
 * Makes any POST with an Idempotency-Key safe to retry. The first request claims (principal, key)
 * and its response is kept; a repeat with the same request replays that response without running
 * the handler; the same key with a different request is a 422. A duplicate that arrives while the
 * first is still running waits for it (in this process) and then replays; a failed first run
 * releases the key so the waiting or a later retry runs afresh. If the claim is held by another
 * process sharing the data dir, the duplicate gets a 409 to retry later.
 *
 * A guard (the last, after authentication and roles: the key is the principal's) and a Fastify
 * onSend hook (`onSend`, installed by configurePlatform) rather than a Nest interceptor, which
 * would put every request of every route through an RxJS pipeline, most of them without a key.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  private readonly logger = new Logger('Idempotency');
  private readonly inFlight = new Map<string, { readonly done: Promise<void>; readonly settle: () => void }>();
  /** Tokens are stored hashed, so a replayed token can only come from memory, for a short while. */
  private readonly secrets = new Map<string, { readonly fields: Record<string, unknown>; readonly until: number }>();

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return true;
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) return true;
    const scope: KeyScope = {
      principalId: request.principal?.personId ?? 'anonymous',
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    };
    return this.admitRequest(request, scope);
  }

  /**
   * The Fastify onSend hook that ends a claim once its request is answered: a success (below 400)
   * is kept for replays, anything else releases the key, and whoever waits for it goes on.
   */
  readonly onSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void => {
    const scope = request.idempotencyClaim;
    if (scope !== undefined) {
      request.idempotencyClaim = undefined;
      this.finish(scope, reply, payload);
    }
    done(null, payload);
  };

  private async admitRequest(request: FastifyRequest, scope: KeyScope): Promise<boolean> {
    const admission = await this.admit(scope);
    if (admission.kind === 'replay') throw new IdempotentReplay(this.replayOf(scope, admission.response));
    request.idempotencyClaim = scope;
    return true;
  }

  private async admit(scope: KeyScope): Promise<Admission> {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const now = Date.now();
      const claim = this.store.claim(scope.principalId, scope.key, scope.fingerprint, now);
      if (claim.kind === 'claimed') return this.running(scope);
      if (claim.fingerprint !== scope.fingerprint) throw new IdempotencyKeyReusedError();
      if (claim.kind === 'completed') return { kind: 'replay', response: claim.response };

      const first = this.inFlight.get(idOf(scope));
      if (first !== undefined && now < deadline) {
        await Promise.race([first.done, delay(deadline - now)]);
        continue;
      }
      // Nothing of it runs here: its process died (a crash: retry at once), or it is stale.
      const abandoned = first === undefined && (now - claim.claimedAt >= STALE_CLAIM_MS || claimOwnerIsGone(claim.owner, this.store.owner));
      if (abandoned && this.store.takeOver(scope.principalId, scope.key, scope.fingerprint, claim.claimedAt, now)) return this.running(scope);
      throw requestInProgress();
    }
  }

  private running(scope: KeyScope): Admission {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inFlight.set(idOf(scope), { done, settle });
    return { kind: 'run' };
  }

  private withoutSecrets(scope: KeyScope, body: unknown): unknown {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
    const fields = Object.fromEntries(SECRET_FIELDS.filter((f) => f in body).map((f) => [f, (body as Record<string, unknown>)[f]]));
    if (Object.keys(fields).length === 0) return body;
    const now = Date.now();
    for (const [id, held] of this.secrets) if (held.until < now) this.secrets.delete(id);
    this.secrets.set(idOf(scope), { fields, until: now + SECRET_MEMORY_MS });
    return Object.fromEntries(Object.entries(body).filter(([name]) => !(SECRET_FIELDS as readonly string[]).includes(name)));
  }

  /** A replay after restart or after the memory window answers without the secret, and says so. */
  private withSecrets(scope: KeyScope, body: unknown): unknown {
    const held = this.secrets.get(idOf(scope));
    if (!held || held.until < Date.now() || typeof body !== 'object' || body === null) return body;
    return { ...body, ...held.fields };
  }

  /** Runs a write to the records that may fail for want of space; false (and logged) when it did. */
  private keep(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      this.logger.warn(error.message);
      return false;
    }
  }

  private finish(scope: KeyScope, reply: FastifyReply, payload: unknown): void {
    let completed = false;
    try {
      // Errors are not kept: a 4xx/5xx answer is released so the client can fix and retry.
      const text = reply.statusCode < 400 ? storableText(this.withoutSecrets(scope, answeredBody(reply, payload))) : undefined;
      if (text !== undefined) {
        // The command has run: a full disk must not turn its answer into an error. Unkept, the
        // claim stays pending, and a retry runs again, which the application recognises as a retry.
        completed = this.keep(() => this.store.complete(scope.principalId, scope.key, { status: reply.statusCode, headers: replayedHeadersOf(reply), body: text }));
      }
    } finally {
      if (!completed) this.keep(() => this.store.release(scope.principalId, scope.key));
      const id = idOf(scope);
      this.inFlight.get(id)?.settle();
      this.inFlight.delete(id);
    }
  }

  private replayOf(scope: KeyScope, response: StoredResponse): IdempotentReplayAnswer {
    const body = response.body === '' ? undefined : (JSON.parse(response.body) as unknown);
    return { status: response.status, headers: { ...response.headers, [IDEMPOTENT_REPLAY_HEADER]: 'true' }, body: this.withSecrets(scope, body) };
  }
}

/**
 * The body as the handler answered it, from what onSend is given: JSON is serialized by then
 * (serializeJson, which a parse turns back exactly), other answers are as they were.
 */
function answeredBody(reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && type.includes('json') ? (JSON.parse(payload) as unknown) : payload;
}

/** JSON text of a body we can replay; undefined for streams and binary, which are not kept. */
function storableText(body: unknown): string | undefined {
  if (body === undefined) return '';
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return undefined;
  if (typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function') return undefined;
  if (typeof body === 'object' && body !== null && typeof (body as { getStream?: unknown }).getStream === 'function') return undefined;
  return serializeJson(body);
}

function replayedHeadersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

const idOf = (scope: KeyScope): string => `${scope.principalId}\u0000${scope.key}`;

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

function requestInProgress(): ProblemException {
  return new ProblemException(409, {
    title: 'Request in progress',
    detail: 'A request with this Idempotency-Key is still being processed. Retry shortly to get its response.',
    code: 'IDEMPOTENCY.REQUEST_IN_PROGRESS',
    headers: { 'retry-after': '1' },
  });
}
