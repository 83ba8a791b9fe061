import { assertEvent } from 'xstate';
import { type StepName } from '../dispute-context.js';
import { type Guard, update } from '../machine-kit.js';
import { isLateOn, mayResume } from './clocks.rules.js';
import { markMissed, moveDeadline, openDeadlines, pauseDeadlines, resumeDeadlines, settleDeadlines } from './deadline-book.js';
import { type DeadlineStep } from './deadline-rules.js';

export const clocksGuards = {
  /** The secretariat moves an open clock (the one the event names, when it is decided). */
  hasOpenDeadline: (({ context, event }) => {
    const id = event.type === 'DeadlineExtended' ? (event.data.deadlineId as string | undefined) : undefined;
    return event.actor.role === 'secretariat' && context.deadlines.some((d) => d.status === 'open' && (id === undefined || d.id === id));
  }) satisfies Guard,
  /** Recorded by the engine (or the secretariat) only once the due date has ended. */
  deadlineOverdue: (({ context, event }) => {
    if (event.type !== 'DeadlineMissed' || !(event.actor.role === 'system' || event.actor.role === 'secretariat')) return false;
    const deadline = context.deadlines.find((d) => d.id === event.data.deadlineId);
    return deadline !== undefined && deadline.status === 'open' && isLateOn(event.at, deadline.dueOn);
  }) satisfies Guard,
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
