import { createHash } from 'node:crypto';
import { type ChainEvent } from './chain-event.js';
import { type ChainFailure, compareFailures } from './chain-failure.js';
import { eventHash, storedSeal } from './event-seal.js';
import { type LogSource } from './log-source.js';
import { diagnoseStream, type RemovedSpan } from './stream-diagnosis.js';

/** A stream's last event: its revision and hash. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/** What a checkpoint signs: where the log stood, the head of every stream, and the log hash. */
export interface LogHeads {
  /** The last position covered (0n for an empty log). */
  readonly position: bigint;
  readonly events: number;
  /** SHA-256 rolled over every event in log order (see logHashStep). */
  readonly logHash: string;
  readonly streams: ReadonlyMap<string, StreamHead>;
}

export interface VerificationProgress {
  readonly events: number;
  readonly position: bigint;
  readonly head: bigint;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  /** In log order, at most `maxFailures`. */
  readonly failures: ChainFailure[];
  /** Failures found beyond those listed. */
  readonly failuresNotListed: number;
  /** The log's heads at its end. */
  readonly heads: LogHeads;
  /** The heads as they stood at `headsAt`, when asked. */
  readonly headsAt: LogHeads | null;
}

export interface VerifyOptions {
  readonly onProgress?: (progress: VerificationProgress) => void;
  /** Also take the heads as they stood at this position (to compare with a checkpoint taken there). */
  readonly headsAt?: bigint;
  readonly maxFailures?: number;
}

/** The log hash of an empty log. */
export const EMPTY_LOG_HASH = createHash('sha256').update('', 'utf8').digest('hex');

/**
 * One step of the log hash: SHA-256 of the previous log hash, the event's position and its hash,
 * as decimal and hex text joined by newlines. So the log hash commits to every event's content,
 * its order in the log and its position.
 */
export function logHashStep(previous: string, position: bigint, hash: string): string {
  return createHash('sha256').update(`${previous}\n${position}\n${hash}`, 'utf8').digest('hex');
}

/** The hash an event's content gives (its recorded one when withheld; none when unreadable). */
export function contentHash(event: ChainEvent): string | null {
  if (event.content === 'unreadable') return null;
  if (event.content === 'withheld') return storedSeal(event.metadata).hash;
  return eventHash(event);
}

interface StreamState {
  revision: bigint;
  /** The stored hash of its last event (what the next one must chain to). */
  sealed: string | null;
  position: bigint;
  /** The hash its last event's content gives. */
  hash: string;
  /** The same at `headsAt`. */
  atRevision: bigint;
  atHash: string;
  suspect: boolean;
}

/** The log hash and event count rolled over the events up to some position. */
class Rolling {
  logHash = EMPTY_LOG_HASH;
  position = 0n;
  events = 0;

  add(position: bigint, hash: string): void {
    this.logHash = logHashStep(this.logHash, position, hash);
    this.position = position;
    this.events += 1;
  }
}

const PROGRESS_EVERY = 1_000;
const DEFAULT_MAX_FAILURES = 1_000;
/** Broken streams looked at closely per extra pass over the log (their events are held meanwhile). */
const DIAGNOSED_PER_PASS = 500;
const UNREADABLE = 'unreadable';

/**
 * Verifies every stream's chain in one pass over the log, holding a few fields per stream (never
 * the events): each event's seal must hold where it stands, chain to the stream's previous event,
 * at the next revision and a later position; with dense positions, the log must have no gaps.
 * Streams that fail are read again, alone, and diagnosed event by event (stream-diagnosis.ts), so
 * the report names exactly which event broke and how. The heads (what a checkpoint signs) come
 * from the same pass.
 */
