import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Ed25519 key that signs checkpoints, kept in the data directory. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI, PEM: what GET /audit/public-key serves and every checkpoint carries. */
  readonly publicKeyPem: string;
  /** `sha256:` and the hex SHA-256 of the public key's DER bytes: short enough to compare by eye. */
  readonly fingerprint: string;
}

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** The key file is readable by others than its owner: it must not sign anything. */
export class SigningKeyExposedError extends Error {
  constructor(readonly file: string, readonly mode: number) {
    super(`The audit signing key ${file} can be read by others (mode ${mode.toString(8).padStart(3, '0')}): run chmod 600 on it, or delete it to make a new one (checkpoints signed with it then no longer match the served public key).`);
    this.name = 'SigningKeyExposedError';
  }
}

/**
 * The data directory's signing key, made on first use: a fresh Ed25519 key pair whose private half
 * is written in PKCS#8 PEM, readable by its owner only (0600), and never replaced (created with
 * O_EXCL, so two processes starting at once agree on one key).
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = join(dataDir, SIGNING_KEY_FILE);
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) throw new SigningKeyExposedError(file, mode);
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} does not hold an Ed25519 key`);
  return withPublicHalf(privateKey);
}

function withPublicHalf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, publicKeyPem, fingerprint: fingerprintOf(publicKey) };
}

export function fingerprintOf(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}
