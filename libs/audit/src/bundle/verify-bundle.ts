import { beyondChain, type ChainEvent, type ChainFailure, type Checkpoint, compareWithCheckpoint, readCheckpoint, type StreamHead, verifyStreamEvents } from '#event-store';
import { type FailureView, withCaseId } from '../log-audit.js';
import { CASE_BUNDLE_FORMAT } from './case-bundle.js';

export interface BundleVerification {
  readonly ok: boolean;
  readonly caseId: string;
  readonly streamId: string;
  readonly events: number;
  /** Events the bundle withholds from its reader (CDG-only material): checked through their seals. */
  readonly withheld: number;
  readonly failures: FailureView[];
  readonly head: StreamHead | null;
  /** The checkpoint the bundle carries: whose key signed it, and whether it holds. */
  readonly signature: { readonly ok: boolean; readonly fingerprint: string | null; readonly reason?: string };
  /** Compared with an earlier checkpoint of the whole log, when given. */
  readonly checkpoint: { readonly position: bigint; readonly takenAt: string; readonly fingerprint: string } | null;
}

/** A file that is not a case bundle, or whose structure is broken. */
export class BundleFormatError extends Error {
  constructor(reason: string) {
    super(`Not a readable case bundle (${CASE_BUNDLE_FORMAT}): ${reason}`);
    this.name = 'BundleFormatError';
  }
}

/**
 * Checks a case bundle on its own, offline: the stream's chain (through withheld events' seals),
 * the checkpoint it carries (signed by the server's key: `trustedFingerprint` says which key is to
 * be trusted), and, given an earlier checkpoint of the whole log, that the case's history up to
 * that checkpoint's position is the one it signed.
 */
export function verifyBundle(value: unknown, options: { readonly checkpoint?: Checkpoint; readonly trustedFingerprint?: string } = {}): BundleVerification {
  const bundle = value as { format?: unknown; caseId?: unknown; streamId?: unknown; events?: unknown; checkpoint?: unknown } | null;
  if (bundle === null || typeof bundle !== 'object' || bundle.format !== CASE_BUNDLE_FORMAT) throw new BundleFormatError(`its format is not ${CASE_BUNDLE_FORMAT}`);
  if (typeof bundle.caseId !== 'string' || typeof bundle.streamId !== 'string' || !Array.isArray(bundle.events)) throw new BundleFormatError('caseId, streamId and events are required');
  const streamId = bundle.streamId;
  const events = bundle.events.map((e, i) => chainEvent(streamId, e, i));
  const { failures, head } = verifyStreamEvents(events);
  const found: ChainFailure[] = [...failures];

  const carried = bundle.checkpoint === null || bundle.checkpoint === undefined ? null : readCheckpoint(bundle.checkpoint, options.trustedFingerprint);
  let signature: BundleVerification['signature'];
  if (carried === null) signature = { ok: false, fingerprint: null, reason: 'the bundle carries no checkpoint (its chain did not verify when it was made)' };
  else if (!carried.ok) signature = { ok: false, fingerprint: null, reason: carried.reason };
  else {
    signature = { ok: true, fingerprint: carried.checkpoint.signedBy.fingerprint };
    const signedAt = BigInt(carried.checkpoint.position);
    found.push(...beyondChain(compareWithCheckpoint(headsOf(streamId, events.filter((e) => e.position <= signedAt)), carried.checkpoint), failures));
  }

  let earlier: BundleVerification['checkpoint'] = null;
  if (options.checkpoint) {
    const cp = options.checkpoint;
    const at = BigInt(cp.position);
    earlier = { position: at, takenAt: cp.takenAt, fingerprint: cp.signedBy.fingerprint };
    const heads = headsOf(streamId, events.filter((e) => e.position <= at));
    const signed = cp.streams[streamId];
    const onlyThis: Checkpoint = { ...cp, scope: 'streams', streams: signed ? { [streamId]: signed } : {} };
    found.push(...beyondChain(compareWithCheckpoint(heads, onlyThis), failures));
    if (!signed && heads.streams.size > 0) {
      found.push({ kind: 'inserted', streamId, revision: 0n, position: null, eventId: null, type: null, detail: `${streamId} has events up to position ${at}, but the checkpoint of that position does not know the stream: they were inserted.` });
    }
  }
  return {
    ok: found.length === 0 && signature.ok,
    caseId: bundle.caseId,
    streamId,
    events: events.length,
    withheld: events.filter((e) => e.content === 'withheld').length,
    failures: found.map(withCaseId),
    head,
    signature,
    checkpoint: earlier,
  };
}

function headsOf(streamId: string, events: readonly ChainEvent[]) {
  const head = verifyStreamEvents(events).head;
  return { position: events.at(-1)?.position ?? 0n, events: events.length, logHash: '', streams: new Map(head ? [[streamId, head]] : []) };
}

function chainEvent(streamId: string, value: unknown, index: number): ChainEvent {
  const e = value as Record<string, unknown> | null;
  const decimal = (field: string): bigint => {
    const v = e?.[field];
    if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw new BundleFormatError(`event ${index + 1}: ${field} must be a decimal string`);
    return BigInt(v);
  };
  if (e === null || typeof e !== 'object') throw new BundleFormatError(`event ${index + 1} is not an object`);
  const metadata = e['metadata'];
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) throw new BundleFormatError(`event ${index + 1}: metadata must be an object`);
  const place = { streamId, position: decimal('position'), revision: decimal('revision'), metadata: metadata as ChainEvent['metadata'] };
  if (e['withheld'] === true) return { ...place, id: '', type: 'withheld', data: {}, recordedAt: new Date(0), content: 'withheld' };
  const data = e['data'];
  if (typeof e['id'] !== 'string' || typeof e['type'] !== 'string' || data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new BundleFormatError(`event ${index + 1}: id, type and data are required`);
  }
  return { ...place, id: e['id'], type: e['type'], data: data as ChainEvent['data'], recordedAt: new Date(String(e['recordedAt'])) };
}
