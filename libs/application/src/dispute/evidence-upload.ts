import { ValidationError } from '#core';
import { MAX_EVIDENCE_BYTES } from '#domain';
import { sha256Hex } from '../ids.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An add-evidence body with its bytes decoded and hashed, ready to decide on and, once decided, to store. */
export interface EvidenceUpload {
  /** What the decider sees: the body with `sha256` and `size` in place of the content. */
  readonly payload: Record<string, unknown>;
  readonly sha256: string;
  readonly content: Buffer;
}

/** Decodes and checks the upload once (base64, 10 MB); nothing is written here. */
export function readEvidenceUpload(body: Record<string, unknown>): EvidenceUpload {
  const { contentBase64, ...rest } = body;
  if (typeof contentBase64 !== 'string' || !BASE64.test(contentBase64)) {
    throw new ValidationError('contentBase64: must be base64', [{ field: 'contentBase64', message: 'must be base64' }]);
  }
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length > MAX_EVIDENCE_BYTES) {
    throw new ValidationError('contentBase64: at most 10 MB', [{ field: 'contentBase64', message: 'must be at most 10 MB' }]);
  }
  const sha256 = sha256Hex(content);
  return { payload: { ...rest, sha256, size: content.length }, sha256, content };
}
