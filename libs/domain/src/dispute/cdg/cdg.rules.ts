import { type Actor, organisationActedFor } from '../../shared/actor.js';
import { isLateOn } from '../clocks/clocks.rules.js';
import { type DisputeContext } from '../dispute-context.js';
import { isParty, partyIds } from '../parties.js';

/** Someone appointed to the case now, in the role they were appointed for. */
export interface Appointee {
  readonly personId: string;
  readonly role: 'mediator' | 'panelist';
}

export const panelMemberIds = (c: DisputeContext): string[] =>
  c.panel ? [c.panel.chairId, c.panel.statutoryMemberId, c.panel.vcsMemberId] : [];

/** Who is appointed to the case now: its mediator, or its panel's three members. */
export const currentAppointees = (c: DisputeContext): Appointee[] => [
  ...(c.mediatorId !== null ? [{ personId: c.mediatorId, role: 'mediator' as const }] : []),
  ...panelMemberIds(c).map((personId) => ({ personId, role: 'panelist' as const })),
];

export const currentAppointeeIds = (c: DisputeContext): string[] => currentAppointees(c).map((a) => a.personId);

export const isCaseMediator = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'mediator' && c.mediatorId !== null && c.mediatorId === actor.personId;

export const isCasePanelist = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'panelist' && panelMemberIds(c).includes(actor.personId);

export const isAppointee = (c: DisputeContext, actor: Actor): boolean => isCaseMediator(c, actor) || isCasePanelist(c, actor);

/** The chair records the route once per referral (mediation ending without agreement sets it to panel itself). */
export const mayChooseRoute = (c: DisputeContext, actor: Actor): boolean => actor.role === 'chair' && c.route === null;

/** Once a panel is appointed, its chair (a person id) must consent to a suspension as well as every party. */
export const panelChairOf = (c: DisputeContext): string | null => c.panel?.chairId ?? null;

/** The objection awaiting the chair: only one to someone still appointed (an appointee who stood down makes it moot). */
export const pendingObjection = (c: DisputeContext) => {
  const appointed = currentAppointeeIds(c);
  return c.objections.find((o) => o.status === 'pending' && appointed.includes(o.personId));
};

/** A party may object within the window after the appointment, one objection at a time. */
export const mayObject = (c: DisputeContext, actor: Actor, at: string): boolean =>
  isParty(c, actor) && c.objectionWindowEndsOn !== null && !isLateOn(at, c.objectionWindowEndsOn) && pendingObjection(c) === undefined;

export const findingsResponders = (c: DisputeContext): string[] => c.findingsResponses.map((r) => r.organisationId);

/** Each party answers the findings once. */
export const partyYetToAnswerFindings = (c: DisputeContext, actor: Actor): boolean =>
  isParty(c, actor) && !findingsResponders(c).includes(organisationActedFor(actor) ?? '');

/** After this party answers (or misses) the findings, has every party done so? */
export const completesFindingsResponses = (c: DisputeContext, organisationId: string): boolean => {
  const answered = new Set([...findingsResponders(c), organisationId]);
  return partyIds(c).every((p) => answered.has(p));
};

/** Recommendations become agreed actions when their owner accepted them (or is not a party at all). */
export const recommendationsTakenUp = (c: DisputeContext, responses: readonly { organisationId: string; response: string }[]) => {
  const parties = new Set(partyIds(c));
  const accepting = new Set(responses.filter((r) => r.response === 'accept' || r.response === 'partly-accept').map((r) => r.organisationId));
  return c.recommendations.filter((r) => !parties.has(r.ownerId) || accepting.has(r.ownerId));
};
