import { HttpException } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus our stable `code` and any extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Stable, dotted, upper-case: what clients switch on (`DISPUTE.NOT_ALLOWED_IN_STATE`). */
  readonly code: string;
  /** The request path the problem occurred on. */
  readonly instance?: string;
  readonly correlationId?: string;
  readonly [extension: string]: unknown;
}

/** The `type` URI of a code: one stable name per code, not a link (nothing is served there). */
export const problemTypeOf = (code: string): string => `urn:problem:compact-disputes:${code.toLowerCase().replaceAll('_', '-')}`;

export interface ProblemInit {
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  /** Extension members added to the body (e.g. `retryAfterSeconds`, `checks`). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong with the problem (e.g. Retry-After). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An HTTP-level problem that is not part of the domain's error family (rate limits, a duplicate
 * request still running, readiness). The problem filter answers it as it is.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly problem: ProblemInit,
  ) {
    super(problem.detail, status);
  }
}
