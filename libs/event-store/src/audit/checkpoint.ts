import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { type ChainFailure } from './chain-failure.js';
import { type LogHeads } from './log-verification.js';
import { fingerprintOf, type SigningKey } from './signing-key.js';

export const CHECKPOINT_FORMAT = 'compact-disputes/checkpoint@1';

/**
 * A signed statement of where the log stood: the head (last revision and hash) of every stream, the
 * log hash at a position, and when. An auditor keeps it; later, an exported log (or the store
 * itself) is checked against it offline, and a history rewritten and sealed again from scratch no
 * longer gives the heads it signed. `scope: 'streams'` covers only the streams it lists (a case
 * bundle's), with no log hash.
 */
export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly scope: 'log' | 'streams';
  /** The last position covered, as decimal text. */
  readonly position: string;
  readonly events: number;
  readonly logHash: string | null;
  readonly streams: Readonly<Record<string, { readonly revision: string; readonly hash: string }>>;
  readonly takenAt: string;
  readonly signedBy: { readonly algorithm: 'Ed25519'; readonly publicKey: string; readonly fingerprint: string };
  /** Ed25519 over the RFC 8785 text of everything above, base64. */
  readonly signature: string;
}

const signedText = (checkpoint: Omit<Checkpoint, 'signature'>): Buffer => Buffer.from(canonicalJson(checkpoint), 'utf8');

/** Signs the heads (of the whole log, or only of the streams named). */
export function signCheckpoint(heads: LogHeads, key: SigningKey, takenAt: string, only?: readonly string[]): Checkpoint {
  const chosen = only === undefined ? [...heads.streams.entries()] : only.flatMap((id) => (heads.streams.has(id) ? [[id, heads.streams.get(id)!] as const] : []));
  const body: Omit<Checkpoint, 'signature'> = {
    format: CHECKPOINT_FORMAT,
    scope: only === undefined ? 'log' : 'streams',
    position: heads.position.toString(),
    events: only === undefined ? heads.events : 0,
    logHash: only === undefined ? heads.logHash : null,
    streams: Object.fromEntries(chosen.sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, head]) => [id, { revision: head.revision.toString(), hash: head.hash }])),
    takenAt,
    signedBy: { algorithm: 'Ed25519', publicKey: key.publicKeyPem, fingerprint: key.fingerprint },
  };
  return { ...body, signature: sign(null, signedText(body), key.privateKey).toString('base64') };
}

export type CheckpointReading = { readonly ok: true; readonly checkpoint: Checkpoint } | { readonly ok: false; readonly reason: string };

/**
 * Reads a checkpoint and checks its signature with the key it names; with `trustedFingerprint`,
 * that key must be the one trusted (the fingerprint /audit/public-key gave). A checkpoint that
 * fails is not to be compared with.
 */
export function readCheckpoint(value: unknown, trustedFingerprint?: string): CheckpointReading {
  const c = value as Checkpoint | null;
  if (c === null || typeof c !== 'object' || c.format !== CHECKPOINT_FORMAT) return { ok: false, reason: `not a checkpoint (format ${CHECKPOINT_FORMAT})` };
  if (typeof c.signature !== 'string' || typeof c.signedBy?.publicKey !== 'string') return { ok: false, reason: 'it carries no signature' };
  if (!/^\d+$/.test(String(c.position)) || typeof c.streams !== 'object' || c.streams === null) return { ok: false, reason: 'its position or streams are not readable' };
  let fingerprint: string;
  let valid: boolean;
  try {
    const publicKey = createPublicKey(c.signedBy.publicKey);
    fingerprint = fingerprintOf(publicKey);
    const { signature, ...body } = c;
    valid = verify(null, signedText(body), publicKey, Buffer.from(signature, 'base64'));
  } catch (error) {
    return { ok: false, reason: `its key or signature cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  if (fingerprint !== c.signedBy.fingerprint) return { ok: false, reason: `the key it carries is ${fingerprint}, not the ${c.signedBy.fingerprint} it names` };
  if (!valid) return { ok: false, reason: 'its signature does not match its contents: it was changed after it was signed' };
  if (trustedFingerprint !== undefined && fingerprint !== trustedFingerprint.trim()) {
    return { ok: false, reason: `it was signed by ${fingerprint}, not by the trusted key ${trustedFingerprint.trim()}` };
  }
  return { ok: true, checkpoint: c };
}

/**
 * What differs between the log's heads at the checkpoint's position and the heads it signed: a
 * stream shorter than it was (events removed), longer (inserted before the checkpoint), or at the
 * same revision with another hash (its history up to then was rewritten, even if sealed again from
 * scratch so that its own chain holds); a stream it did not know, or the log hash.
 */
export function compareWithCheckpoint(heads: LogHeads, checkpoint: Checkpoint): ChainFailure[] {
  const failures: ChainFailure[] = [];
  const at = checkpoint.position;
  const fail = (kind: ChainFailure['kind'], streamId: string | null, revision: bigint | null, detail: string) =>
    failures.push({ kind, streamId, revision, position: null, eventId: null, type: null, detail });
  for (const [streamId, signed] of Object.entries(checkpoint.streams)) {
    const mine = heads.streams.get(streamId);
    const revision = BigInt(signed.revision);
    if (mine === undefined) fail('removed', streamId, revision, `${streamId} had ${revision + 1n} events at the checkpoint of position ${at}; none of them is here.`);
    else if (mine.revision < revision) fail('removed', streamId, mine.revision + 1n, `${streamId} ended at revision ${revision} at the checkpoint of position ${at}; here it ends at ${mine.revision}: events were removed.`);
    else if (mine.revision > revision) fail('inserted', streamId, revision + 1n, `${streamId} ended at revision ${revision} at the checkpoint of position ${at}; here it reaches ${mine.revision} by then: events were inserted.`);
    else if (mine.hash !== signed.hash) fail('changed', streamId, revision, `The history of ${streamId} up to revision ${revision} is not the one the checkpoint of position ${at} signed: it was rewritten (and sealed again) since.`);
  }
  if (checkpoint.scope === 'log') {
    for (const [streamId, mine] of heads.streams) {
      if (!(streamId in checkpoint.streams)) fail('inserted', streamId, 0n, `${streamId} (${mine.revision + 1n} events by position ${at}) was not in the log when the checkpoint of position ${at} was signed: it was inserted.`);
    }
    if (failures.length === 0 && (heads.logHash !== checkpoint.logHash || heads.events !== checkpoint.events)) {
      fail('reordered', null, null, `Every stream ends as the checkpoint of position ${at} signed, but the log up to there is not the one it signed (${heads.events} events here, ${checkpoint.events} then): events were moved in the log.`);
    }
  }
  return failures;
}
