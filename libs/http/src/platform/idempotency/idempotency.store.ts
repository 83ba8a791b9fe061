import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The first response to a key, kept to be replayed byte for byte. */
export interface StoredResponse {
  readonly status: number;
  /** Only the headers a replay must repeat (Location, ETag), lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as JSON text, written with the platform's serializer. */
  readonly body: string;
}

export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'completed'; readonly fingerprint: string; readonly response: StoredResponse }
  | { readonly kind: 'pending'; readonly fingerprint: string; readonly claimedAt: number };

interface RecordRow {
  readonly fingerprint: string;
  readonly state: 'pending' | 'completed';
  readonly status: number | null;
  readonly headers: string | null;
  readonly body: string | null;
  readonly claimed_at: number;
}

/**
 * (principal, Idempotency-Key) → fingerprint and first response, in `${dataDir}/http.sqlite`.
 * A key is claimed with an INSERT before the handler runs, so two processes sharing the file
 * cannot both run it; a claim that never completes (a crash) can be taken over once stale.
 * synchronous=NORMAL: this is a replay cache in front of the application's own idempotent
 * writes, so losing the newest records to a power cut costs a re-run, never a double append.
 */
export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;
  private readonly selectStmt: Database.Statement;
  private readonly completeStmt: Database.Statement;
  private readonly releaseStmt: Database.Statement;
  private readonly takeOverStmt: Database.Statement;
  private readonly pruneStmt: Database.Statement;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_records (
        principal_id    TEXT    NOT NULL,
        idempotency_key TEXT    NOT NULL,
        fingerprint     TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('pending', 'completed')),
        status          INTEGER,
        headers         TEXT,
        body            TEXT,
        claimed_at      INTEGER NOT NULL,
        PRIMARY KEY (principal_id, idempotency_key)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS idempotency_records_claimed_at ON idempotency_records (claimed_at);
    `);
    this.insertStmt = this.db.prepare(
      `INSERT OR IGNORE INTO idempotency_records (principal_id, idempotency_key, fingerprint, state, claimed_at)
       VALUES (?, ?, ?, 'pending', ?)`,
    );
    this.selectStmt = this.db.prepare(
      `SELECT fingerprint, state, status, headers, body, claimed_at FROM idempotency_records WHERE principal_id = ? AND idempotency_key = ?`,
    );
    this.completeStmt = this.db.prepare(
      `UPDATE idempotency_records SET state = 'completed', status = ?, headers = ?, body = ?
       WHERE principal_id = ? AND idempotency_key = ? AND state = 'pending'`,
    );
    this.releaseStmt = this.db.prepare(`DELETE FROM idempotency_records WHERE principal_id = ? AND idempotency_key = ? AND state = 'pending'`);
    this.takeOverStmt = this.db.prepare(
      `UPDATE idempotency_records SET claimed_at = ?, fingerprint = ?
       WHERE principal_id = ? AND idempotency_key = ? AND state = 'pending' AND claimed_at = ?`,
    );
    this.pruneStmt = this.db.prepare(`DELETE FROM idempotency_records WHERE claimed_at < ?`);
  }

  static open(dataDir: string): IdempotencyStore {
    mkdirSync(dataDir, { recursive: true });
    return new IdempotencyStore(join(dataDir, 'http.sqlite'));
  }

  /** Claims the key for a new request, or says who has it: a completed response or a pending run. */
  claim(principalId: string, key: string, fingerprint: string, now: number): Claim {
    if (this.insertStmt.run(principalId, key, fingerprint, now).changes === 1) return { kind: 'claimed' };
    const row = this.selectStmt.get(principalId, key) as RecordRow | undefined;
    // Released between our insert and select: try again from the top.
    if (row === undefined) return this.claim(principalId, key, fingerprint, now);
    if (row.state === 'pending') return { kind: 'pending', fingerprint: row.fingerprint, claimedAt: row.claimed_at };
    return {
      kind: 'completed',
      fingerprint: row.fingerprint,
      response: { status: row.status ?? 200, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body ?? 'null' },
    };
  }

  /** Takes over a stale pending claim (its process died); false when someone else moved first. */
  takeOver(principalId: string, key: string, fingerprint: string, staleClaimedAt: number, now: number): boolean {
    return this.takeOverStmt.run(now, fingerprint, principalId, key, staleClaimedAt).changes === 1;
  }

  complete(principalId: string, key: string, response: StoredResponse): void {
    this.completeStmt.run(response.status, JSON.stringify(response.headers), response.body, principalId, key);
  }

  /** Forgets a claim whose request failed, so a retry with the same key runs again. */
  release(principalId: string, key: string): void {
    this.releaseStmt.run(principalId, key);
  }

  /** Deletes records claimed before the instant; returns how many. */
  prune(claimedBefore: number): number {
    return this.pruneStmt.run(claimedBefore).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
