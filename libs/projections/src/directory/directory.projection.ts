import type Database from 'better-sqlite3';
import {
  type DirectoryEvent,
  evolveOrganisation,
  evolvePerson,
  isDirectoryEventType,
  type Membership,
  type OrganisationRecord,
  type PersonState,
  type Role,
} from '#domain';
import { type RecordedEvent } from '#event-store';
import { type Projection } from '../projection.js';
import { statement } from '../statement-cache.js';

const occurredAt = (e: RecordedEvent): string => String(e.metadata['occurredAt'] ?? e.recordedAt.toISOString());

export interface OrganisationRow {
  organisation_id: string;
  name: string;
  sector: 'statutory' | 'vcs';
  type: string;
  signed_at: string;
  left_at: string | null;
  revision: number;
}

export interface PersonRow {
  person_id: string;
  name: string;
  email: string;
  organisation_id: string | null;
  roles: string;
  compact_lead_for: string;
  memberships: string;
  token_hash: string | null;
  registered_at: string;
  deactivated_at: string | null;
  revision: number;
}

export const organisationOfRow = (r: OrganisationRow): OrganisationRecord => ({
  organisationId: r.organisation_id,
  name: r.name,
  sector: r.sector,
  type: r.type,
  signedAt: r.signed_at,
  leftAt: r.left_at,
});

export const personOfRow = (r: PersonRow): PersonState => ({
  personId: r.person_id,
  name: r.name,
  email: r.email,
  organisationId: r.organisation_id,
  roles: JSON.parse(r.roles) as Role[],
  compactLeadFor: JSON.parse(r.compact_lead_for) as string[],
  memberships: JSON.parse(r.memberships) as Membership[],
  tokenHash: r.token_hash,
  registeredAt: r.registered_at,
  deactivatedAt: r.deactivated_at,
});

export const DIRECTORY_PROJECTION = 'directory';

const ORGANISATION_EVENTS: ReadonlySet<string> = new Set(['OrganisationSigned', 'OrganisationLeft']);

/**
 * How many directory facts were applied through each connection. Readers that keep answers (the
 * sign-in lookup) compare it, with SQLite's data_version for other processes' commits, to know
 * that nothing changed since. Counted before the commit: a batch that rolls back only costs a
 * lookup.
 */
const factsApplied = new WeakMap<Database.Database, number>();

export function directoryFactsApplied(db: Database.Database): number {
  return factsApplied.get(db) ?? 0;
}

/**
 * Organisations and people, with membership history and token hashes, for sign-in, appointments
 * and the people list. Each row is its stream folded through the domain's evolve functions (the
 * same ones the directory's write side decides on), and carries the stream's revision for ETags.
 */
export const directoryProjection: Projection = {
  name: DIRECTORY_PROJECTION,
  version: 2,
  createTables(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS organisations (
      organisation_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      sector TEXT NOT NULL,
      type TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      left_at TEXT,
      revision INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS people (
      person_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      organisation_id TEXT,
      roles TEXT NOT NULL,
      compact_lead_for TEXT NOT NULL,
      memberships TEXT NOT NULL,
      token_hash TEXT UNIQUE,
      registered_at TEXT NOT NULL,
      deactivated_at TEXT,
      revision INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS people_by_organisation ON people (organisation_id);
    CREATE INDEX IF NOT EXISTS people_by_name ON people (name, person_id);`);
  },
  accepts: (event) => isDirectoryEventType(event.type),
  apply(db, event) {
    if (!isDirectoryEventType(event.type)) return;
    factsApplied.set(db, (factsApplied.get(db) ?? 0) + 1);
    const fact = { type: event.type, data: event.data } as unknown as DirectoryEvent;
    const at = occurredAt(event);
    if (ORGANISATION_EVENTS.has(event.type)) applyToOrganisation(db, fact, at, event.revision);
    else applyToPerson(db, fact, at, event.revision);
  },
};

function applyToOrganisation(db: Database.Database, event: DirectoryEvent, at: string, revision: bigint): void {
  const { organisationId } = event.data as { organisationId: string };
  const row = statement(db, 'SELECT * FROM organisations WHERE organisation_id = ?').get(organisationId) as OrganisationRow | undefined;
  const after = evolveOrganisation(row ? organisationOfRow(row) : null, event, at);
  if (!after) return;
  statement(
    db,
    `INSERT OR REPLACE INTO organisations (organisation_id, name, sector, type, signed_at, left_at, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(after.organisationId, after.name, after.sector, after.type, after.signedAt, after.leftAt, revision);
}

function applyToPerson(db: Database.Database, event: DirectoryEvent, at: string, revision: bigint): void {
  const { personId } = event.data as { personId: string };
  const row = statement(db, 'SELECT * FROM people WHERE person_id = ?').get(personId) as PersonRow | undefined;
  const after = evolvePerson(row ? personOfRow(row) : null, event, at);
  if (!after) return;
  statement(
    db,
    `INSERT OR REPLACE INTO people
       (person_id, name, email, organisation_id, roles, compact_lead_for, memberships, token_hash, registered_at, deactivated_at, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    after.personId,
    after.name,
    after.email,
    after.organisationId,
    JSON.stringify(after.roles),
    JSON.stringify(after.compactLeadFor),
    JSON.stringify(after.memberships),
    after.tokenHash,
    after.registeredAt,
    after.deactivatedAt,
    revision,
  );
}
