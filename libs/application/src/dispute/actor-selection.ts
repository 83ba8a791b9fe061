import { type Actor, COMMAND_EVENTS, type DisputeCommandName, type DisputeSnapshot, mayAttempt, ROLES, type Role } from '#domain';
import { type Principal } from '../principal.js';

/** The order a person's roles are tried in when they hold several. */
const ROLE_PRIORITY: readonly Role[] = ['partner', 'mediator', 'panelist', 'secretariat', 'chair', 'auditor', 'admin', 'system'];

export function actorsFor(p: Principal, onBehalfOf?: Actor['onBehalfOf']): Actor[] {
  return ROLE_PRIORITY.filter((r) => p.roles.includes(r) && ROLES.includes(r)).map((role) => ({
    personId: p.personId,
    role,
    organisationId: role === 'partner' ? p.organisationId : null,
    ...(onBehalfOf && role === 'secretariat' ? { onBehalfOf } : {}),
  }));
}

/**
 * A person acts in one role per command: the first of their roles under which the process lets
 * them send it now; failing that, the first that may send it at all (so the error says why);
 * failing that, their first role (a 403).
 */
export function chooseActor(
  p: Principal,
  name: DisputeCommandName,
  snapshot: DisputeSnapshot,
  at: string,
  onBehalfOf?: Actor['onBehalfOf'],
): Actor {
  const candidates = actorsFor(p, onBehalfOf);
  const permitted = candidates.filter((a) => mayAttempt(name, snapshot.context, a));
  const allowedNow = permitted.find((a) =>
    COMMAND_EVENTS[name].some((type) => snapshot.can({ type, data: {}, actor: a, at } as never)),
  );
  return allowedNow ?? permitted[0] ?? candidates[0] ?? { personId: p.personId, role: 'auditor', organisationId: null };
}
