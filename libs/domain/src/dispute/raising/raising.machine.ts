import { assertEvent } from 'xstate';
import { organisationActedFor } from '../../shared/actor.js';
import { openDeadlines, settleDeadlines } from '../clocks/deadline-book.js';
import { type DeadlineStep } from '../clocks/deadline-rules.js';
import { type Guard, update } from '../machine-kit.js';

export const raisingGuards = {
  /** Only the complainant's own organisation raises its dispute (as its partner, or the secretariat for it). */
  raisedByComplainant: (({ event }) =>
    event.type === 'DisputeRaised' && organisationActedFor(event.actor) === event.data.complainantId) satisfies Guard,
  urgentTrack: (({ event }) => event.type === 'DisputeRaised' && event.data.urgent) satisfies Guard,
};

export const raisingActions = {
  raise: update((c, e) => {
    assertEvent(e, 'DisputeRaised');
    const d = e.data;
    return {
      caseId: d.caseId,
      complainantId: d.complainantId,
      respondentIds: d.respondentIds,
      parties: d.parties,
      clauses: d.clauses,
      summary: d.summary,
      details: d.details,
      desiredOutcome: d.desiredOutcome,
      urgent: d.urgent,
      dates: d.dates,
      clauseChecks: d.clauseChecks,
      openedAt: e.at,
      deadlines: openDeadlines(c.deadlines, d.deadlines),
    };
  }),
  /** A respondent acknowledges: the acknowledgement clock (`settles`) is met, or missed if late. */
  acknowledge: update((c, e, params: { readonly settles: DeadlineStep }) => {
    assertEvent(e, 'AcknowledgementGiven');
    return { acknowledgedBy: [...c.acknowledgedBy, e.data.organisationId], deadlines: settleDeadlines(c.deadlines, [params.settles], e.at) };
  }),
};
