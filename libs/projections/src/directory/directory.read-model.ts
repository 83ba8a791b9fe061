import type Database from 'better-sqlite3';
import { type OrganisationRecord, type PersonState, type RegistrationLookup, type Role } from '#domain';
import { dataVersion } from '../per-file.js';
import { statement } from '../statement-cache.js';
import { directoryFactsApplied, organisationOfRow, type OrganisationRow, personOfRow, type PersonRow } from './directory.projection.js';

/** A person with the revision of their stream (for ETag / If-Match). */
export interface DirectoryPerson extends PersonState {
  readonly revision: bigint;
}

export interface DirectoryOrganisation extends OrganisationRecord {
  readonly revision: bigint;
}

/** Whom a caller may see in the people list, already worked out from their roles and cases. */
export interface PeopleVisibility {
  /** Admin, secretariat, chair, auditor: everyone. */
  readonly all: boolean;
  /** The current members of these organisations. */
  readonly organisationIds: readonly string[];
  /** These people, whatever their organisation. */
  readonly personIds: readonly string[];
}

export interface PeopleListQuery {
  readonly visibility: PeopleVisibility;
  readonly role?: Role;
  /** Current members of this organisation. */
  readonly organisationId?: string;
  /** true: only people still active; false: only deactivated ones. */
  readonly active?: boolean;
  /** Keyset: the last row of the previous page. */
  readonly after?: { readonly name: string; readonly personId: string };
  readonly limit: number;
}

const SIGN_INS_KEPT = 10_000;

const withRevision = (row: PersonRow): DirectoryPerson => ({ ...personOfRow(row), revision: BigInt(row.revision) });

/** Synchronous reads of the directory projection: what deciders, sign-in and the people list consult. */
export class DirectoryReadModel implements RegistrationLookup {
  /** Sign-in answers by token hash, per file, valid while its stamp holds (see personByTokenHash). */
  private readonly signIns = new WeakMap<Database.Database, { readonly stamp: string; readonly people: Map<string, DirectoryPerson> }>();

  constructor(private readonly db: () => Database.Database) {}

  organisation(organisationId: string): DirectoryOrganisation | undefined {
    const row = statement(this.db(), 'SELECT * FROM organisations WHERE organisation_id = ?').get(organisationId) as OrganisationRow | undefined;
    return row ? { ...organisationOfRow(row), revision: BigInt(row.revision) } : undefined;
  }

  organisations(): OrganisationRecord[] {
    return (statement(this.db(), 'SELECT * FROM organisations ORDER BY name, organisation_id').all() as OrganisationRow[]).map(organisationOfRow);
  }

  person(personId: string): DirectoryPerson | undefined {
    const row = statement(this.db(), 'SELECT * FROM people WHERE person_id = ?').get(personId) as PersonRow | undefined;
    return row ? withRevision(row) : undefined;
  }

  /**
   * Every request asks this, so answers are kept while the directory stays as it was: no fact
   * applied through this connection, no commit by another (SQLite's data_version), the same file
   * (a rebuild swaps it). A rotated token or a deactivation is a fact, so it is seen at once.
   * Unknown tokens are not kept.
   */
  personByTokenHash(tokenHash: string): DirectoryPerson | undefined {
    const db = this.db();
    const stamp = `${directoryFactsApplied(db)}:${String(dataVersion(db))}`;
    let known = this.signIns.get(db);
    if (known?.stamp !== stamp) {
      known = { stamp, people: new Map() };
      this.signIns.set(db, known);
    }
    const kept = known.people.get(tokenHash);
    if (kept !== undefined) return kept;
    const row = statement(db, 'SELECT * FROM people WHERE token_hash = ?').get(tokenHash) as PersonRow | undefined;
    if (!row) return undefined;
    const person = withRevision(row);
    Object.freeze(person.roles);
    Object.freeze(person);
    if (known.people.size >= SIGN_INS_KEPT) known.people.delete(known.people.keys().next().value as string);
    known.people.set(tokenHash, person);
    return person;
  }

  /** SQLite's lower() folds ASCII letters only: other letters compare exactly. Registrations are rare: a scan is fine. */
  activePersonByEmail(email: string): DirectoryPerson | undefined {
    const row = statement(this.db(), 'SELECT * FROM people WHERE lower(email) = lower(?) AND deactivated_at IS NULL LIMIT 1').get(email) as PersonRow | undefined;
    return row ? withRevision(row) : undefined;
  }

  people(): DirectoryPerson[] {
    return (statement(this.db(), 'SELECT * FROM people ORDER BY name, person_id').all() as PersonRow[]).map(withRevision);
  }

  /** Up to `limit` people the caller may see, by name (ties by id), after the cursor. */
  listPeople(q: PeopleListQuery): DirectoryPerson[] {
    const params: Record<string, unknown> = { limit: q.limit };
    const where: string[] = [];
    if (!q.visibility.all) {
      // The lists go in as JSON arrays: one parameter each, however many ids.
      where.push('(p.organisation_id IN (SELECT value FROM json_each(@organisationIds)) OR p.person_id IN (SELECT value FROM json_each(@personIds)))');
      params['organisationIds'] = JSON.stringify(q.visibility.organisationIds);
      params['personIds'] = JSON.stringify(q.visibility.personIds);
    }
    if (q.role !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(p.roles) r WHERE r.value = @role)');
      params['role'] = q.role;
    }
    if (q.organisationId !== undefined) {
      where.push('p.organisation_id = @organisationId');
      params['organisationId'] = q.organisationId;
    }
    if (q.active !== undefined) where.push(q.active ? 'p.deactivated_at IS NULL' : 'p.deactivated_at IS NOT NULL');
    if (q.after !== undefined) {
      where.push('(p.name > @afterName OR (p.name = @afterName AND p.person_id > @afterId))');
      params['afterName'] = q.after.name;
      params['afterId'] = q.after.personId;
    }
    const sql = `SELECT p.* FROM people p ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.name, p.person_id LIMIT @limit`;
    return (this.db().prepare(sql).all(params) as PersonRow[]).map(withRevision);
  }
}
