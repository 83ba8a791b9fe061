import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openCacheDatabase } from '#event-store';
import { type SessionSettings } from '#config';

/** What a signed-in browser carries: only an id, whose hash is the key here. */
export const SESSION_FILE = 'web-sessions.sqlite';
/** Journey answers and a message for the next page: small, so a session row stays small. */
const MAX_DATA_BYTES = 64 * 1024;
/** Expired rows are swept at most this often. */
const SWEEP_EVERY_MS = 5 * 60 * 1000;

/** Journey answers (raising a dispute) and the message the next page shows, kept with the session. */
export interface SessionData {
  readonly journeys?: Readonly<Record<string, unknown>>;
  readonly flash?: string;
}

/**
 * One sign-in. `personId` is who it is; `credential` says how they proved it (a token, whose
 * fingerprint must still be the person's; later an OpenID Connect subject), so the session ends
 * when that proof is withdrawn. The session never holds the token itself.
 */
export interface PageSession {
  readonly idHash: string;
  readonly personId: string;
  readonly credential: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly data: SessionData;
}

interface SessionRow {
  readonly id_hash: string;
  readonly person_id: string;
  readonly credential: string;
  readonly csrf_token: string;
  readonly created_at: number;
  readonly last_seen_at: number;
  readonly data: string;
}

const hashOf = (sessionId: string): string => createHash('sha256').update(sessionId, 'utf8').digest('hex');
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The web pages' sessions, server-side in `${dataDir}/web-sessions.sqlite`: a stolen file yields
 * no cookie (ids are kept as SHA-256), and a session ends after `idleMinutes` without a request or
 * `absoluteHours` after sign-in, whichever comes first. Uses the real clock on purpose: CLOCK_FIXED
 * freezes business time, not how long someone stays signed in. synchronous=NORMAL: losing the
 * newest sessions to a power cut only signs people out.
 */
export class SessionStore {
  private readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;
  private readonly selectStmt: Database.Statement;
  private readonly touchStmt: Database.Statement;
  private readonly dataStmt: Database.Statement;
  private readonly deleteStmt: Database.Statement;
  private readonly sweepStmt: Database.Statement;
  private lastSweep = 0;

  constructor(
    filename: string,
    private readonly limits: SessionSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openCacheDatabase(filename);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sessions (
        id_hash      TEXT    PRIMARY KEY,
        person_id    TEXT    NOT NULL,
        credential   TEXT    NOT NULL,
        csrf_token   TEXT    NOT NULL,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        data         TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (person_id);
    `);
    this.insertStmt = this.db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.selectStmt = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
    this.touchStmt = this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
    this.dataStmt = this.db.prepare('UPDATE sessions SET data = ? WHERE id_hash = ?');
    this.deleteStmt = this.db.prepare('DELETE FROM sessions WHERE id_hash = ?');
    this.sweepStmt = this.db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
  }

  static open(dataDir: string, limits: SessionSettings): SessionStore {
    mkdirSync(dataDir, { recursive: true });
    return new SessionStore(join(dataDir, SESSION_FILE), limits);
  }

  /** Starts a session; answers the id for the cookie (shown once, kept only as its hash). */
  create(personId: string, credential: string): { readonly sessionId: string; readonly session: PageSession } {
    this.sweep();
    const sessionId = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: PageSession = { idHash: hashOf(sessionId), personId, credential, csrfToken: randomBytes(32).toString('base64url'), createdAt: at, lastSeenAt: at, data: {} };
    this.insertStmt.run(session.idHash, personId, credential, session.csrfToken, at, at, '{}');
    return { sessionId, session };
  }

  /** The live session the cookie names, marked as seen now; null (and gone) once it has expired. */
  find(sessionId: string | undefined): PageSession | null {
    if (sessionId === undefined || !SESSION_ID.test(sessionId)) return null;
    const idHash = hashOf(sessionId);
    const row = this.selectStmt.get(idHash) as SessionRow | undefined;
    if (row === undefined) return null;
    const at = this.now();
    if (this.expired(row, at)) {
      this.deleteStmt.run(idHash);
      return null;
    }
    this.touchStmt.run(at, idHash);
    return { idHash, personId: row.person_id, credential: row.credential, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: at, data: JSON.parse(row.data) as SessionData };
  }

  /** Replaces what the session carries (journey answers, the next page's message). */
  saveData(session: PageSession, data: SessionData): PageSession {
    const text = JSON.stringify(data);
    if (Buffer.byteLength(text, 'utf8') > MAX_DATA_BYTES) throw new RangeError('The session cannot carry that much: finish or cancel the form first.');
    this.dataStmt.run(text, session.idHash);
    return { ...session, data };
  }

  end(session: Pick<PageSession, 'idHash'>): void {
    this.deleteStmt.run(session.idHash);
  }

  close(): void {
    this.db.close();
  }

  private expired(row: Pick<SessionRow, 'created_at' | 'last_seen_at'>, at: number): boolean {
    return at - row.last_seen_at > this.limits.idleMinutes * 60_000 || at - row.created_at > this.limits.absoluteHours * 3_600_000;
  }

  private sweep(): void {
    const at = this.now();
    if (at - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = at;
    this.sweepStmt.run(at - this.limits.idleMinutes * 60_000, at - this.limits.absoluteHours * 3_600_000);
  }
}
