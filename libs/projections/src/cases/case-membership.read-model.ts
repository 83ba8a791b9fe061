import type Database from 'better-sqlite3';
import { statement } from '../statement-cache.js';

/**
 * Who meets whom through cases, from the case list's party and appointee tables (current and
 * former appointees alike, as case access keeps their view): what the people list needs to show
 * a partner the people appointed to their cases, and an appointee the parties they serve.
 */
export class CaseMembershipReadModel {
  constructor(private readonly db: () => Database.Database) {}

  /** Everyone ever appointed to a case this organisation is party to. */
  appointeesOfCasesOf(organisationId: string): string[] {
    return this.ids(
      `SELECT DISTINCT a.person_id FROM case_parties p JOIN case_appointees a ON a.case_id = p.case_id
       WHERE p.organisation_id = ? ORDER BY a.person_id`,
      organisationId,
    );
  }

  /** The party organisations of the cases this person is or was appointed to. */
  partiesOfCasesOf(personId: string): string[] {
    return this.ids(
      `SELECT DISTINCT p.organisation_id FROM case_appointees a JOIN case_parties p ON p.case_id = a.case_id
       WHERE a.person_id = ? ORDER BY p.organisation_id`,
      personId,
    );
  }

  /** The other people appointed (now or before) to the cases this person is or was appointed to. */
  fellowAppointeesOf(personId: string): string[] {
    return this.ids(
      `SELECT DISTINCT b.person_id FROM case_appointees a JOIN case_appointees b ON b.case_id = a.case_id
       WHERE a.person_id = ? AND b.person_id <> a.person_id ORDER BY b.person_id`,
      personId,
    );
  }

  private ids(sql: string, id: string): string[] {
    return statement(this.db(), sql).pluck().all(id) as string[];
  }
}
