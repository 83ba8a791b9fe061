import { type Actor, type Role } from '../shared/actor.js';
import { type DisputeContext } from './dispute-context.js';
import { currentAppointeeIds, isParty, ownsAnAction } from './dispute-rules.js';

export { currentAppointeeIds };

/**
 * Who may read what of a case, for every read path (the case, its history and replay, the list, the
 * work queue) and the write path alike. A viewer is a person with all their roles: a principal.
 */
export interface Viewer {
  readonly personId: string;
  readonly roles: readonly Role[];
  /** The organisation a partner belongs to. */
  readonly organisationId: string | null;
}

/** Roles that see every case and everything in it. */
const COMPACT_WIDE: readonly Role[] = ['secretariat', 'chair', 'auditor', 'system'];

const hasAnyRole = (v: Viewer, roles: readonly Role[]) => v.roles.some((r) => roles.includes(r));
const appointable = (v: Viewer) => hasAnyRole(v, ['mediator', 'panelist']);

/** One role of a person, as the write path acts in it, seen as a viewer. */
export const viewerOf = (actor: Actor): Viewer => ({
  personId: actor.personId,
  roles: [actor.role],
  organisationId: actor.role === 'partner' ? actor.organisationId : null,
});

/**
 * Who may see a case: the secretariat, the chair and auditors; the people of its parties and of any
 * organisation that owns one of its agreed actions; its appointees, and those who served and stood
 * down in the ordinary course. Someone removed by a declared conflict or an upheld objection loses
 * the case from that event on. Everyone else is told it does not exist (404).
 */
export function maySeeCase(c: DisputeContext, v: Viewer): boolean {
  if (c.caseId === '') return false;
  if (hasAnyRole(v, COMPACT_WIDE)) return true;
  if (v.roles.includes('partner') && v.organisationId !== null) {
    const asPartner: Actor = { personId: v.personId, role: 'partner', organisationId: v.organisationId };
    if (isParty(c, asPartner) || ownsAnAction(c, v.organisationId)) return true;
  }
  return appointable(v) && (currentAppointeeIds(c).includes(v.personId) || c.formerAppointees.includes(v.personId));
}

/**
 * CDG-only material (notes marked `cdg`) is for the secretariat, the chair, the case's current
 * appointees and auditors: never for the parties, nor for someone no longer appointed.
 */
export function maySeeCdgMaterial(c: DisputeContext, v: Viewer): boolean {
  if (hasAnyRole(v, COMPACT_WIDE)) return true;
  return appointable(v) && currentAppointeeIds(c).includes(v.personId);
}

/** Is this event CDG-only material? Its whole entry is left out of what others read. */
export const isCdgMaterial = (event: { readonly type: string; readonly data: unknown }): boolean =>
  event.type === 'NoteAdded' && (event.data as { visibility?: unknown } | null)?.visibility === 'cdg';

/** Who may add to the case file (notes, evidence): anyone who may see the case, but auditors. */
export const mayParticipate = (c: DisputeContext, actor: Actor): boolean =>
  actor.role !== 'auditor' && actor.role !== 'system' && maySeeCase(c, viewerOf(actor));
