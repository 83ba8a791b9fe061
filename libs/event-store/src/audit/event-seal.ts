import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { type JsonObject } from '#core';

/**
 * The audit seal every stored event's metadata carries: `hash`, the SHA-256 (lowercase hex) of the
 * event's canonical form, and `previousHash`, the hash of the event before it in its stream (null
 * at revision 0). `previousHash` is part of the metadata the hash covers, so each event commits to
 * its stream's whole history before it: a hash chain per stream.
 *
 * The canonical form is RFC 8785 (JSON Canonicalization Scheme) of
 * `{ stream, revision, type, data, metadata }`, where `revision` is the decimal string of the stream
 * revision and `metadata` is everything stored but `hash`. It is computed over the JSON values as
 * they are stored: never upcast, never decrypted. JSON text and its canonical form carry the same
 * value, so the hash is the same whichever store holds the event (SQLite's text columns,
 * KurrentDB's bytes, an export file) and whatever key order or spacing a writer used; and once
 * personal fields are stored encrypted (crypto-shredding, ROADMAP), the hash covers the ciphertext
 * as stored, so deleting a person's key changes no stored value and breaks no seal.
 */
export const HASH_FIELD = 'hash';
export const PREVIOUS_HASH_FIELD = 'previousHash';

/** What the seal covers: where the event stands, and what it says. */
export interface SealedContent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface StoredSeal {
  /** null when the metadata carries no hash (or not a string). */
  readonly hash: string | null;
  /** null at revision 0; undefined when the metadata carries none at all. */
  readonly previousHash: string | null | undefined;
}


/** The metadata as the hash covers it: everything but `hash`. */
export function metadataWithoutHash(metadata: JsonObject): JsonObject {
  if (!(HASH_FIELD in metadata)) return metadata;
  const { [HASH_FIELD]: _hash, ...rest } = metadata;
  return rest;
}

/** RFC 8785 text of the event's canonical form. */
export function canonicalForm(event: SealedContent): string {
  return canonicalJson({
    stream: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: metadataWithoutHash(event.metadata),
  });
}

/** SHA-256 of the canonical form, over the metadata as it is (its `previousHash` included). */
export function eventHash(event: SealedContent): string {
  return createHash('sha256').update(canonicalForm(event), 'utf8').digest('hex');
}

/**
 * The metadata to store: the given metadata without any seal it came with (a copied or imported
 * event is sealed again where it now stands), chained to `previousHash`, with its hash.
 */
export function sealedMetadata(event: SealedContent, previousHash: string | null): JsonObject {
  const { [HASH_FIELD]: _hash, [PREVIOUS_HASH_FIELD]: _previous, ...rest } = event.metadata;
  const chained: JsonObject = { ...rest, [PREVIOUS_HASH_FIELD]: previousHash };
  return { ...chained, [HASH_FIELD]: eventHash({ ...event, metadata: chained }) };
}

/**
 * The metadata of a batch appended to a stream from `firstRevision` on, after an event sealed
 * `previousHash` (null for a new stream): each event chained to the one before it. Both adapters
 * call this in their append path, with the stream's last stored seal read at the moment of the
 * append (SQLite: in the append's transaction; KurrentDB: just before an append at that exact
 * revision).
 */
export function sealBatch(
  streamId: string,
  firstRevision: bigint,
  previousHash: string | null,
  events: readonly { readonly type: string; readonly data: JsonObject; readonly metadata: JsonObject }[],
): JsonObject[] {
  let previous = previousHash;
  return events.map((event, i) => {
    const metadata = sealedMetadata({ streamId, revision: firstRevision + BigInt(i), type: event.type, data: event.data, metadata: event.metadata }, previous);
    previous = metadata[HASH_FIELD] as string;
    return metadata;
  });
}

/** The seal as stored in an event's metadata. */
export function storedSeal(metadata: JsonObject): StoredSeal {
  const hash = metadata[HASH_FIELD];
  const previous = metadata[PREVIOUS_HASH_FIELD];
  return {
    hash: typeof hash === 'string' ? hash : null,
    previousHash: previous === undefined ? undefined : typeof previous === 'string' ? previous : null,
  };
}

/** True when the stored seal is what the event's content hashes to where it stands. */
export function sealHolds(event: SealedContent): boolean {
  const { hash } = storedSeal(event.metadata);
  return hash !== null && hash === eventHash(event);
}
