import { type RecordedEvent } from '../event-store.port.js';
import { type ExportFile } from './log-export.js';
import { type VerificationProgress } from './log-verification.js';
import { type ExportVerification, verifyExport } from './verify-export.js';

/** A store that can take exported events back exactly where they were (the embedded store). */
export interface RestorableStore {
  headPosition(): Promise<bigint>;
  restore(events: readonly RecordedEvent[]): void;
}

/** The file's chain does not verify, or the store is not empty: nothing was written. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly verification: ExportVerification | null,
  ) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export interface ImportProgress extends VerificationProgress {
  readonly phase: 'verifying' | 'writing';
}

const BATCH = 1_000;

/**
 * Imports an export into an empty store: verifies the whole file first (refusing it, writing
 * nothing, when any chain or its end line does not hold), then writes every event back at its
 * position and revision with its id, data, metadata and recorded time, each sealed again where it
 * lands and required to come out with the hash it was exported with. The caller verifies the store
 * afterwards to show the same heads.
 */
export async function importLog(file: ExportFile, target: RestorableStore, onProgress?: (progress: ImportProgress) => void): Promise<{ events: number; verification: ExportVerification }> {
  if ((await target.headPosition()) !== 0n) throw new ImportRefusedError('The target store is not empty: import writes a log into an empty store only.', null);
  const verification = await verifyExport(file, { onProgress: (p) => onProgress?.({ ...p, phase: 'verifying' }) });
  if (!verification.ok) {
    const first = verification.failures[0];
    throw new ImportRefusedError(`The file's chain does not verify (${verification.failures.length + verification.failuresNotListed} failures${first ? `; first: ${first.detail}` : ''}): nothing was imported.`, verification);
  }
  const head = await file.head();
  let batch: RecordedEvent[] = [];
  let events = 0;
  for await (const event of file.events()) {
    batch.push(event);
    if (batch.length === BATCH) {
      target.restore(batch);
      events += batch.length;
      onProgress?.({ phase: 'writing', events, position: event.position, head });
      batch = [];
    }
  }
  target.restore(batch);
  events += batch.length;
  onProgress?.({ phase: 'writing', events, position: head, head });
  return { events, verification };
}
