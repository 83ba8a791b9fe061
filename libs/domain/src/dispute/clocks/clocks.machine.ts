import { assertEvent } from 'xstate';
import { type DisputeContext, type StepName } from '../dispute-context.js';
import { type Guard, update } from '../machine-kit.js';
import { type DisputeMachineEvent } from '../dispute-events.js';
import { isLateOn, mayResume } from './clocks.rules.js';
import { markMissed, moveDeadline, openDeadlines, pauseDeadlines, resumeDeadlines, settleDeadlines } from './deadline-book.js';
import { type DeadlineStep } from './deadline-rules.js';

/** A date a fact may be about: a deadline's, or an agreed action's. */
type Dated = { readonly of: 'deadline' | 'action' };

/**
 * The deadlines or the agreed actions, each with its id, status and date, and the one the event
 * names (by `deadlineId` or `actionId`); none when it is asked about before it is decided.
 */
function datedIn(c: DisputeContext, e: DisputeMachineEvent, { of }: Dated) {
  const named = e.data as { readonly deadlineId?: string; readonly actionId?: string };
  return of === 'deadline'
    ? { items: c.deadlines.map((d) => ({ id: d.id, status: d.status, dueOn: d.dueOn })), id: named.deadlineId }
    : { items: c.actions.map((a) => ({ id: a.actionId, status: a.status, dueOn: a.dueDate })), id: named.actionId };
}

export const clocksGuards = {
  /** The secretariat changes an open deadline or agreed action: the one the event names (any, before it names one). */
  secretariatChangesOpen: (({ context, event }, params) => {
    const { items, id } = datedIn(context, event, params);
    return event.actor.role === 'secretariat' && items.some((i) => i.status === 'open' && (id === undefined || i.id === id));
  }) satisfies Guard<Dated>,
  /** A date missed is recorded by the engine (or the secretariat) once its day has ended, while what it names is still open. */
  missedDateRecordable: (({ context, event }, params) => {
    if (event.type !== (params.of === 'deadline' ? 'DeadlineMissed' : 'ActionMissed')) return false;
    const { items, id } = datedIn(context, event, params);
    const item = items.find((i) => i.id === id);
    return (event.actor.role === 'system' || event.actor.role === 'secretariat') && item?.status === 'open' && isLateOn(event.at, item.dueOn);
  }) satisfies Guard<Dated>,
  /** The deadline missed is this step's. */
  missedStep: (({ event }, params) => event.type === 'DeadlineMissed' && event.data.step === params.step) satisfies Guard<{
    readonly step: DeadlineStep;
  }>,
  /** A resumption returns the case to the step it was suspended in. */
  returnsTo: (({ context }, params) => context.suspension?.from === params.step) satisfies Guard<{ readonly step: StepName }>,
  mayResume: (({ context, event }) => mayResume(context, event.actor)) satisfies Guard,
};

export const clocksActions = {
  /** A step was taken: the clocks it `settles` are met (or missed, if late), and the event's own clocks start. */
  stepTaken: update((c, e, params: { readonly settles: readonly DeadlineStep[] }) => ({
    deadlines: openDeadlines(settleDeadlines(c.deadlines, params.settles, e.at), 'deadlines' in e.data ? e.data.deadlines : []),
  })),
  recordMiss: update((c, e) => {
    assertEvent(e, 'DeadlineMissed');
    return { deadlines: markMissed(c.deadlines, e.data.deadlineId, e.at), respondentDefaulted: c.respondentDefaulted || e.data.owedBy === 'respondent' };
  }),
  extend: update((c, e) => {
    assertEvent(e, 'DeadlineExtended');
    return { extensions: c.extensions + 1, deadlines: moveDeadline(c.deadlines, e.data) };
  }),
  /** Open clocks pause with the working days they had left; the case remembers the step to return to. */
  suspend: update((c, e) => {
    assertEvent(e, 'CaseSuspended');
    if (c.step === null) return {};
    return {
      suspensions: c.suspensions + 1,
      suspension: { from: c.step, suspendedOn: e.data.suspendedOn, until: e.data.until },
      deadlines: pauseDeadlines(c.deadlines, e.data.pausedDeadlines),
    };
  }),
  /** A renewal while suspended only moves the end date. */
  renewSuspension: update((c, e) => {
    assertEvent(e, 'CaseSuspended');
    return { suspensions: c.suspensions + 1, suspension: c.suspension ? { ...c.suspension, until: e.data.until } : null };
  }),
  resume: update((c, e) => {
    assertEvent(e, 'CaseResumed');
    return { suspension: null, deadlines: resumeDeadlines(c.deadlines, e.data.movedDeadlines) };
  }),
};
