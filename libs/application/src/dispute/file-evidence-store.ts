import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDiskFull, StorageFullError } from '#core';
import { type EvidenceStore } from './evidence-store.js';

/** Content-addressed files under `${dataDir}/evidence/ab/abcdef…`; written via a temporary name so a crash leaves no half file. */
export class FileEvidenceStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, content: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) return;
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      await writeFile(temporary, content, { flush: true });
      await rename(temporary, target);
    } catch (error) {
      // A half-written file on a full disk only takes the space that is needed to recover.
      await rm(temporary, { force: true });
      if (!isDiskFull(error)) throw error;
      throw new StorageFullError('The disk holding evidence files is full: the evidence was not stored and nothing was recorded. It can be sent again once space is freed.', 'evidence files', { cause: error });
    }
  }

  async get(sha256: string): Promise<Buffer | null> {
    return readFile(this.pathOf(sha256)).catch(() => null);
  }
}
