/** Roles from process.md, plus `system` for facts the engine records itself (missed deadlines). */
export const ROLES = ['partner', 'secretariat', 'chair', 'mediator', 'panelist', 'auditor', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something, as which role, for which organisation. Recorded on every event. */
export interface Actor {
  readonly personId: string;
  readonly role: Role;
  /** The organisation a partner acts for; null for roles that act for the Compact itself. */
  readonly organisationId: string | null;
  /** The secretariat recording a party's step for them must say for whom and why. */
  readonly onBehalfOf?: { readonly organisationId: string; readonly reason: string };
}

export const SYSTEM_ACTOR: Actor = { personId: 'system', role: 'system', organisationId: null };

/** The organisation whose step this actor may take, if any. */
export function organisationActedFor(actor: Actor): string | null {
  if (actor.role === 'partner') return actor.organisationId;
  if (actor.role === 'secretariat' && actor.onBehalfOf) return actor.onBehalfOf.organisationId;
  return null;
}
