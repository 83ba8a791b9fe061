import { type Actor } from '../../shared/actor.js';
import { isAppointee } from '../cdg/cdg.rules.js';
import { maySeeCase, viewerOf } from '../case-visibility.js';
import { type DisputeContext } from '../dispute-context.js';

/** Who may add to the case file (notes, evidence): anyone who may see the case, but auditors. */
export const mayParticipate = (c: DisputeContext, actor: Actor): boolean =>
  actor.role !== 'auditor' && actor.role !== 'system' && maySeeCase(c, viewerOf(actor));

/** Lessons are the CDG's: the secretariat, the chair and the case's appointees. */
export const mayRecordLesson = (c: DisputeContext, actor: Actor): boolean =>
  c.caseId !== '' && (actor.role === 'secretariat' || actor.role === 'chair' || isAppointee(c, actor));
