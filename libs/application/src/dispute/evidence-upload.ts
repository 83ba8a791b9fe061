import { ValidationError } from '#core';
import { type DisputeCommandMap } from '#domain';
import { sha256Hex } from '../ids.js';
import { type EvidenceUploadBody } from '../messages.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An add-evidence body with its bytes decoded and hashed, ready to decide on and, once decided, to store. */
export interface EvidenceUpload {
  /** What the decider sees: the body with `sha256` and `size` in place of the content. */
  readonly payload: DisputeCommandMap['add-evidence'];
  readonly sha256: string;
  readonly content: Buffer;
}

/**
 * Decodes and hashes the upload; nothing is written here. Only what decoding needs is checked (it
 * is base64): whether the case takes a file this size is the decider's rule (MAX_EVIDENCE_BYTES).
 */
export function readEvidenceUpload(body: EvidenceUploadBody): EvidenceUpload {
  const { contentBase64, ...rest } = body;
  if (typeof contentBase64 !== 'string' || !BASE64.test(contentBase64)) {
    throw new ValidationError('contentBase64: must be base64', [{ field: 'contentBase64', message: 'must be base64' }]);
  }
  const content = Buffer.from(contentBase64, 'base64');
  const sha256 = sha256Hex(content);
  return { payload: { ...rest, sha256, size: content.length }, sha256, content };
}
