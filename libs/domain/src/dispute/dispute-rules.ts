import { organisationActedFor, type Actor } from '../shared/actor.js';
import { londonDateOf } from '../calendar/index.js';
import { type AgreedAction, type DisputeContext, type StepName, stageOfStep } from './dispute-context.js';
import { type Outcome, type Stage } from './vocabulary.js';

/**
 * Plain predicates over the case, shared by the machine's guards and the deciders.
 * They read only the case, the actor and the event's time, never the clock.
 */
export const isComplainant = (c: DisputeContext, actor: Actor): boolean =>
  c.caseId !== '' && organisationActedFor(actor) === c.complainantId;

export const isRespondent = (c: DisputeContext, actor: Actor): boolean => {
  const org = organisationActedFor(actor);
  return org !== null && c.respondentIds.includes(org);
};

export const isParty = (c: DisputeContext, actor: Actor): boolean => isComplainant(c, actor) || isRespondent(c, actor);

export const partyIds = (c: DisputeContext): string[] => [c.complainantId, ...c.respondentIds];

export const isCaseMediator = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'mediator' && c.mediatorId !== null && c.mediatorId === actor.personId;

export const panelMemberIds = (c: DisputeContext): string[] =>
  c.panel ? [c.panel.chairId, c.panel.statutoryMemberId, c.panel.vcsMemberId] : [];

export const isCasePanelist = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'panelist' && panelMemberIds(c).includes(actor.personId);

export const isAppointee = (c: DisputeContext, actor: Actor): boolean => isCaseMediator(c, actor) || isCasePanelist(c, actor);

/** Who is appointed to the case now: its mediator, or its panel's three members. */
export const currentAppointeeIds = (c: DisputeContext): string[] => [...(c.mediatorId !== null ? [c.mediatorId] : []), ...panelMemberIds(c)];

/** The chair records the route once per referral (mediation ending without agreement sets it to panel itself). */
export const mayChooseRoute = (c: DisputeContext, actor: Actor): boolean => actor.role === 'chair' && c.route === null;

/** Once a panel is appointed, suspension needs its chair's consent as well as every party's. */
export const suspensionNeedsPanelChair = (c: DisputeContext): string | null => c.panel?.chairId ?? null;

export const mayRecordLesson = (c: DisputeContext, actor: Actor): boolean =>
  c.caseId !== '' && (actor.role === 'secretariat' || actor.role === 'chair' || isAppointee(c, actor));

export const isLateOn = (at: string, dueOn: string): boolean => londonDateOf(at) > dueOn;

export const openDeadline = (c: DisputeContext, step: string) =>
  c.deadlines.find((d) => d.step === step && d.status === 'open');

export const respondentMayExtendResponse = (c: DisputeContext, actor: Actor, at: string): boolean => {
  const response = openDeadline(c, 'formal-response');
  return isRespondent(c, actor) && !c.responseExtensionUsed && response !== undefined && !isLateOn(at, response.dueOn);
};

/** The objection awaiting the chair: only one to someone still appointed (an appointee who stood down makes it moot). */
export const pendingObjection = (c: DisputeContext) => {
  const appointed = currentAppointeeIds(c);
  return c.objections.find((o) => o.status === 'pending' && appointed.includes(o.personId));
};

export const mayObject = (c: DisputeContext, actor: Actor, at: string): boolean =>
  isParty(c, actor) &&
  c.objectionWindowEndsOn !== null &&
  !isLateOn(at, c.objectionWindowEndsOn) &&
  pendingObjection(c) === undefined;

export const openActions = (c: DisputeContext): AgreedAction[] => c.actions.filter((a) => a.status === 'open');

export const ownsOpenAction = (c: DisputeContext, actor: Actor, actionId?: string): boolean => {
  const org = organisationActedFor(actor);
  return openActions(c).some((a) => a.ownerId === org && (actionId === undefined || a.actionId === actionId));
};

/** The organisation owns one of the case's agreed actions, whatever its status (a party or not). */
export const ownsAnAction = (c: DisputeContext, organisationId: string | null): boolean =>
  organisationId !== null && c.actions.some((a) => a.ownerId === organisationId);

