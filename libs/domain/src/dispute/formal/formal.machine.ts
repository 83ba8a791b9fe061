import { assertEvent } from 'xstate';
import { cancelDeadlines, moveDeadline, openDeadlines, settleDeadlines } from '../clocks/deadline-book.js';
import { type DeadlineStep } from '../clocks/deadline-rules.js';
import { type Guard, update } from '../machine-kit.js';
import { complainantMayEscalateAfterDefault, respondentMayExtendResponse } from './formal.rules.js';

export const formalGuards = {
  complainantAfterRespondentDefault: (({ context, event }) => complainantMayEscalateAfterDefault(context, event.actor)) satisfies Guard,
  /** The one-off extension moves the open response clock (the event names it, when it is decided). */
  respondentMayExtend: (({ context, event }) =>
    respondentMayExtendResponse(context, event.actor, event.at) &&
    (event.type !== 'ResponseDeadlineExtended' ||
      event.data.deadlineId === undefined ||
      event.data.deadlineId === context.deadlines.find((d) => d.step === 'formal-response' && d.status === 'open')?.id)) satisfies Guard,
};

export const formalActions = {
  /**
   * Moving to a new stage: the clocks it `settles` are met (or missed), every other clock of the old
   * stage stops, the new stage's start; a default in the old stage no longer lets the complainant skip.
   */
  escalate: update((c, e, params: { readonly settles: readonly DeadlineStep[] }) => {
    assertEvent(e, ['FormalComplaintLodged', 'ReferredToCdg']);
    return {
      respondentDefaulted: false,
      deadlines: openDeadlines(cancelDeadlines(settleDeadlines(c.deadlines, params.settles, e.at), e.at), e.data.deadlines),
    };
  }),
  extendResponse: update((c, e) => {
    assertEvent(e, 'ResponseDeadlineExtended');
    return { responseExtensionUsed: true, extensions: c.extensions + 1, deadlines: moveDeadline(c.deadlines, e.data) };
  }),
};
