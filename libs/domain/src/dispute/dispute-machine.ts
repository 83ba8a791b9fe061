import { and, assign, setup } from 'xstate';
import { organisationActedFor } from '../shared/actor.js';
import { isLastOpenAction, ownsOpenAction } from './actions/actions.rules.js';
import { mayParticipate, mayRecordLesson } from './case-file/case-file.rules.js';
import {
  completesFindingsResponses,
  currentAppointeeIds,
  isAppointee,
  isCaseMediator,
  isCasePanelist,
  mayChooseRoute,
  mayObject,
  pendingObjection,
  recommendationsTakenUp,
} from './cdg/cdg.rules.js';
import { isLateOn } from './clocks/clocks.rules.js';
import {
  cancelDeadlines,
  markMissed,
  moveDeadline,
  openDeadlines,
  pauseDeadlines,
  resumeDeadlines,
  settleDeadlines,
} from './clocks/deadline-book.js';
import { closedStage, mayReferExternallyWhenClosed, mayRequestReopening, reopeningTarget } from './closure/closure.rules.js';
import { type DisputeContext, EMPTY_CONTEXT, STEP_NAMES, type StepName, stageOfStep } from './dispute-context.js';
import { type DisputeEventType, type DisputeMachineEvent } from './dispute-events.js';
import { respondentMayExtendResponse } from './formal/formal.rules.js';
import { isComplainant, isParty, isRespondent } from './parties.js';
import { type Outcome } from './vocabulary.js';

type Ev<T extends DisputeEventType> = Extract<DisputeMachineEvent, { type: T }>;
type Ctx = DisputeContext;
const ctxOf = (c: Ctx, e: DisputeMachineEvent): Ctx => ({ ...c, lastEventAt: e.at });

// ---- context updates, one per fact -------------------------------------------------------------

const raised = (c: Ctx, e: Ev<'DisputeRaised'>): Ctx => ({
  ...ctxOf(c, e),
  caseId: e.data.caseId,
  complainantId: e.data.complainantId,
  respondentIds: e.data.respondentIds,
  parties: e.data.parties,
  clauses: e.data.clauses,
  summary: e.data.summary,
  details: e.data.details,
  desiredOutcome: e.data.desiredOutcome,
  urgent: e.data.urgent,
  dates: e.data.dates,
  clauseChecks: e.data.clauseChecks,
  openedAt: e.at,
  deadlines: openDeadlines([], e.data.deadlines),
});

const acknowledged = (steps: string[]) => (c: Ctx, e: Ev<'AcknowledgementGiven'>): Ctx => ({
  ...ctxOf(c, e),
  acknowledgedBy: [...c.acknowledgedBy, e.data.organisationId],
  deadlines: settleDeadlines(c.deadlines, steps, e.at),
});

/** Moving to a new stage: the old stage's clocks stop, the new ones start. */
const escalated = (c: Ctx, e: Ev<'FormalComplaintLodged' | 'ReferredToCdg'>, settled: string[]): Ctx => ({
  ...ctxOf(c, e),
  respondentDefaulted: false,
  deadlines: openDeadlines(cancelDeadlines(settleDeadlines(c.deadlines, settled, e.at), e.at), e.data.deadlines),
});

const stepTaken = (
  c: Ctx,
  e: DisputeMachineEvent & { data: { deadlines?: readonly unknown[] } },
  settled: string[],
): Ctx => ({
  ...ctxOf(c, e),
  deadlines: openDeadlines(settleDeadlines(c.deadlines, settled, e.at), ('deadlines' in e.data ? e.data.deadlines : []) as never),
});

const closingWith = (c: Ctx, e: DisputeMachineEvent, outcome: Outcome): Ctx => ({
  ...ctxOf(c, e),
  pendingOutcome: outcome,
});

const resolutionAgreed = (c: Ctx, e: Ev<'ResolutionAgreed'>): Ctx => ({
  ...ctxOf(c, e),
  pendingOutcome: e.data.outcome,
  // Agreeing meets the clock the parties were on; every other step clock stops (none may later be
  // recorded missed, least of all the complainant's decision window, which would close as not-pursued).
  deadlines: cancelDeadlines(
    settleDeadlines(c.deadlines, c.step === 'cdg.mediation' ? ['mediation'] : ['informal-resolution', 'complainant-decision'], e.at),
    e.at,
  ),
  actions: [
    ...c.actions,
    ...e.data.actions.map((a) => ({ ...a, status: 'open' as const, completedAt: null, reopenableUntil: null })),
  ],
});

