import { type Actor, organisationActedFor } from '../../shared/actor.js';
import { stageOfStep, type DisputeContext, type StepName } from '../dispute-context.js';
import { isParty } from '../parties.js';
import { type Outcome } from '../vocabulary.js';
import { type AgreedAction } from './actions.context.js';

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

/** The outcome a resolution agreed in this step closes with. */
export const outcomeOfResolution = (step: StepName | null): Outcome => {
  if (step === 'cdg.mediation') return 'resolved-by-mediation';
  return step !== null && stageOfStep(step) === 1 ? 'resolved-informally' : 'resolved-formally';
};
