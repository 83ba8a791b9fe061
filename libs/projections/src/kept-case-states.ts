import type Database from 'better-sqlite3';
import { dataVersion, perFile } from './per-file.js';

/**
 * The case states a projection wrote in its last committed batches, so the next batch need not
 * read them back from its file. Only states of transactions that committed are kept (the runner
 * reports each outcome), and all are dropped once another connection is seen to have written the
 * file (SQLite's data_version, read once per transaction, inside it: nobody else can commit
 * while the transaction holds the write lock). Another instance on the same data directory may
 * have moved any case on; this process's own commits never change data_version.
 */
export class KeptCaseStates<T> {
  private readonly kept = new Map<string, T>();
  private written = new Map<string, T>();
  private dataVersion: unknown = null;
  private checked = false;

  constructor(
    private readonly db: Database.Database,
    private readonly limit: number,
  ) {}

  /** The state last written for the case, if the file still holds it. Call inside the batch's transaction. */
  get(caseId: string): T | undefined {
    if (!this.checked) {
      const version = dataVersion(this.db);
      if (version !== this.dataVersion) this.kept.clear();
      this.dataVersion = version;
      this.checked = true;
    }
    return this.kept.get(caseId);
  }

  /** What the batch wrote for the case: kept once the batch commits. */
  wrote(caseId: string, state: T): void {
    this.written.set(caseId, state);
  }

  committed(): void {
    for (const [caseId, state] of this.written) {
      // Most recently written last, so the oldest go first.
      this.kept.delete(caseId);
      this.kept.set(caseId, state);
    }
    while (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value as string);
    this.written = new Map();
    this.checked = false;
  }

  rolledBack(): void {
    this.written = new Map();
    this.checked = false;
  }
}

/** One KeptCaseStates per open file of a projection. */
export function keptStatesOf<T>(states: WeakMap<Database.Database, KeptCaseStates<T>>, db: Database.Database, limit: number): KeptCaseStates<T> {
  return perFile(states, db, () => new KeptCaseStates<T>(db, limit));
}
