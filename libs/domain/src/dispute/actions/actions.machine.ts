import { assertEvent } from 'xstate';
import { cancelDeadlines, settleDeadlines } from '../clocks/deadline-book.js';
import { type Guard, update } from '../machine-kit.js';
import { isLastOpenAction, ownsOpenAction } from './actions.rules.js';

export const actionsGuards = {
  hasOpenActions: (({ context }) => context.actions.some((a) => a.status === 'open')) satisfies Guard,
  resolutionHasActions: (({ event }) => event.type === 'ResolutionAgreed' && (event.data.actions?.length ?? 0) > 0) satisfies Guard,
  /** The secretariat, while any action is open, or the owner of the open action named. */
  mayCompleteAction: (({ context, event }) =>
    (event.actor.role === 'secretariat' && context.actions.some((a) => a.status === 'open')) ||
    ownsOpenAction(context, event.actor, event.type === 'ActionCompleted' ? event.data.actionId : undefined)) satisfies Guard,
  completesLastAction: (({ context, event }) =>
    (event.type === 'ActionCompleted' || event.type === 'ActionMissed') && isLastOpenAction(context, event.data.actionId)) satisfies Guard,
};

export const actionsActions = {
  /**
   * Agreeing meets the clock the parties were on; every other step clock stops (none may later be
   * recorded missed, least of all the complainant's decision window, which would close as not-pursued).
   */
  agreeResolution: update((c, e) => {
    assertEvent(e, 'ResolutionAgreed');
    const settled = c.step === 'cdg.mediation' ? ['mediation'] : ['informal-resolution', 'complainant-decision'];
    return {
      pendingOutcome: e.data.outcome,
      deadlines: cancelDeadlines(settleDeadlines(c.deadlines, settled, e.at), e.at),
      actions: [...c.actions, ...e.data.actions.map((a) => ({ ...a, status: 'open' as const, completedAt: null, reopenableUntil: null }))],
    };
  }),
  settleAction: update((c, e) => {
    assertEvent(e, ['ActionCompleted', 'ActionMissed']);
    return {
      actions: c.actions.map((a) =>
        a.actionId !== e.data.actionId
          ? a
          : e.type === 'ActionCompleted'
            ? { ...a, status: 'completed' as const, completedAt: e.at }
            : { ...a, status: 'missed' as const, reopenableUntil: e.data.reopenableUntil },
      ),
    };
  }),
  varyAction: update((c, e) => {
    assertEvent(e, 'ActionVaried');
    const v = e.data;
    return {
      actions: c.actions.map((a) =>
        a.actionId === v.actionId
          ? {
              ...a,
              dueDate: v.dueDate ?? a.dueDate,
              description: v.description ?? a.description,
              ...(v.checkOn !== null ? { checkOn: v.checkOn, checkRule: v.checkRule, calendarVersion: v.calendarVersion } : {}),
            }
          : a,
      ),
    };
  }),
  /** Agreed actions still open when the case closes or is reopened end unfinished: nothing more is owed or checked. */
  endUnfinishedActions: update((c) => ({
    actions: c.actions.map((a) => (a.status === 'open' ? { ...a, status: 'closed-unfinished' as const } : a)),
  })),
};