export async function verifyLog(source: LogSource, options: VerifyOptions = {}): Promise<VerificationReport> {
  const head = await source.head();
  const streams = new Map<string, StreamState>();
  const logFailures: ChainFailure[] = [];
  const gaps: { from: bigint; to: bigint }[] = [];
  let events = 0;
  let lastPosition = 0n;
  const whole = new Rolling();
  const upToAsked = new Rolling();
  const asked = options.headsAt;

  for await (const event of source.events()) {
    events += 1;
    if (event.position <= lastPosition) {
      logFailures.push({
        kind: 'reordered',
        streamId: event.streamId,
        revision: event.revision,
        position: event.position,
        eventId: event.id,
        type: event.type,
        detail: `${event.type} at position ${event.position} comes after position ${lastPosition}: the log is out of order.`,
      });
    } else if (source.densePositions && event.position > lastPosition + 1n) {
      gaps.push({ from: lastPosition + 1n, to: event.position - 1n });
    }
    lastPosition = event.position > lastPosition ? event.position : lastPosition;

    const hash = contentHash(event) ?? UNREADABLE;
    const seal = storedSeal(event.metadata);
    let state = streams.get(event.streamId);
    const chained =
      state === undefined
        ? event.revision === 0n && seal.previousHash === null
        : event.revision === state.revision + 1n && seal.previousHash === state.sealed && event.position > state.position;
    if (state === undefined) {
      state = { revision: -1n, sealed: null, position: 0n, hash: '', atRevision: -1n, atHash: '', suspect: false };
      streams.set(event.streamId, state);
    }
    if (!chained || hash !== seal.hash) state.suspect = true;
    state.revision = event.revision;
    state.sealed = seal.hash;
    state.position = event.position;
    state.hash = hash;
    whole.add(event.position, hash);
    if (asked !== undefined && event.position <= asked) {
      state.atRevision = event.revision;
      state.atHash = hash;
      upToAsked.add(event.position, hash);
    }
    if (events % PROGRESS_EVERY === 0) options.onProgress?.({ events, position: event.position, head });
  }
  options.onProgress?.({ events, position: lastPosition, head: head > lastPosition ? head : lastPosition });

  const suspects = [...streams.entries()].filter(([, s]) => s.suspect).map(([id]) => id);
  const streamFailures: ChainFailure[] = [];
  const removed: RemovedSpan[] = [];
  for (let i = 0; i < suspects.length; i += DIAGNOSED_PER_PASS) {
    const chosen = new Set(suspects.slice(i, i + DIAGNOSED_PER_PASS));
    for (const stream of (await eventsOf(source, chosen)).values()) {
      const diagnosis = diagnoseStream(stream);
      streamFailures.push(...diagnosis.failures);
      removed.push(...diagnosis.removed);
    }
  }

  const failures = [...logFailures, ...placeGaps(gaps, removed, streamFailures)].sort(compareFailures);
  const max = options.maxFailures ?? DEFAULT_MAX_FAILURES;  const headsOf = (rolled: Rolling, pick: (s: StreamState) => StreamHead | null): LogHeads => ({
    position: rolled.position,
    events: rolled.events,
    logHash: rolled.logHash,
    streams: new Map([...streams.entries()].flatMap(([id, s]) => {
      const headOf = pick(s);
      return headOf === null ? [] : [[id, headOf] as const];
    })),
  });
  return {
    ok: failures.length === 0,
    streams: streams.size,
    events,
    failures: failures.slice(0, max),
    failuresNotListed: Math.max(0, failures.length - max),
    heads: headsOf(whole, (s) => ({ revision: s.revision, hash: s.hash })),
    headsAt: asked === undefined ? null : headsOf(upToAsked, (s) => (s.atRevision < 0n ? null : { revision: s.atRevision, hash: s.atHash })),
  };
}

/** Verifies one stream read whole (a case bundle, or `verify --case`): its failures and its head. */
export function verifyStreamEvents(events: readonly ChainEvent[]): { failures: ChainFailure[]; head: StreamHead | null } {
  const { failures } = diagnoseStream(events);
  const last = [...events].sort((a, b) => (a.revision < b.revision ? -1 : 1)).at(-1);
  return { failures, head: last === undefined ? null : { revision: last.revision, hash: contentHash(last) ?? UNREADABLE } };
}

async function eventsOf(source: LogSource, streamIds: ReadonlySet<string>): Promise<Map<string, ChainEvent[]>> {
  const found = new Map<string, ChainEvent[]>();
  for await (const event of source.events()) {
    if (!streamIds.has(event.streamId)) continue;
    const list = found.get(event.streamId) ?? [];
    list.push(event);
    found.set(event.streamId, list);
  }
  return found;
}

/**
 * Gives each removed event found in a stream the position it had, when exactly one gap of the log
 * falls between its neighbours on the chain; the gaps nobody explains are reported on their own.
 */
function placeGaps(gaps: readonly { from: bigint; to: bigint }[], removed: readonly RemovedSpan[], failures: readonly ChainFailure[]): ChainFailure[] {
  const missing = gaps.flatMap((g) => (g.to - g.from < 1_000n ? Array.from({ length: Number(g.to - g.from) + 1 }, (_, i) => g.from + BigInt(i)) : []));
  const claimed = new Set<bigint>();
  const placed = new Map<ChainFailure, ChainFailure>();
  for (const span of removed) {
    const candidates = missing.filter((p) => !claimed.has(p) && (span.after === null || p > span.after) && (span.before === null || p < span.before));
    if (candidates.length !== 1) continue;
    const position = candidates[0] as bigint;
    claimed.add(position);
    placed.set(span.failure, { ...span.failure, position, detail: span.failure.detail.replace(/ is missing:/, ` (position ${position}) is missing:`) });
  }
  const unexplained: ChainFailure[] = [];
  for (const gap of gaps) {
    const left = missing.filter((p) => p >= gap.from && p <= gap.to && !claimed.has(p));
    if (gap.to - gap.from >= 1_000n) {
      unexplained.push(gapFailure(gap.from, `Positions ${gap.from} to ${gap.to} are missing from the log: the events there were removed.`));
      continue;
    }
    for (const position of left) {
      unexplained.push(gapFailure(position, `Position ${position} is missing from the log: the event there was removed (its stream cannot be told from what is left, so it was probably the last of its stream).`));
    }
  }
  return [...failures.map((f) => placed.get(f) ?? f), ...unexplained];
}

function gapFailure(position: bigint, detail: string): ChainFailure {
  return { kind: 'removed', streamId: null, revision: null, position, eventId: null, type: null, detail };
}
