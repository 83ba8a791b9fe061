import { assertEvent } from 'xstate';
import { organisationActedFor } from '../../shared/actor.js';
import { isLateOn } from '../clocks/clocks.rules.js';
import { cancelDeadlines, markMissed, openDeadlines } from '../clocks/deadline-book.js';
import { type DisputeContext } from '../dispute-context.js';
import { type DisputeMachineEvent } from '../dispute-events.js';
import { type Guard, update } from '../machine-kit.js';
import { type Route } from '../vocabulary.js';
import {
  completesFindingsResponses,
  currentAppointeeIds,
  isAppointee,
  isCaseMediator,
  isCasePanelist,
  mayChooseRoute,
  mayObject,
  partyYetToAnswerFindings,
  pendingObjection,
  recommendationsTakenUp,
} from './cdg.rules.js';

/** The party an answer to the findings is for: the one answering, or the one whose response clock was missed. */
const answeringFor = (e: DisputeMachineEvent): string =>
  e.type === 'DeadlineMissed' ? (e.data.owedByOrganisationIds[0] ?? '') : (organisationActedFor(e.actor) ?? '');

type FindingsAnswer = DisputeContext['findingsResponses'][number];

export const cdgGuards = {
  chairChoosesRouteOnce: (({ context, event }) => mayChooseRoute(context, event.actor)) satisfies Guard,
  /** The secretariat appoints for the route the chair chose. */
  secretariatFor: (({ context, event }, params) => event.actor.role === 'secretariat' && context.route === params.route) satisfies Guard<{
    readonly route: Route;
  }>,
  caseMediator: (({ context, event }) => isCaseMediator(context, event.actor)) satisfies Guard,
  casePanelist: (({ context, event }) => isCasePanelist(context, event.actor)) satisfies Guard,
  appointee: (({ context, event }) => isAppointee(context, event.actor)) satisfies Guard,
  partyMayObject: (({ context, event }) => mayObject(context, event.actor, event.at)) satisfies Guard,
  chairRulesOnObjection: (({ context, event }) => event.actor.role === 'chair' && pendingObjection(context) !== undefined) satisfies Guard,
  objectionUpheld: (({ event }) => event.type === 'ObjectionRuled' && event.data.upheld === true) satisfies Guard,
  partyYetToAnswerFindings: (({ context, event }) => partyYetToAnswerFindings(context, event.actor)) satisfies Guard,
  /** This answer (or missed answer) is the last the findings wait for. */
  lastFindingsAnswer: (({ context, event }) => completesFindingsResponses(context, answeringFor(event))) satisfies Guard,
};

export const cdgActions = {
  chooseRoute: update((_c, e) => {
    assertEvent(e, 'RouteChosen');
    return { route: e.data.route };
  }),
  appointMediator: update((_c, e) => {
    assertEvent(e, 'MediatorAppointed');
    return { mediatorId: e.data.personId, objectionWindowEndsOn: e.data.objectionWindowEndsOn };
  }),
  appointPanel: update((_c, e) => {
    assertEvent(e, 'PanelAppointed');
    const { chairId, statutoryMemberId, vcsMemberId } = e.data;
    return { panel: { chairId, statutoryMemberId, vcsMemberId }, objectionWindowEndsOn: e.data.objectionWindowEndsOn };
  }),
  /**
   * The appointee leaves the case; it goes back to triage for a new appointment. Whoever the event
   * removes (the mediator, or the whole panel) loses the case from then on: they are not former
   * appointees, who keep their view, but people no longer on it.
   */
  vacateAppointment: update((c, e) => {
    assertEvent(e, ['ConflictDeclared', 'ObjectionRuled']);
    const removed = currentAppointeeIds(c);
    const pending = pendingObjection(c);
    return {
      mediatorId: null,
      panel: null,
      formerAppointees: c.formerAppointees.filter((p) => !removed.includes(p)),
      disqualifiedAppointees: [...c.disqualifiedAppointees, e.data.personId],
      objectionWindowEndsOn: null,
      objections: e.type === 'ObjectionRuled' ? c.objections.map((o) => (o === pending ? { ...o, status: 'upheld' as const } : o)) : c.objections,
      deadlines: openDeadlines(cancelDeadlines(c.deadlines, e.at, ['mediation', 'panel-hearing', 'panel-findings']), e.data.deadlines),
    };
  }),
  object: update((c, e) => {
    assertEvent(e, 'AppointmentObjected');
    const { personId, organisationId, grounds } = e.data;
    return { objections: [...c.objections, { personId, organisationId, grounds, status: 'pending' as const }] };
  }),
  dismissObjection: update((c) => {
    const pending = pendingObjection(c);
    return { objections: c.objections.map((o) => (o === pending ? { ...o, status: 'dismissed' as const } : o)) };
  }),
  holdSession: update((c) => ({ mediationSessions: c.mediationSessions + 1 })),
  /** Mediation ends without agreement: the mediator stands down in the ordinary course (keeping their view), the panel comes next. */
  endMediation: update((c) => ({
    route: 'panel' as const,
    mediatorId: null,
    formerAppointees: [...c.formerAppointees, ...(c.mediatorId ? [c.mediatorId] : [])],
    objectionWindowEndsOn: null,
  })),
  issueFindings: update((_c, e) => {
    assertEvent(e, 'FindingsIssued');
    return { finding: e.data.finding, recommendations: e.data.recommendations, findingsResponses: [] };
  }),
  /** A party answers: its comply-or-explain clock is met, or missed if late. */
  answerFindings: update((c, e) => {
    assertEvent(e, 'FindingsResponded');
    const { organisationId, response, reasons } = e.data;
    const answer: FindingsAnswer = { organisationId, response, reasons };
    return {
      findingsResponses: [...c.findingsResponses, answer],
      deadlines: c.deadlines.map((d) =>
        d.status === 'open' && d.step === 'findings-response' && d.owedByOrganisationIds.includes(organisationId)
          ? { ...d, status: isLateOn(e.at, d.dueOn) ? ('missed' as const) : ('met' as const), settledAt: e.at }
          : d,
      ),
    };
  }),
  /** A party's response clock was recorded missed: it is recorded as not responding. */
  answerFindingsByDefault: update((c, e) => {
    assertEvent(e, 'DeadlineMissed');
    const answer: FindingsAnswer = { organisationId: answeringFor(e), response: 'none', reasons: null };
    return { findingsResponses: [...c.findingsResponses, answer], deadlines: markMissed(c.deadlines, e.data.deadlineId, e.at) };
  }),
  /** Every party has answered: the recommendations accepted (or owned by no party) become agreed actions; the finding is the outcome. */
  takeUpRecommendations: update((c) => ({
    pendingOutcome: c.finding,
    actions: [
      ...c.actions,
      ...recommendationsTakenUp(c, c.findingsResponses).map((r) => ({
        actionId: r.recommendationId,
        description: r.description,
        ownerId: r.ownerId,
        dueDate: r.dueDate,
        clause: r.clause,
        checkOn: r.checkOn,
        checkRule: r.checkRule,
        calendarVersion: r.calendarVersion,
        status: 'open' as const,
        completedAt: null,
        reopenableUntil: null,
      })),
    ],
  })),
};
