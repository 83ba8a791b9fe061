/**
 * The small error family every layer speaks. Each error carries a stable code that clients can
 * switch on; the HTTP layer maps the class to a status in one place.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** 400: the input is malformed or breaks a rule that depends only on the input itself. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly code: string = 'VALIDATION.INVALID_INPUT',
  ) {
    super(message);
  }
}

/** 401: no credentials, or credentials we do not recognise. */
export class UnauthenticatedError extends AppError {
  readonly code = 'AUTH.UNAUTHENTICATED';
  constructor(message = 'A valid bearer token is required.') {
    super(message);
  }
}

/** 403: the caller is known but their role or membership does not allow this. */
export class ForbiddenError extends AppError {
  constructor(
    message: string,
    readonly code: string = 'AUTH.FORBIDDEN',
  ) {
    super(message);
  }
}

/** 404: unknown id, or one the caller may not see (we never reveal which). */
export class NotFoundError extends AppError {
  constructor(
    message: string,
    readonly code: string = 'RESOURCE.NOT_FOUND',
  ) {
    super(message);
  }
}

/** 409: the process does not allow this command now. Names the state and what is allowed instead. */
export class NotAllowedInStateError extends AppError {
  constructor(
    message: string,
    readonly state: string,
    readonly allowed: readonly string[],
    readonly code: string = 'DISPUTE.NOT_ALLOWED_IN_STATE',
  ) {
    super(message);
  }
}

/** 412: the caller pinned a revision (If-Match) and the stream has moved on. */
export class StaleRevisionError extends AppError {
  readonly code = 'CONCURRENCY.STALE_REVISION';
  constructor(
    message: string,
    readonly expected: bigint,
    readonly actual: bigint | null,
  ) {
    super(message);
  }
}

/** 422: an Idempotency-Key was reused with a different request. */
export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor(message = 'This Idempotency-Key was already used with a different request.') {
    super(message);
  }
}

/** 409: the process forbids this whatever the state (a conflicted appointee, an ineligible referral). */
export class RuleViolationError extends AppError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * 507: a store has no room to write (the disk holding it is full). Nothing of the request was
 * written; the same request succeeds once space is freed. `store` names which store, `reason` the
 * driver's word for it (SQLITE_FULL, ENOSPC, EDQUOT).
 */
export class StorageFullError extends AppError {
  readonly code = 'STORAGE.FULL';
  readonly reason: string;
  constructor(
    message: string,
    readonly store: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message);
    this.cause = options?.cause;
    this.reason = diskFullCode(options?.cause) ?? 'disk full';
  }
}

const DISK_FULL_CODES = ['SQLITE_FULL', 'ENOSPC', 'EDQUOT'];

/**
 * The code of a driver's error that says the disk is full (SQLite's SQLITE_FULL, the system's
 * ENOSPC or EDQUOT), or null for any other error. By code, not class: see sqlite-event-store.ts.
 */
export function diskFullCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && DISK_FULL_CODES.includes(code) ? code : null;
}

export const isDiskFull = (error: unknown): boolean => diskFullCode(error) !== null;
