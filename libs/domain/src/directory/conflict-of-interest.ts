import { DateTime } from 'luxon';
import { type DirectoryLookup, describeOrganisationId, type PersonRecord } from './directory-lookup.js';

/** The rule as process.md states it, quoted in every refusal so the reader knows which rule and why. */
export const CONFLICT_OF_INTEREST_RULE =
  'nobody who belongs, or belonged in the last 12 months, to a party organisation, or is the Compact lead councillor of a party authority, may be appointed mediator or panelist';

/**
 * Why a person may not be appointed mediator or panelist on a case: belonging now or in the last
 * 12 months to a party organisation, or being the Compact lead councillor of a party authority.
 * Organisations are named by name and id when the directory is given.
 */
export function conflictsOfInterest(
  person: PersonRecord,
  partyIds: readonly string[],
  at: string,
  directory?: Pick<DirectoryLookup, 'organisation'>,
): string[] {
  // Worked out only for a past membership of a party: most people asked about have none, and
  // the date arithmetic was most of the cost of every appointment.
  let yearAgo: string | undefined;
  const since = () => (yearAgo ??= DateTime.fromISO(at, { zone: 'utc' }).minus({ months: 12 }).toISO() ?? at);
  const named = (id: string) => (directory ? describeOrganisationId(directory, id) : id);
  const reasons: string[] = [];
  for (const m of person.memberships) {
    if (!partyIds.includes(m.organisationId)) continue;
    if (m.to === null) reasons.push(`belongs to party organisation ${named(m.organisationId)}`);
    else if (m.to >= since()) reasons.push(`belonged to party organisation ${named(m.organisationId)} until ${m.to.slice(0, 10)}, less than 12 months ago`);
  }
  for (const org of person.compactLeadFor) {
    if (partyIds.includes(org)) reasons.push(`is the Compact lead councillor of party authority ${named(org)}`);
  }
  return reasons;
}
