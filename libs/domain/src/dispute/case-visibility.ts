import { type Actor, type Role } from '../shared/actor.js';
import { currentAppointeeIds } from './cdg/cdg.rules.js';
import { type DisputeContext } from './dispute-context.js';
import { partyIds } from './parties.js';

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
 * Whom a case is shown to besides the Compact-wide roles: the people of its parties and of any
 * organisation that owns one of its agreed actions (a party or a body a recommendation named), and
 * its appointees, current and former (those who stood down in the ordinary course). Someone removed
 * by a declared conflict or an upheld objection is neither, from that event on.
 */
export interface CaseAudience {
  readonly organisationIds: readonly string[];
  readonly personIds: readonly string[];
}

export function caseAudience(c: DisputeContext): CaseAudience {
  return {
    organisationIds: [...new Set([...partyIds(c), ...c.actions.map((a) => a.ownerId)])],
    personIds: [...new Set([...currentAppointeeIds(c), ...c.formerAppointees])],
  };
}

/** What a viewer is matched against a case's audience by: every case for the Compact-wide roles. */
export interface ViewerKeys {
  readonly all: boolean;
  /** Their organisation, as a partner. */
  readonly organisationIds: readonly string[];
  /** Themselves, as a mediator or panelist. */
  readonly personIds: readonly string[];
}

export function viewerKeys(v: Viewer): ViewerKeys {
  return {
    all: hasAnyRole(v, COMPACT_WIDE),
    organisationIds: v.roles.includes('partner') && v.organisationId !== null ? [v.organisationId] : [],
    personIds: appointable(v) ? [v.personId] : [],
  };
}

/** Does a case shown to `audience` show itself to a viewer with these keys? The list's SQL asks the same of its rows. */
export const audienceIncludes = (audience: CaseAudience, keys: ViewerKeys): boolean =>
  keys.all ||
  keys.organisationIds.some((id) => audience.organisationIds.includes(id)) ||
  keys.personIds.some((id) => audience.personIds.includes(id));

/**
 * Who may see a case: the secretariat, the chair and auditors; everyone in its audience
 * (`caseAudience`). Everyone else is told it does not exist (404).
 */
export function maySeeCase(c: DisputeContext, v: Viewer): boolean {
  return c.caseId !== '' && audienceIncludes(caseAudience(c), viewerKeys(v));
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
