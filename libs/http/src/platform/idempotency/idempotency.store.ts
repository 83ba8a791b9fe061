import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openCacheDatabase } from '#event-store';
import { isDiskFull, StorageFullError } from '#core';
import { newClaimOwner } from './claim-owner.js';

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
  | { readonly kind: 'pending'; readonly fingerprint: string; readonly claimedAt: number; readonly owner: string | null };

interface RecordRow {
  readonly fingerprint: string;
  readonly state: 'pending' | 'completed';
  readonly status: number | null;
  readonly headers: string | null;
  readonly body: string | null;
  readonly claimed_at: number;
  readonly owner: string | null;
}

/**
 * (principal, Idempotency-Key) → fingerprint and first response, in `${dataDir}/http.sqlite`.
 * A key is claimed with an INSERT before the handler runs, so two processes sharing the file
 * cannot both run it; a claim that never completes (a crash) can be taken over once stale, or at
 * once when the process that claimed it (its `owner`) is gone.
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

  constructor(
    filename: string,
    /** Written into this process's claims (see claim-owner.ts). */
    readonly owner: string = newClaimOwner(),
  ) {
    this.db = openCacheDatabase(filename);
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
        owner           TEXT,
        PRIMARY KEY (principal_id, idempotency_key)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS idempotency_records_claimed_at ON idempotency_records (claimed_at);
    `);
    // Files written before claims had an owner.
    const columns = (this.db.pragma('table_info(idempotency_records)') as { name: string }[]).map((c) => c.name);
    if (!columns.includes('owner')) this.db.exec('ALTER TABLE idempotency_records ADD COLUMN owner TEXT');
    this.insertStmt = this.db.prepare(
      `INSERT OR IGNORE INTO idempotency_records (principal_id, idempotency_key, fingerprint, state, claimed_at, owner)
       VALUES (?, ?, ?, 'pending', ?, ?)`,
    );
    this.selectStmt = this.db.prepare(
      `SELECT fingerprint, state, status, headers, body, claimed_at, owner FROM idempotency_records WHERE principal_id = ? AND idempotency_key = ?`,
    );
    this.completeStmt = this.db.prepare(
      `UPDATE idempotency_records SET state = 'completed', status = ?, headers = ?, body = ?
       WHERE principal_id = ? AND idempotency_key = ? AND state = 'pending'`,
    );
    this.releaseStmt = this.db.prepare(`DELETE FROM idempotency_records WHERE principal_id = ? AND idempotency_key = ? AND state = 'pending'`);
    this.takeOverStmt = this.db.prepare(
      `UPDATE idempotency_records SET claimed_at = ?, fingerprint = ?, owner = ?
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
    if (written(() => this.insertStmt.run(principalId, key, fingerprint, now, this.owner)).changes === 1) return { kind: 'claimed' };
    const row = this.selectStmt.get(principalId, key) as RecordRow | undefined;
    // Released between our insert and select: try again from the top.
    if (row === undefined) return this.claim(principalId, key, fingerprint, now);
    if (row.state === 'pending') return { kind: 'pending', fingerprint: row.fingerprint, claimedAt: row.claimed_at, owner: row.owner };
    return {
      kind: 'completed',
      fingerprint: row.fingerprint,
      response: { status: row.status ?? 200, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body ?? 'null' },
    };
  }

  /** Takes over a pending claim whose process died (or that went stale); false when someone else moved first. */
  takeOver(principalId: string, key: string, fingerprint: string, staleClaimedAt: number, now: number): boolean {
    return written(() => this.takeOverStmt.run(now, fingerprint, this.owner, principalId, key, staleClaimedAt)).changes === 1;
  }

  complete(principalId: string, key: string, response: StoredResponse): void {
    written(() => this.completeStmt.run(response.status, JSON.stringify(response.headers), response.body, principalId, key));
  }

  /** Forgets a claim whose request failed, so a retry with the same key runs again. */
  release(principalId: string, key: string): void {
    written(() => this.releaseStmt.run(principalId, key));
  }

  /** Deletes records claimed before the instant; returns how many. */
  prune(claimedBefore: number): number {
    return this.pruneStmt.run(claimedBefore).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A write, with a full disk in the error family's words (507: the request was not run). */
function written<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    throw new StorageFullError(
      "The disk holding the server's record of Idempotency-Keys is full: this request was not run. It can be sent again once space is freed.",
      'idempotency records',
      { cause: error },
    );
  }
}
