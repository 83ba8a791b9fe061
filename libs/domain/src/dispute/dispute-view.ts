import { type Actor } from '../shared/actor.js';
import { maySeeCdgMaterial, viewerOf } from './case-visibility.js';
import { allowedCommands } from './decide-dispute.js';
import { type DisputeSnapshot, stageOfSnapshot, stateNameOf } from './dispute-state.js';

/**
 * The case as api.md shows it (everything but the revision, which the store knows). `allowed` is
 * for the actor. Whether CDG-only notes are shown is the caller's to say: judged for the person with
 * all their roles, on the case as it is now (a past state shown to a former appointee is not theirs
 * to read in full); by default, for the actor on this state.
 */
export function disputeView(
  snapshot: DisputeSnapshot,
  viewer: Actor,
  at: string,
  seesCdgMaterial: boolean = maySeeCdgMaterial(snapshot.context, viewerOf(viewer)),
) {
  const c = snapshot.context;
  const state = stateNameOf(snapshot);
  return {
    id: c.caseId,
    state,
    stage: stageOfSnapshot(snapshot),
    highestStage: c.highestStage,
    complainantId: c.complainantId,
    respondentIds: c.respondentIds,
    parties: c.parties,
    clauses: c.clauses,
    urgent: c.urgent,
    summary: c.summary,
    details: c.details,
    desiredOutcome: c.desiredOutcome,
    openedAt: c.openedAt,
    lastEventAt: c.lastEventAt,
    clauseChecks: c.clauseChecks,
    deadlines: c.deadlines
      .filter((d) => d.status !== 'cancelled')
      .map((d) => ({
        id: d.id,
        step: d.step,
        dueOn: d.dueOn,
        owedBy: d.owedBy,
        owedByOrganisationIds: d.owedByOrganisationIds,
        status: d.status,
        startedOn: d.startedOn,
        workingDays: d.workingDays,
        rule: d.rule,
        calendarVersion: d.calendarVersion,
        ...(d.remainingWorkingDays !== null ? { remainingWorkingDays: d.remainingWorkingDays } : {}),
      })),
    actions: c.actions.map((a) => ({
      actionId: a.actionId,
      description: a.description,
      ownerId: a.ownerId,
      dueDate: a.dueDate,
      clause: a.clause,
      status: a.status,
      completedAt: a.completedAt,
    })),
    route: c.route,
    mediatorId: c.mediatorId,
    panel: c.panel,
    objections: c.objections,
    finding: c.finding,
    recommendations: c.recommendations,
    findingsResponses: c.findingsResponses,
    suspension: c.suspension,
    reopening: c.reopening,
    external: c.external,
    notes: seesCdgMaterial ? c.notes : c.notes.filter((n) => n.visibility !== 'cdg'),
    evidence: c.evidence,
    lessons: c.lessons,
    ...(c.outcome !== null ? { outcome: c.outcome, closedAt: c.closedAt } : {}),
    allowed: state === 'new' ? [] : allowedCommands(snapshot, viewer, at),
  };
}

export type DisputeView = ReturnType<typeof disputeView>;
