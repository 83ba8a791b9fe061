import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content, { flush: true });
    await rename(temporary, target);
  }

  async get(sha256: string): Promise<Buffer | null> {
    return readFile(this.pathOf(sha256)).catch(() => null);
  }
}
