import { londonDateOf } from '../../calendar/index.js';
import { type Actor } from '../../shared/actor.js';
import { type DisputeContext, type StepName } from '../dispute-context.js';
import { isParty } from '../parties.js';
import { type DeadlineStep } from './deadline-rules.js';

/** A step taken at `at` is late when London's date then is after the day it was due (a due date ends at 23:59). */
export const isLateOn = (at: string, dueOn: string): boolean => londonDateOf(at) > dueOn;

export const openDeadline = (c: DisputeContext, step: string) => c.deadlines.find((d) => d.step === step && d.status === 'open');

/** The clock that belongs to each step: the one `extend-deadline` moves. */
export const STEP_DEADLINE: Readonly<Record<StepName, DeadlineStep>> = {
  'informal.awaitingAcknowledgement': 'acknowledgement',
  'informal.inDiscussion': 'informal-resolution',
  'formal.awaitingAcknowledgement': 'formal-acknowledgement',
  'formal.awaitingResponse': 'formal-response',
  'formal.awaitingDecision': 'complainant-decision',
  'cdg.triage': 'cdg-triage',
  'cdg.mediation': 'mediation',
  'cdg.panel.hearing': 'panel-hearing',
  'cdg.panel.deliberation': 'panel-findings',
  'cdg.awaitingResponses': 'findings-response',
};

/** A suspended case is resumed by the secretariat, a party, or the engine when the suspension ends. */
export const mayResume = (c: DisputeContext, actor: Actor): boolean =>
  actor.role === 'secretariat' || actor.role === 'system' || isParty(c, actor);
