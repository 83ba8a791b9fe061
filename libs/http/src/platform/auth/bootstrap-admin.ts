import { createHash, timingSafeEqual } from 'node:crypto';
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
  if (secret === null) return false;
  return timingSafeEqual(sha256(candidate), hashOfSecret(secret));
}

/** A configured secret is hashed once: every request is compared with it. */
const secretHashes = new Map<string, Buffer>();

function hashOfSecret(secret: string): Buffer {
  let hash = secretHashes.get(secret);
  if (hash === undefined) {
    hash = sha256(secret);
    secretHashes.set(secret, hash);
  }
  return hash;
}

export const isBootstrapToken = matchesSecret;

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
