import { organisationActedFor, type Actor } from '../shared/actor.js';
import { type DisputeContext } from './dispute-context.js';

/*
 * Who the parties are, and whether an actor acts for one: the predicates every stage reads. An
 * actor acts for an organisation as its partner, or as the secretariat recording a step for it.
 */

export const isComplainant = (c: DisputeContext, actor: Actor): boolean =>
  c.caseId !== '' && organisationActedFor(actor) === c.complainantId;

export const isRespondent = (c: DisputeContext, actor: Actor): boolean => {
  const org = organisationActedFor(actor);
  return org !== null && c.respondentIds.includes(org);
};

export const isParty = (c: DisputeContext, actor: Actor): boolean => isComplainant(c, actor) || isRespondent(c, actor);

export const partyIds = (c: DisputeContext): string[] => [c.complainantId, ...c.respondentIds];
