/** Evidence bytes, stored once by SHA-256 so that identical uploads share one copy and nothing is overwritten. */
export interface EvidenceStore {
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
}

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');
