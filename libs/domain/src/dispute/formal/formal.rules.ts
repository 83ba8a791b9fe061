import { type Actor } from '../../shared/actor.js';
import { isLateOn, openDeadline } from '../clocks/clocks.rules.js';
import { type DisputeContext } from '../dispute-context.js';
import { isComplainant, isRespondent } from '../parties.js';

/** The respondent's one-off extension: once per response clock, and only on or before its due date. */
export const respondentMayExtendResponse = (c: DisputeContext, actor: Actor, at: string): boolean => {
  const response = openDeadline(c, 'formal-response');
  return isRespondent(c, actor) && !c.responseExtensionUsed && response !== undefined && !isLateOn(at, response.dueOn);
};

/** After a respondent's missed deadline the complainant may escalate at once. */
export const complainantMayEscalateAfterDefault = (c: DisputeContext, actor: Actor): boolean =>
  isComplainant(c, actor) && c.respondentDefaulted;
