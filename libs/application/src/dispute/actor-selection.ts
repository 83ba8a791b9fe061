import { ForbiddenError, ValidationError } from '#core';
import { type Actor, type DisputeCommandName, type DisputeSnapshot, machineAllows, mayAttempt, partyIds, ROLES, type Role } from '#domain';
import { hasRole, type Principal } from '../principal.js';

/** The order a person's roles are tried in when they hold several. */
const ROLE_PRIORITY: readonly Role[] = ['partner', 'mediator', 'panelist', 'secretariat', 'chair', 'auditor', 'admin', 'system'];

export function actorsFor(p: Principal): Actor[] {
  return ROLE_PRIORITY.filter((r) => p.roles.includes(r) && ROLES.includes(r)).map((role) => ({
    personId: p.personId,
    role,
    organisationId: role === 'partner' ? p.organisationId : null,
  }));
}

/**
 * A person acts in one role per command: the first of their roles under which the process lets
 * them send it now; failing that, the first that may send it at all (so the error says why);
 * failing that, their first role (a 403). A step recorded on behalf of a party is the
 * secretariat's, whatever other roles the person holds.
 */
export function chooseActor(
  p: Principal,
  name: DisputeCommandName,
  snapshot: DisputeSnapshot,
  at: string,
  onBehalfOf?: Actor['onBehalfOf'],
): Actor {
  if (onBehalfOf !== undefined) return actorOnBehalfOf(p, name, snapshot, onBehalfOf);
  const candidates = actorsFor(p);
  const permitted = candidates.filter((a) => mayAttempt(name, snapshot.context, a));
  const allowedNow = permitted.find((a) => machineAllows(snapshot, name, a, at));
  return allowedNow ?? permitted[0] ?? candidates[0] ?? { personId: p.personId, role: 'auditor', organisationId: null };
}

/**
 * The secretariat records a party's step for it, saying why (process.md, Roles). Refused, on every
 * path into the write side, when anyone else asks (403), and when the organisation named is not a
 * party of the case (400: the request names something that cannot be acted for here, whoever
 * sends it and whatever the state). Raising a dispute for an organisation makes it the complainant.
 */
function actorOnBehalfOf(p: Principal, name: DisputeCommandName, snapshot: DisputeSnapshot, onBehalfOf: NonNullable<Actor['onBehalfOf']>): Actor {
  if (!hasRole(p, 'secretariat')) throw new ForbiddenError('Only the secretariat records a step on behalf of a party.', 'AUTH.ON_BEHALF_NOT_ALLOWED');
  const organisationId = onBehalfOf.organisationId.trim();
  const reason = onBehalfOf.reason.trim();
  if (reason === '') {
    throw new ValidationError('A step recorded on behalf of a party must say why.', [{ field: 'onBehalfOf.reason', message: 'must say why the secretariat records the step' }], 'VALIDATION.ON_BEHALF_OF');
  }
  if (name !== 'raise' && !partyIds(snapshot.context).includes(organisationId)) {
    throw new ValidationError(
      `${organisationId} is not a party of this case: the secretariat records steps on behalf of its complainant or a respondent only.`,
      [{ field: 'onBehalfOf.organisationId', message: 'must name the complainant or a respondent of this case' }],
      'VALIDATION.ON_BEHALF_OF_NOT_A_PARTY',
    );
  }
  return { personId: p.personId, role: 'secretariat', organisationId: null, onBehalfOf: { organisationId, reason } };
}
