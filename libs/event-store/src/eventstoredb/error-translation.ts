import { ErrorType, type CurrentRevision, type WrongExpectedVersionError as ClientWrongExpectedVersionError, type StreamDeletedError as ClientStreamDeletedError } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';
import { EventStoreAccessDeniedError, EventStoreUnavailableError, StreamDeletedError } from '../event-store-errors.js';

/** gRPC status codes the client can let through unconverted (e.g. while it negotiates server features). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNAVAILABLE = 14;
const GRPC_UNAUTHENTICATED = 16;

const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/** The stream's current revision as the port says it: null when it does not exist. */
export function portRevision(current: CurrentRevision): bigint | null {
  return current === 'no_stream' ? null : current;
}

export interface AppendContext {
  /** The engine's stream name (without the store's prefix). */
  readonly streamId: string;
  readonly expected: ExpectedRevision;
}

const ERROR_TYPES: ReadonlySet<string> = new Set(Object.values(ErrorType));

/**
 * The client's error type (`wrong-expected-version`, `unavailable`…), read from the error itself
 * rather than by `instanceof`, so a second copy of the client in the process (jest's per-file
 * module registries) cannot make a real error unrecognisable.
 */
export function clientErrorType(error: unknown): ErrorType | null {
  const type = (error as { type?: unknown } | null)?.type;
  return error instanceof Error && typeof type === 'string' && ERROR_TYPES.has(type) ? (type as ErrorType) : null;
}

/** True for a failure the client reports as "not now" (lost connection, timeout, no leader). */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const type = clientErrorType(error);
  if (type !== null) return UNAVAILABLE_TYPES.has(type);
  const code = (error as { code?: unknown }).code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

/**
 * The client's errors in the port's family: wrong expected version, access denied, unavailable,
 * stream deleted. Anything else (a bug, a malformed request) is passed on as it is.
 */
export function translateError(error: unknown, append?: AppendContext): unknown {
  if (!(error instanceof Error)) return error;
  switch (clientErrorType(error)) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const wrong = error as ClientWrongExpectedVersionError;
      return new WrongExpectedRevisionError(append?.streamId ?? wrong.streamName, append?.expected ?? 'any', portRevision(wrong.actualVersion));
    }
    case ErrorType.ACCESS_DENIED:
      return new EventStoreAccessDeniedError(undefined, { cause: error });
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(append?.streamId ?? (error as ClientStreamDeletedError).streamName, { cause: error });
    default:
      break;
  }
  if (isTransient(error)) return new EventStoreUnavailableError(`The event store is unavailable: ${error.message || error.name}`, { cause: error });
  const code = (error as { code?: unknown }).code;
  if (code === GRPC_PERMISSION_DENIED || code === GRPC_UNAUTHENTICATED) return new EventStoreAccessDeniedError(undefined, { cause: error });
  return error;
}