/**
 * Who may ever complete actions on the case (403 otherwise): the secretariat, an organisation that
 * owns one of its actions (a party or a body a recommendation named), and a party while none is
 * agreed yet (that is "not now", a 409).
 */
export const mayCompleteActions = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'secretariat' || ownsAnAction(c, organisationActedFor(actor)) || (isParty(c, actor) && c.actions.length === 0);

/** Completing a named action: its owner or the secretariat (an action the case does not have is the decider's 400). */
export const mayCompleteNamedAction = (c: DisputeContext, actor: Actor, actionId: string): boolean => {
  const action = c.actions.find((a) => a.actionId === actionId);
  return action === undefined || actor.role === 'secretariat' || action.ownerId === organisationActedFor(actor);
};

/** Ids of the actions still open: those a closure or a reopening leaves unfinished. */
export const unfinishedActionIds = (c: DisputeContext): string[] => openActions(c).map((a) => a.actionId);

/** Settling this action leaves no open action behind. */
export const isLastOpenAction = (c: DisputeContext, actionId: string): boolean => {
  const open = openActions(c);
  return open.length === 1 && open[0]?.actionId === actionId;
};

export const outcomeOfResolution = (step: StepName | null): Outcome => {
  if (step === 'cdg.mediation') return 'resolved-by-mediation';
  return step !== null && stageOfStep(step) === 1 ? 'resolved-informally' : 'resolved-formally';
};

export const findingsResponders = (c: DisputeContext): string[] => c.findingsResponses.map((r) => r.organisationId);

/** After this party answers (or misses) the findings, has every party done so? */
export const completesFindingsResponses = (c: DisputeContext, organisationId: string): boolean => {
  const answered = new Set([...findingsResponders(c), organisationId]);
  return partyIds(c).every((p) => answered.has(p));
};

/** Recommendations become agreed actions when their owner accepted them (or is not a party at all). */
export const recommendationsTakenUp = (
  c: DisputeContext,
  responses: readonly { organisationId: string; response: string }[],
) => {
  const parties = new Set(partyIds(c));
  const accepting = new Set(
    responses.filter((r) => r.response === 'accept' || r.response === 'partly-accept').map((r) => r.organisationId),
  );
  return c.recommendations.filter((r) => !parties.has(r.ownerId) || accepting.has(r.ownerId));
};

export const closedStage = (c: DisputeContext, outcome: Outcome): Stage | null =>
  outcome === 'referred-externally' ? 4 : c.step === null ? null : stageOfStep(c.step);

/** Where a granted reopening takes the case: the stage it closed in, stage 3 for undelivered actions. */
export const reopeningTarget = (c: DisputeContext, grounds: string): StepName => {
  // A case carrying out actions has not closed: the only way back is stage 3 (the machine takes it there).
  if (grounds === 'action-not-delivered' || c.outcome === null) return 'cdg.triage';
  const stage = c.closedInStage ?? (c.step ? stageOfStep(c.step) : 3);
  if (stage === 1) return 'informal.inDiscussion';
  if (stage === 2) return 'formal.awaitingResponse';
  return 'cdg.triage';
};

export const mayRequestReopening = (c: DisputeContext, actor: Actor, at: string, closed: boolean): boolean => {
  if (!isParty(c, actor) || c.reopening !== null) return false;
  const today = londonDateOf(at);
  if (closed) {
    if (c.outcome === 'referred-externally') return false;
    if (c.reopenableUntil !== null && today <= c.reopenableUntil) return true;
  }
  return c.actions.some((a) => a.status === 'missed' && a.reopenableUntil !== null && today <= a.reopenableUntil);
};

export const mayReferExternallyWhenClosed = (c: DisputeContext, actor: Actor): boolean =>
  isComplainant(c, actor) &&
  c.external === null &&
  c.outcome !== null &&
  c.outcome !== 'withdrawn' &&
  (c.closedInStage ?? 0) >= 2;