/**
 * The appointee leaves the case; it goes back to triage for a new appointment. Whoever the event
 * removes (the mediator, or the whole panel) loses the case from then on: they are not former
 * appointees, who keep their view, but people no longer on it.
 */
const appointmentVacated = (c: Ctx, e: Ev<'ConflictDeclared' | 'ObjectionRuled'>): Ctx => {
  const removed = currentAppointeeIds(c);
  return {
    ...ctxOf(c, e),
    mediatorId: null,
    panel: null,
    formerAppointees: c.formerAppointees.filter((p) => !removed.includes(p)),
    disqualifiedAppointees: [...c.disqualifiedAppointees, e.data.personId],
    objectionWindowEndsOn: null,
    objections:
      e.type === 'ObjectionRuled'
        ? c.objections.map((o) => (o === pendingObjection(c) ? { ...o, status: 'upheld' as const } : o))
        : c.objections,
    deadlines: openDeadlines(
      cancelDeadlines(c.deadlines, e.at, ['mediation', 'panel-hearing', 'panel-findings']),
      e.data.deadlines,
    ),
  };
};

const findingsAnswered = (c: Ctx, e: DisputeMachineEvent, organisationId: string, response: Ctx['findingsResponses'][number]): Ctx => {
  const findingsResponses = [...c.findingsResponses, response];
  const complete = completesFindingsResponses(c, organisationId);
  const deadlineOf = (d: Ctx['deadlines'][number]) => d.step === 'findings-response' && d.owedByOrganisationIds.includes(organisationId);
  const deadlines =
    e.type === 'DeadlineMissed'
      ? markMissed(c.deadlines, e.data.deadlineId, e.at)
      : c.deadlines.map((d) =>
          d.status === 'open' && deadlineOf(d) ? { ...d, status: isLateOn(e.at, d.dueOn) ? ('missed' as const) : ('met' as const), settledAt: e.at } : d,
        );
  if (!complete) return { ...ctxOf(c, e), findingsResponses, deadlines };
  const taken = recommendationsTakenUp(c, findingsResponses);
  return {
    ...ctxOf(c, e),
    findingsResponses,
    deadlines,
    pendingOutcome: c.finding,
    actions: [
      ...c.actions,
      ...taken.map((r) => ({
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
  };
};

const respondedToFindings = (c: Ctx, e: Ev<'FindingsResponded'>): Ctx =>
  findingsAnswered(c, e, e.data.organisationId, {
    organisationId: e.data.organisationId,
    response: e.data.response,
    reasons: e.data.reasons,
  });

const missedFindingsResponse = (c: Ctx, e: Ev<'DeadlineMissed'>): Ctx =>
  findingsAnswered(c, e, e.data.owedByOrganisationIds[0] ?? '', {
    organisationId: e.data.owedByOrganisationIds[0] ?? '',
    response: 'none',
    reasons: null,
  });

const deadlineMissed = (c: Ctx, e: Ev<'DeadlineMissed'>): Ctx => ({
  ...ctxOf(c, e),
  deadlines: markMissed(c.deadlines, e.data.deadlineId, e.at),
  respondentDefaulted: c.respondentDefaulted || e.data.owedBy === 'respondent',
});

const actionSettled = (c: Ctx, e: Ev<'ActionCompleted' | 'ActionMissed'>): Ctx => ({
  ...ctxOf(c, e),
  actions: c.actions.map((a) =>
    a.actionId !== e.data.actionId
      ? a
      : e.type === 'ActionCompleted'
        ? { ...a, status: 'completed' as const, completedAt: e.at }
        : { ...a, status: 'missed' as const, reopenableUntil: e.data.reopenableUntil },
  ),
});

/** Agreed actions still open when the case closes or is reopened end unfinished: nothing more is owed or checked. */
const endUnfinishedActions = (c: Ctx): Ctx['actions'] =>
  c.actions.map((a) => (a.status === 'open' ? { ...a, status: 'closed-unfinished' as const } : a));

const closed = (c: Ctx, e: Ev<'CaseClosed'>): Ctx => ({
  ...ctxOf(c, e),
  actions: endUnfinishedActions(c),
  outcome: e.data.outcome,
  pendingOutcome: null,
  closedAt: e.at,
  closedInStage: closedStage(c, e.data.outcome),
  highestStage: e.data.outcome === 'referred-externally' ? 4 : c.highestStage,
  reopenableUntil: e.data.reopenableUntil,
  suspension: null,
  deadlines: cancelDeadlines(c.deadlines, e.at),
});

const reopeningRequested = (c: Ctx, e: Ev<'ReopeningRequested'>): Ctx => ({
  ...ctxOf(c, e),
  reopening: {
    grounds: e.data.grounds,
    reason: e.data.reason,
    requestedAt: e.at,
    resumeTo: reopeningTarget(c, e.data.grounds),
    decision: 'pending',
  },
  deadlines: openDeadlines(c.deadlines, e.data.deadlines),
});

/** A reopened case starts its stage afresh: a new route and new appointments at stage 3, the old settlement ended. */
const reopened = (c: Ctx, e: Ev<'CaseReopened'>): Ctx => ({
  ...ctxOf(c, e),
  actions: endUnfinishedActions(c),
  route: null,
  mediatorId: null,
  panel: null,
  objectionWindowEndsOn: null,
  formerAppointees: [...new Set([...c.formerAppointees, ...currentAppointeeIds(c)])],
  // A fresh clock: a default before closure no longer lets the complainant skip it.
  respondentDefaulted: false,
  // A fresh response clock comes with the respondent's one-off extension again.
  responseExtensionUsed: false,
  reopening: c.reopening ? { ...c.reopening, decision: 'granted' } : null,
  outcome: null,
  pendingOutcome: null,
  closedAt: null,
  external: null,
  deadlines: openDeadlines(settleDeadlines(c.deadlines, ['reopening-decision'], e.at), e.data.deadlines),
});

/** Open to the parties and the secretariat at every step of stages 1–3. */
const WHILE_THE_PROCESS_RUNS = {
  DisputeWithdrawn: { guard: 'complainant', target: '#dispute.closing', actions: 'withdraw' },
  CaseSuspended: { guard: 'secretariat', target: '#dispute.suspended', actions: 'suspend' },
  DeadlineExtended: { guard: 'hasOpenDeadline', actions: 'extend' },
} as const;

/** While the respondent owes the formal stage a step: after a default, the complainant may go to the CDG at once. */
const WHILE_THE_RESPONDENT_OWES = {
  ReferredToCdg: { guard: 'complainantAfterRespondentDefault', target: '#dispute.cdg.triage', actions: 'escalateAfterDefault' },
} as const;

/** At stages 1 and 2 the complainant records the resolution both sides agreed. */
const COMPLAINANT_AGREES = [
  { guard: and(['complainant', 'resolutionHasActions']), target: '#dispute.actionsOpen', actions: 'agreeResolution' },
  { guard: 'complainant', target: '#dispute.closing', actions: 'agreeResolution' },
] as const;

/** While someone is appointed: they may stand down, a party may object, the chair rules. */
const CHALLENGES_TO_AN_APPOINTMENT = {
  ConflictDeclared: { guard: 'appointee', target: '#dispute.cdg.triage', actions: 'vacateAppointment' },
  AppointmentObjected: { guard: 'partyMayObject', actions: 'object' },
  ObjectionRuled: [
    { guard: 'chairUpholdsObjection', target: '#dispute.cdg.triage', actions: 'vacateAppointment' },
    { guard: 'chairRulesOnObjection', actions: 'dismissObjection' },
  ],
} as const;

// ---- the machine ---------------------------------------------------------------------------------

/**
 * The section 6 process as one machine. It consumes past-tense facts (events) with their actor and
 * time, so the same machine decides a command (`can`) and replays a stream (`transition`).
 * Deadlines are data carried by events, never XState timers: timers are not durable across replay.
 */
export const disputeMachine = setup({
  types: { context: {} as DisputeContext, events: {} as DisputeMachineEvent },
  actions: {
    escalateAfterDefault: assign(({ context, event }) =>
      event.type === 'ReferredToCdg' || event.type === 'FormalComplaintLodged' ? escalated(context, event, []) : {},
    ),
    agreeResolution: assign(({ context, event }) => (event.type === 'ResolutionAgreed' ? resolutionAgreed(context, event) : {})),
    withdraw: assign(({ context, event }) => closingWith(context, event, 'withdrawn')),
    referExternally: assign(({ context, event }) =>
      event.type === 'ReferredExternally' ? closingWith(referred(context, event), event, 'referred-externally') : {},
    ),
    vacateAppointment: assign(({ context, event }) =>
      event.type === 'ConflictDeclared' || event.type === 'ObjectionRuled' ? appointmentVacated(context, event) : {},
    ),
    enterStep: assign(({ context }, params: { step: StepName }) => ({
      step: params.step,
      highestStage: Math.max(context.highestStage ?? 0, stageOfStep(params.step)) as Ctx['highestStage'],
    })),
    suspend: assign(({ context, event }) =>
      event.type === 'CaseSuspended' && context.step !== null
        ? {
            ...ctxOf(context, event),
            suspensions: context.suspensions + 1,
            suspension: { from: context.step, suspendedOn: event.data.suspendedOn, until: event.data.until },
            deadlines: pauseDeadlines(context.deadlines, event.data.pausedDeadlines),
          }
        : {},
    ),
    extend: assign(({ context, event }) =>
      event.type === 'DeadlineExtended'
        ? { ...ctxOf(context, event), extensions: context.extensions + 1, deadlines: moveDeadline(context.deadlines, event.data) }
        : {},
    ),
    extendResponse: assign(({ context, event }) =>
      event.type === 'ResponseDeadlineExtended'
        ? {
            ...ctxOf(context, event),
            responseExtensionUsed: true,
            extensions: context.extensions + 1,
            deadlines: moveDeadline(context.deadlines, event.data),
          }
        : {},
    ),
    object: assign(({ context, event }) =>
      event.type === 'AppointmentObjected'
        ? {
            ...ctxOf(context, event),
            objections: [
              ...context.objections,
              { personId: event.data.personId, organisationId: event.data.organisationId, grounds: event.data.grounds, status: 'pending' as const },
            ],
          }
        : {},
    ),
    dismissObjection: assign(({ context, event }) => ({
      ...ctxOf(context, event),
      objections: context.objections.map((o) => (o === pendingObjection(context) ? { ...o, status: 'dismissed' as const } : o)),
    })),
    refuseReopening: assign(({ context, event }) => ({
      ...ctxOf(context, event),
      reopening: context.reopening ? { ...context.reopening, decision: 'refused' as const } : null,
      deadlines: settleDeadlines(context.deadlines, ['reopening-decision'], event.at),
    })),
  },
  guards: {
    raisedByComplainant: ({ event }) =>
      event.type === 'DisputeRaised' && organisationActedFor(event.actor) === event.data.complainantId,
    urgentTrack: ({ event }) => event.type === 'DisputeRaised' && event.data.urgent,
    complainant: ({ context, event }) => isComplainant(context, event.actor),
    respondent: ({ context, event }) => isRespondent(context, event.actor),
    party: ({ context, event }) => isParty(context, event.actor),
    secretariat: ({ event }) => event.actor.role === 'secretariat',
    chair: ({ event }) => event.actor.role === 'chair',
    chairChoosesRouteOnce: ({ context, event }) => mayChooseRoute(context, event.actor),
    complainantAfterRespondentDefault: ({ context, event }) =>
      isComplainant(context, event.actor) && context.respondentDefaulted,
    respondentMayExtend: ({ context, event }) =>
      respondentMayExtendResponse(context, event.actor, event.at) &&
      (event.type !== 'ResponseDeadlineExtended' ||
        event.data.deadlineId === undefined ||
        event.data.deadlineId === context.deadlines.find((d) => d.step === 'formal-response' && d.status === 'open')?.id),
    secretariatForMediation: ({ context, event }) => event.actor.role === 'secretariat' && context.route === 'mediation',
    secretariatForPanel: ({ context, event }) => event.actor.role === 'secretariat' && context.route === 'panel',
    caseMediator: ({ context, event }) => isCaseMediator(context, event.actor),
    casePanelist: ({ context, event }) => isCasePanelist(context, event.actor),
    appointee: ({ context, event }) => isAppointee(context, event.actor),
    partyMayObject: ({ context, event }) => mayObject(context, event.actor, event.at),
    chairUpholdsObjection: ({ context, event }) =>
      event.type === 'ObjectionRuled' && event.actor.role === 'chair' && pendingObjection(context) !== undefined && event.data.upheld === true,
    chairRulesOnObjection: ({ context, event }) => event.actor.role === 'chair' && pendingObjection(context) !== undefined,
    partyYetToAnswerFindings: ({ context, event }) => {
      const org = organisationActedFor(event.actor);
      return isParty(context, event.actor) && !context.findingsResponses.some((r) => r.organisationId === org);
    },
    lastFindingsAnswer: ({ context, event }) =>
      completesFindingsResponses(context, organisationActedFor(event.actor) ?? ''),
    resolutionHasActions: ({ event }) => event.type === 'ResolutionAgreed' && (event.data.actions?.length ?? 0) > 0,
    mayCompleteAction: ({ context, event }) =>
      (event.actor.role === 'secretariat' && context.actions.some((a) => a.status === 'open')) ||
      ownsOpenAction(context, event.actor, event.type === 'ActionCompleted' ? event.data.actionId : undefined),
    completesLastAction: ({ context, event }) =>
      (event.type === 'ActionCompleted' || event.type === 'ActionMissed') && isLastOpenAction(context, event.data.actionId),
    secretariatWithOpenAction: ({ context, event }) => {
      const id = event.type === 'ActionVaried' ? (event.data.actionId as string | undefined) : undefined;
      return event.actor.role === 'secretariat' && context.actions.some((a) => a.status === 'open' && (id === undefined || a.actionId === id));
    },
    actionOverdue: ({ context, event }) => {
      if (event.type !== 'ActionMissed' || !(event.actor.role === 'system' || event.actor.role === 'secretariat')) return false;
      const action = context.actions.find((a) => a.actionId === event.data.actionId);
      return action !== undefined && action.status === 'open' && isLateOn(event.at, action.dueDate);
    },
    deadlineOverdue: ({ context, event }) => {
      if (event.type !== 'DeadlineMissed' || !(event.actor.role === 'system' || event.actor.role === 'secretariat')) return false;
      const deadline = context.deadlines.find((d) => d.id === event.data.deadlineId);
      return deadline !== undefined && deadline.status === 'open' && isLateOn(event.at, deadline.dueOn);
    },
    missedDecisionWindow: ({ event }) => event.type === 'DeadlineMissed' && event.data.step === 'complainant-decision',
    missedFindingsResponse: ({ event }) => event.type === 'DeadlineMissed' && event.data.step === 'findings-response',
    missedLastFindingsResponse: ({ context, event }) =>
      event.type === 'DeadlineMissed' &&
      event.data.step === 'findings-response' &&
      completesFindingsResponses(context, event.data.owedByOrganisationIds[0] ?? ''),
    takesUpRecommendations: ({ context }) => context.recommendations.length > 0,
    hasOpenDeadline: ({ context, event }) => {
      const id = event.type === 'DeadlineExtended' ? (event.data.deadlineId as string | undefined) : undefined;
      return event.actor.role === 'secretariat' && context.deadlines.some((d) => d.status === 'open' && (id === undefined || d.id === id));
    },
    partyMayRequestReopeningOfClosedCase: ({ context, event }) => mayRequestReopening(context, event.actor, event.at, true),
    partyMayRequestReopeningForActions: ({ context, event }) =>
      mayRequestReopening(context, event.actor, event.at, false),
    chairWithReopeningRequest: ({ context, event }) =>
      event.actor.role === 'chair' && context.reopening?.decision === 'pending',
    complainantMayReferClosedCase: ({ context, event }) => mayReferExternallyWhenClosed(context, event.actor),
    secretariatAfterExternalReferral: ({ context, event }) =>
      event.actor.role === 'secretariat' && context.outcome === 'referred-externally',
    mayResume: ({ context, event }) =>
      event.actor.role === 'secretariat' || event.actor.role === 'system' || isParty(context, event.actor),
    participant: ({ context, event }) => mayParticipate(context, event.actor),
    lessonAuthor: ({ context, event }) => mayRecordLesson(context, event.actor),
  },
}).createMachine({
  id: 'dispute',
  initial: 'new',
  context: EMPTY_CONTEXT,
  on: {
    NoteAdded: {
      guard: 'participant',
      actions: assign(({ context, event }) => ({
        ...ctxOf(context, event),
        notes: [...context.notes, { ...event.data, byPersonId: event.actor.personId, at: event.at }],
      })),
    },
    EvidenceAdded: {
      guard: 'participant',
      actions: assign(({ context, event }) => ({
        ...ctxOf(context, event),
        evidence: [...context.evidence, { ...event.data, byPersonId: event.actor.personId, at: event.at }],
      })),
    },
    LessonRecorded: {
      guard: 'lessonAuthor',
      actions: assign(({ context, event }) => ({
        ...ctxOf(context, event),
        lessons: [...context.lessons, { ...event.data, at: event.at }],
      })),
    },
    DeadlineMissed: [
      {
        guard: and(['deadlineOverdue', 'missedDecisionWindow']),
        target: '.closing',
        actions: assign(({ context, event }) => closingWith(deadlineMissed(context, event), event, 'not-pursued')),
      },
      {
        guard: and(['deadlineOverdue', 'missedLastFindingsResponse']),
        target: '.afterFindings',
        actions: assign(({ context, event }) => missedFindingsResponse(context, event)),
      },
      {
        guard: and(['deadlineOverdue', 'missedFindingsResponse']),
        actions: assign(({ context, event }) => missedFindingsResponse(context, event)),
      },
      { guard: 'deadlineOverdue', actions: assign(({ context, event }) => deadlineMissed(context, event)) },
    ],
  },
  states: {
    new: {
      on: {
        DisputeRaised: [
          {
            guard: and(['raisedByComplainant', 'urgentTrack']),
            target: 'formal.awaitingAcknowledgement',
            actions: assign(({ context, event }) => raised(context, event)),
          },
          {
            guard: 'raisedByComplainant',
            target: 'informal.awaitingAcknowledgement',
            actions: assign(({ context, event }) => raised(context, event)),
          },
        ],
      },
    },
    informal: {
      initial: 'awaitingAcknowledgement',
      on: {
        ResolutionAgreed: COMPLAINANT_AGREES,
        ...WHILE_THE_PROCESS_RUNS,
      },
      states: {
        awaitingAcknowledgement: {
          entry: { type: 'enterStep', params: { step: 'informal.awaitingAcknowledgement' } },
          on: {
            AcknowledgementGiven: {
              guard: 'respondent',
              target: 'inDiscussion',
              actions: assign(({ context, event }) => acknowledged(['acknowledgement'])(context, event)),
            },
            FormalComplaintLodged: {
              guard: 'complainantAfterRespondentDefault',
              target: '#dispute.formal.awaitingAcknowledgement',
              actions: assign(({ context, event }) => escalated(context, event, [])),
            },
          },
        },
        inDiscussion: {
          entry: { type: 'enterStep', params: { step: 'informal.inDiscussion' } },
          on: {
            FormalComplaintLodged: {
              guard: 'complainant',
              target: '#dispute.formal.awaitingAcknowledgement',
              actions: assign(({ context, event }) => escalated(context, event, ['informal-resolution'])),
            },
          },
        },
      },
    },
    formal: {
      initial: 'awaitingAcknowledgement',
      on: {
        ResolutionAgreed: COMPLAINANT_AGREES,
        ...WHILE_THE_PROCESS_RUNS,
      },
      states: {
        awaitingAcknowledgement: {
          entry: { type: 'enterStep', params: { step: 'formal.awaitingAcknowledgement' } },
          on: {
            AcknowledgementGiven: {
              guard: 'respondent',
              target: 'awaitingResponse',
              actions: assign(({ context, event }) => acknowledged(['formal-acknowledgement'])(context, event)),
            },
            ...WHILE_THE_RESPONDENT_OWES,
          },
        },
        awaitingResponse: {
          entry: { type: 'enterStep', params: { step: 'formal.awaitingResponse' } },
          on: {
            ...WHILE_THE_RESPONDENT_OWES,
            // The respondent's one-off extension is of the written response, so only once it is owed.
            ResponseDeadlineExtended: { guard: 'respondentMayExtend', actions: 'extendResponse' },
            FormalResponseIssued: {
              guard: 'respondent',
              target: 'awaitingDecision',
              actions: assign(({ context, event }) => stepTaken(context, event, ['formal-response'])),
            },
          },
        },
        awaitingDecision: {
          entry: { type: 'enterStep', params: { step: 'formal.awaitingDecision' } },
          on: {
            ReferredToCdg: {
              guard: 'complainant',
              target: '#dispute.cdg.triage',
              actions: assign(({ context, event }) => escalated(context, event, ['complainant-decision'])),
            },
            ReferredExternally: {
              guard: 'complainant',
              target: '#dispute.closing',
              actions: 'referExternally',
            },
          },
        },
      },
    },
    cdg: {
      initial: 'triage',
      on: {
        ...WHILE_THE_PROCESS_RUNS,
        ReferredExternally: {
          guard: 'complainant',
          target: '#dispute.closing',
          actions: 'referExternally',
        },
      },
      states: {
        triage: {
          entry: { type: 'enterStep', params: { step: 'cdg.triage' } },
          on: {
            RouteChosen: {
              guard: 'chairChoosesRouteOnce',
              actions: assign(({ context, event }) => ({
                ...stepTaken(context, event, ['cdg-triage']),
                route: event.data.route,
              })),
            },
            MediatorAppointed: {
              guard: 'secretariatForMediation',
              target: 'mediation',
              actions: assign(({ context, event }) => ({
                ...stepTaken(context, event, ['cdg-triage']),
                mediatorId: event.data.personId,
                objectionWindowEndsOn: event.data.objectionWindowEndsOn,
              })),
            },
            PanelAppointed: {
              guard: 'secretariatForPanel',
              target: 'panel',
              actions: assign(({ context, event }) => ({
                ...stepTaken(context, event, ['cdg-triage']),
                panel: { chairId: event.data.chairId, statutoryMemberId: event.data.statutoryMemberId, vcsMemberId: event.data.vcsMemberId },
                objectionWindowEndsOn: event.data.objectionWindowEndsOn,
              })),
            },
          },
        },
        mediation: {
          entry: { type: 'enterStep', params: { step: 'cdg.mediation' } },
          on: {
            MediationSessionHeld: {
              guard: 'caseMediator',
              actions: assign(({ context, event }) => ({ ...ctxOf(context, event), mediationSessions: context.mediationSessions + 1 })),
            },
            MediationEnded: {
              guard: 'caseMediator',
              target: 'triage',
              actions: assign(({ context, event }) => ({
                ...stepTaken(context, event, ['mediation']),
                route: 'panel' as const,
                mediatorId: null,
                formerAppointees: [...context.formerAppointees, ...(context.mediatorId ? [context.mediatorId] : [])],
                objectionWindowEndsOn: null,
              })),
            },
            ResolutionAgreed: [
              { guard: and(['caseMediator', 'resolutionHasActions']), target: '#dispute.actionsOpen', actions: assign(({ context, event }) => resolutionAgreed(context, event)) },
              { guard: 'caseMediator', target: '#dispute.closing', actions: assign(({ context, event }) => resolutionAgreed(context, event)) },
            ],
            ...CHALLENGES_TO_AN_APPOINTMENT,
          },
        },
        panel: {
          initial: 'hearing',
          on: {
            ...CHALLENGES_TO_AN_APPOINTMENT,
          },
          states: {
            hearing: {
              entry: { type: 'enterStep', params: { step: 'cdg.panel.hearing' } },
              on: {
                PanelHearingHeld: {
                  guard: 'casePanelist',
                  target: 'deliberation',
                  actions: assign(({ context, event }) => stepTaken(context, event, ['panel-hearing'])),
                },
              },
            },
            deliberation: {
              entry: { type: 'enterStep', params: { step: 'cdg.panel.deliberation' } },
              on: {
                FindingsIssued: {
                  guard: 'casePanelist',
                  target: '#dispute.cdg.awaitingResponses',
                  actions: assign(({ context, event }) => ({
                    ...stepTaken(context, event, ['panel-findings']),
                    finding: event.data.finding,
                    recommendations: event.data.recommendations,
                    findingsResponses: [],
                  })),
                },
              },
            },
          },
        },
        awaitingResponses: {
          entry: { type: 'enterStep', params: { step: 'cdg.awaitingResponses' } },
          on: {
            FindingsResponded: [
              {
                guard: and(['partyYetToAnswerFindings', 'lastFindingsAnswer']),
                target: '#dispute.afterFindings',
                actions: assign(({ context, event }) => respondedToFindings(context, event)),
              },
              { guard: 'partyYetToAnswerFindings', actions: assign(({ context, event }) => respondedToFindings(context, event)) },
            ],
          },
        },
      },
    },
    /** Every party has answered the findings: accepted recommendations become actions, or the case closes. */
    afterFindings: {
      always: [
        { guard: ({ context }) => context.actions.some((a) => a.status === 'open'), target: 'actionsOpen' },
        { target: 'closing' },
      ],
    },
    actionsOpen: {
      on: {
        ActionCompleted: [
          {
            guard: and(['mayCompleteAction', 'completesLastAction']),
            target: 'closing',
            actions: assign(({ context, event }) => actionSettled(context, event)),
          },
          { guard: 'mayCompleteAction', actions: assign(({ context, event }) => actionSettled(context, event)) },
        ],
        ActionMissed: [
          {
            guard: and(['actionOverdue', 'completesLastAction']),
            target: 'closing',
            actions: assign(({ context, event }) => actionSettled(context, event)),
          },
          { guard: 'actionOverdue', actions: assign(({ context, event }) => actionSettled(context, event)) },
        ],
        ActionVaried: {
          guard: 'secretariatWithOpenAction',
          actions: assign(({ context, event }) => ({
            ...ctxOf(context, event),
            actions: context.actions.map((a) =>
              a.actionId === event.data.actionId
                ? {
                    ...a,
                    dueDate: event.data.dueDate ?? a.dueDate,
                    description: event.data.description ?? a.description,
                    ...(event.data.checkOn !== null
                      ? { checkOn: event.data.checkOn, checkRule: event.data.checkRule, calendarVersion: event.data.calendarVersion }
                      : {}),
                  }
                : a,
            ),
          })),
        },
        DisputeWithdrawn: { guard: 'complainant', target: 'closing', actions: 'withdraw' },
        ReferredExternally: {
          guard: 'complainant',
          target: 'closing',
          actions: 'referExternally',
        },
        ReopeningRequested: { guard: 'partyMayRequestReopeningForActions', actions: assign(({ context, event }) => reopeningRequested(context, event)) },
        CaseReopened: { guard: 'chairWithReopeningRequest', target: 'cdg.triage', actions: assign(({ context, event }) => reopened(context, event)) },
        ReopeningRefused: { guard: 'chairWithReopeningRequest', actions: 'refuseReopening' },
      },
    },
    suspended: {
      on: {
        CaseResumed: STEP_NAMES.map((step) => ({
          guard: (({ context, event }: { context: Ctx; event: DisputeMachineEvent }) =>
            context.suspension?.from === step &&
            (event.actor.role === 'secretariat' || event.actor.role === 'system' || isParty(context, event.actor))) as never,
          target: `#dispute.${step}`,
          actions: assign(({ context, event }: { context: Ctx; event: DisputeMachineEvent }) =>
            event.type === 'CaseResumed'
              ? { ...ctxOf(context, event), suspension: null, deadlines: resumeDeadlines(context.deadlines, event.data.movedDeadlines) }
              : {},
          ),
        })),
        CaseSuspended: {
          guard: 'secretariat',
          actions: assign(({ context, event }) => ({
            ...ctxOf(context, event),
            suspensions: context.suspensions + 1,
            suspension: context.suspension ? { ...context.suspension, until: event.data.until } : null,
          })),
        },
        DisputeWithdrawn: { guard: 'complainant', target: 'closing', actions: 'withdraw' },
      },
    },
    /** Passing through: the command that ended the case appends CaseClosed in the same write. */
    closing: {
      on: {
        CaseClosed: { target: 'closed', actions: assign(({ context, event }) => closed(context, event)) },
      },
    },
    closed: {
      on: {
        ReopeningRequested: { guard: 'partyMayRequestReopeningOfClosedCase', actions: assign(({ context, event }) => reopeningRequested(context, event)) },
        CaseReopened: STEP_NAMES.filter((s) => s === 'informal.inDiscussion' || s === 'formal.awaitingResponse' || s === 'cdg.triage').map(
          (step) => ({
            guard: (({ context, event }: { context: Ctx; event: DisputeMachineEvent }) =>
              event.actor.role === 'chair' && context.reopening?.decision === 'pending' && context.reopening.resumeTo === step) as never,
            target: `#dispute.${step}`,
            actions: assign(({ context, event }: { context: Ctx; event: DisputeMachineEvent }) =>
              event.type === 'CaseReopened' ? reopened(context, event) : {},
            ),
          }),
        ),
        ReopeningRefused: { guard: 'chairWithReopeningRequest', actions: 'refuseReopening' },
        ReferredExternally: {
          guard: 'complainantMayReferClosedCase',
          target: 'closing',
          actions: 'referExternally',
        },
        ExternalOutcomeRecorded: {
          guard: 'secretariatAfterExternalReferral',
          actions: assign(({ context, event }) => ({
            ...ctxOf(context, event),
            external: context.external ? { ...context.external, outcomes: [...context.external.outcomes, event.data.outcome] } : null,
          })),
        },
      },
    },
  },
});

function referred(c: Ctx, e: Ev<'ReferredExternally'>): Ctx {
  return {
    ...c,
    external: { body: e.data.body, reference: e.data.reference, outcomes: [], previousOutcome: c.outcome },
  };
}

export type DisputeMachine = typeof disputeMachine;
