import { type DirectoryEventDataMap, type Membership } from '#domain';
import { type RecordedEvent } from '#event-store';
import { type Projection } from '../projection.js';

const occurredAt = (e: RecordedEvent): string => String(e.metadata['occurredAt'] ?? e.recordedAt.toISOString());

/** Organisations and people, with membership history and token hashes, for sign-in and appointments. */
export const directoryProjection: Projection = {
  name: 'directory',
  version: 1,
  createTables(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS organisations (
      organisation_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      sector TEXT NOT NULL,
      type TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      left_at TEXT
    );
    CREATE TABLE IF NOT EXISTS people (
      person_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      organisation_id TEXT,
      roles TEXT NOT NULL,
      compact_lead_for TEXT NOT NULL,
      memberships TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      registered_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS people_by_organisation ON people (organisation_id);`);
  },
  apply(db, event) {
    switch (event.type) {
      case 'OrganisationSigned': {
        const d = event.data as unknown as DirectoryEventDataMap['OrganisationSigned'];
        db.prepare(
          'INSERT INTO organisations (organisation_id, name, sector, type, signed_at) VALUES (?, ?, ?, ?, ?)',
        ).run(d.organisationId, d.name, d.sector, d.type, occurredAt(event));
        return;
      }
      case 'OrganisationLeft': {
        const d = event.data as unknown as DirectoryEventDataMap['OrganisationLeft'];
        db.prepare('UPDATE organisations SET left_at = ? WHERE organisation_id = ?').run(occurredAt(event), d.organisationId);
        return;
      }
      case 'PersonRegistered': {
        const d = event.data as unknown as DirectoryEventDataMap['PersonRegistered'];
        const memberships: Membership[] = d.organisationId ? [{ organisationId: d.organisationId, from: occurredAt(event), to: null }] : [];
        db.prepare(
          `INSERT INTO people (person_id, name, email, organisation_id, roles, compact_lead_for, memberships, token_hash, registered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          d.personId,
          d.name,
          d.email,
          d.organisationId,
          JSON.stringify(d.roles),
          JSON.stringify(d.compactLeadFor),
          JSON.stringify(memberships),
          d.tokenHash,
          occurredAt(event),
        );
        return;
      }
      case 'RoleGranted':
      case 'RoleRevoked': {
        const d = event.data as unknown as DirectoryEventDataMap['RoleGranted'];
        const row = db.prepare('SELECT roles FROM people WHERE person_id = ?').get(d.personId) as { roles: string } | undefined;
        if (!row) throw new Error(`${event.type} for unknown person ${d.personId}`);
        const roles = new Set(JSON.parse(row.roles) as string[]);
        if (event.type === 'RoleGranted') roles.add(d.role);
        else roles.delete(d.role);
        db.prepare('UPDATE people SET roles = ? WHERE person_id = ?').run(JSON.stringify([...roles]), d.personId);
        return;
      }
      case 'MembershipChanged': {
        const d = event.data as unknown as DirectoryEventDataMap['MembershipChanged'];
        const row = db.prepare('SELECT memberships FROM people WHERE person_id = ?').get(d.personId) as
          | { memberships: string }
          | undefined;
        if (!row) throw new Error(`MembershipChanged for unknown person ${d.personId}`);
        const at = occurredAt(event);
        const memberships = (JSON.parse(row.memberships) as Membership[]).map((m) => (m.to === null ? { ...m, to: at } : m));
        if (d.organisationId) memberships.push({ organisationId: d.organisationId, from: at, to: null });
        db.prepare('UPDATE people SET organisation_id = ?, memberships = ? WHERE person_id = ?').run(
          d.organisationId,
          JSON.stringify(memberships),
          d.personId,
        );
        return;
      }
      case 'TokenIssued': {
        const d = event.data as unknown as DirectoryEventDataMap['TokenIssued'];
        db.prepare('UPDATE people SET token_hash = ? WHERE person_id = ?').run(d.tokenHash, d.personId);
        return;
      }
      default:
        return;
    }
  },
};
