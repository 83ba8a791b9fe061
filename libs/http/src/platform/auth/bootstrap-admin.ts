import { hash, timingSafeEqual } from 'node:crypto';
import { type Principal } from '#application';

/** Who BOOTSTRAP_ADMIN_TOKEN stands for: an admin with no person record, so a fresh install can sign its first users up. */
export const BOOTSTRAP_ADMIN: Principal = Object.freeze({
  personId: 'bootstrap-admin',
  name: 'Bootstrap administrator',
  roles: Object.freeze(['admin'] as const),
  organisationId: null,
  bootstrap: true,
});

/**
 * Compares a presented token with a configured secret (BOOTSTRAP_ADMIN_TOKEN, METRICS_TOKEN) in
 * constant time. Both are hashed first so that the comparison does not leak the secret's length either.
 */
export function matchesSecret(candidate: string, secret: string | null): boolean {
  return secret !== null && digestMatches(tokenDigest(candidate), hashOfSecret(secret));
}

export const isBootstrapToken = matchesSecret;

/**
 * The SHA-256 of a presented token, to compare with any number of configured secrets
 * (digestMatches) at the cost of one hash: the guard compares every request's token with two.
 * The bytes of its hex text: Node 20's one-shot hash() is about twice as slow when asked for a Buffer.
 */
export const tokenDigest = (token: string): Buffer => Buffer.from(hash('sha256', token, 'hex'), 'latin1');

/** A configured secret's digest (null: not configured), for digestMatches. */
export const secretDigest = (secret: string | null): Buffer | null => (secret === null ? null : hashOfSecret(secret));

/** matchesSecret, on digests already made: constant time. */
export const digestMatches = (candidate: Buffer, secret: Buffer | null): boolean => secret !== null && timingSafeEqual(candidate, secret);

/** A configured secret is hashed once: every request is compared with it. */
const secretHashes = new Map<string, Buffer>();

function hashOfSecret(secret: string): Buffer {
  let digest = secretHashes.get(secret);
  if (digest === undefined) {
    digest = tokenDigest(secret);
    secretHashes.set(secret, digest);
  }
  return digest;
}
