import { DateTime } from 'luxon';
import { type PersonRecord } from './directory-lookup.js';

/**
 * Why a person may not be appointed mediator or panelist on a case: belonging now or in the last
 * 12 months to a party organisation, or being the Compact lead councillor of a party authority.
 */
export function conflictsOfInterest(person: PersonRecord, partyIds: readonly string[], at: string): string[] {
  const yearAgo = DateTime.fromISO(at, { zone: 'utc' }).minus({ months: 12 }).toISO() ?? at;
  const reasons: string[] = [];
  for (const m of person.memberships) {
    if (!partyIds.includes(m.organisationId)) continue;
    if (m.to === null) reasons.push(`belongs to party organisation ${m.organisationId}`);
    else if (m.to >= yearAgo) reasons.push(`belonged to party organisation ${m.organisationId} until ${m.to.slice(0, 10)}`);
  }
  for (const org of person.compactLeadFor) {
    if (partyIds.includes(org)) reasons.push(`is the Compact lead councillor of party authority ${org}`);
  }
  return reasons;
}
