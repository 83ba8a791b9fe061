import type Database from 'better-sqlite3';
import { type DirectoryLookup, type Membership, type OrganisationRecord, type PersonRecord, type Role } from '#domain';

interface OrganisationRow {
  organisation_id: string;
  name: string;
  sector: 'statutory' | 'vcs';
  type: string;
  signed_at: string;
  left_at: string | null;
}

interface PersonRow {
  person_id: string;
  name: string;
  email: string;
  organisation_id: string | null;
  roles: string;
  compact_lead_for: string;
  memberships: string;
}

const toOrganisation = (r: OrganisationRow): OrganisationRecord => ({
  organisationId: r.organisation_id,
  name: r.name,
  sector: r.sector,
  type: r.type,
  signedAt: r.signed_at,
  leftAt: r.left_at,
});

const toPerson = (r: PersonRow): PersonRecord => ({
  personId: r.person_id,
  name: r.name,
  email: r.email,
  organisationId: r.organisation_id,
  roles: JSON.parse(r.roles) as Role[],
  compactLeadFor: JSON.parse(r.compact_lead_for) as string[],
  memberships: JSON.parse(r.memberships) as Membership[],
});

/** Synchronous reads of the directory projection: what deciders and sign-in consult. */
export class DirectoryReadModel implements DirectoryLookup {
  constructor(private readonly db: () => Database.Database) {}

  organisation(organisationId: string): OrganisationRecord | undefined {
    const row = this.db().prepare('SELECT * FROM organisations WHERE organisation_id = ?').get(organisationId) as
      | OrganisationRow
      | undefined;
    return row ? toOrganisation(row) : undefined;
  }

  organisations(): OrganisationRecord[] {
    return (this.db().prepare('SELECT * FROM organisations ORDER BY name, organisation_id').all() as OrganisationRow[]).map(
      toOrganisation,
    );
  }

  person(personId: string): PersonRecord | undefined {
    const row = this.db().prepare('SELECT * FROM people WHERE person_id = ?').get(personId) as PersonRow | undefined;
    return row ? toPerson(row) : undefined;
  }

  personByTokenHash(tokenHash: string): PersonRecord | undefined {
    const row = this.db().prepare('SELECT * FROM people WHERE token_hash = ?').get(tokenHash) as PersonRow | undefined;
    return row ? toPerson(row) : undefined;
  }

  people(): PersonRecord[] {
    return (this.db().prepare('SELECT * FROM people ORDER BY name, person_id').all() as PersonRow[]).map(toPerson);
  }
}
