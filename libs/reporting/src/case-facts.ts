import {
  type ClauseCheckResult,
  type DisputeMachineEvent,
  type DisputeSnapshot,
  type IsoDate,
  londonDateOf,
  type Outcome,
  type Sector,
  stageOfSnapshot,
  stateNameOf,
} from '#domain';

/**
 * What the annual report needs to know about one case, gathered event by event from the case's
 * states before and after each event (the machine decides what each event means; this only
 * records it with its London date). Plain JSON, so a projection can store it.
 */
export interface CaseFacts {
  readonly caseId: string;
  readonly raisedOn: IsoDate;
  readonly urgent: boolean;
  readonly clauses: readonly string[];
  readonly complainant: PartyFact;
  readonly respondents: readonly PartyFact[];
  readonly checks: readonly { readonly clause: string; readonly result: ClauseCheckResult }[];
  /** Each time the case was in stage 1, 2 or 3: from the day it entered to the day it left (null: still there). */
  readonly stageSpells: readonly { readonly stage: 1 | 2 | 3; readonly from: IsoDate; readonly to: IsoDate | null }[];
  /** Each time the case was open: from raising (or reopening) to closure (null: still open). */
  readonly openSpells: readonly { readonly from: IsoDate; readonly to: IsoDate | null }[];
  /** Each closure, with the outcome it had and any later change while it stayed closed (a referral to an outside body). */
  readonly closures: readonly { readonly on: IsoDate; readonly outcomes: readonly ClosureOutcome[] }[];
  /** Deadlines that were met or missed (cancelled and running ones are not here). */
  readonly deadlines: readonly {
    readonly deadlineId: string;
    readonly step: string;
    readonly owedBy: string;
    readonly organisationIds: readonly string[];
    readonly met: boolean;
    readonly on: IsoDate;
  }[];
  /** Agreed actions that were settled: completed (on time or late), missed, or ended unfinished by closure or reopening. */
  readonly actions: readonly { readonly actionId: string; readonly ownerId: string; readonly result: ActionResult; readonly on: IsoDate }[];
  readonly extensions: readonly { readonly on: IsoDate; readonly kind: ExtensionKind }[];
  readonly suspensions: readonly { readonly on: IsoDate; readonly renewal: boolean }[];
  readonly reopenings: readonly {
    readonly requestedOn: IsoDate;
    readonly decision: { readonly granted: boolean; readonly on: IsoDate } | null;
  }[];
  readonly lessons: readonly { readonly lessonId: string; readonly clause: string | null; readonly on: IsoDate }[];
}

export interface PartyFact {
  readonly organisationId: string;
  readonly sector: Sector;
  readonly type: string;
}

export interface ClosureOutcome {
  readonly on: IsoDate;
  readonly outcome: Outcome;
  /** 1–3, or 4 once referred to an outside body. */
  readonly highestStage: number;
}

export const ACTION_RESULTS = ['on-time', 'late', 'missed', 'unfinished'] as const;
export type ActionResult = (typeof ACTION_RESULTS)[number];

export const EXTENSION_KINDS = ['respondent', 'consent'] as const;
export type ExtensionKind = (typeof EXTENSION_KINDS)[number];

const runningStage = (snapshot: DisputeSnapshot): 1 | 2 | 3 | null => {
  const stage = stageOfSnapshot(snapshot);
  return stage === 1 || stage === 2 || stage === 3 ? stage : null;
};

const settledDeadline = (status: string) => status === 'met' || status === 'missed';

/**
 * The case's facts after one more event: `before` and `after` are the machine's states either side
 * of it. Returns the same object when the event changes nothing the report counts.
 */
export function nextCaseFacts(facts: CaseFacts | null, before: DisputeSnapshot, after: DisputeSnapshot, event: DisputeMachineEvent): CaseFacts {
  const on = londonDateOf(event.at);
  let f: CaseFacts = facts ?? raisedFacts(event, on);
  const c = after.context;

  const stageBefore = runningStage(before);
  const stageAfter = runningStage(after);
  if (stageBefore !== stageAfter) {
    const spells = f.stageSpells.map((s) => (s.to === null && s.stage === stageBefore ? { ...s, to: on } : s));
    f = { ...f, stageSpells: stageAfter === null ? spells : [...spells, { stage: stageAfter, from: on, to: null }] };
  }

  if (event.type === 'CaseReopened') f = { ...f, openSpells: [...f.openSpells, { from: on, to: null }] };
  if (event.type === 'CaseClosed') {
    const outcome: ClosureOutcome = { on, outcome: event.data.outcome, highestStage: c.highestStage ?? 0 };
    const open = f.openSpells.some((s) => s.to === null);
    if (open) {
      f = {
        ...f,
        openSpells: f.openSpells.map((s) => (s.to === null ? { ...s, to: on } : s)),
        closures: [...f.closures, { on, outcomes: [outcome] }],
      };
    } else {
      // Closed again while closed (referred to an outside body after closure): the same closure, a new outcome.
      const last = f.closures[f.closures.length - 1];
      if (last) f = { ...f, closures: [...f.closures.slice(0, -1), { ...last, outcomes: [...last.outcomes, outcome] }] };
    }
  }

  const wasSettled = new Set(before.context.deadlines.filter((d) => settledDeadline(d.status)).map((d) => d.id));
  const newlySettled = c.deadlines.filter((d) => settledDeadline(d.status) && !wasSettled.has(d.id));
  if (newlySettled.length > 0) {
    f = {
      ...f,
      deadlines: [
        ...f.deadlines,
        ...newlySettled.map((d) => ({
          deadlineId: d.id,
          step: d.step,
          owedBy: d.owedBy,
          organisationIds: d.owedByOrganisationIds,
          met: d.status === 'met',
          on: d.settledAt ? londonDateOf(d.settledAt) : on,
        })),
      ],
    };
  }

  // By position, not id: actions are only ever appended, and a reopened case may agree an "A1" again.
  const settledActions = c.actions.filter((a, i) => a.status !== 'open' && before.context.actions[i]?.status === 'open');
  if (settledActions.length > 0) {
    f = {
      ...f,
      actions: [
        ...f.actions,
        ...settledActions.map((a) => ({
          actionId: a.actionId,
          ownerId: a.ownerId,
          result: (a.status === 'completed'
            ? londonDateOf(a.completedAt ?? event.at) <= a.dueDate
              ? 'on-time'
              : 'late'
            : a.status === 'missed'
              ? 'missed'
              : 'unfinished') as ActionResult,
          on,
        })),
      ],
    };
  }

  switch (event.type) {
    case 'ResponseDeadlineExtended':
      return { ...f, extensions: [...f.extensions, { on, kind: 'respondent' }] };
    case 'DeadlineExtended':
      return { ...f, extensions: [...f.extensions, { on, kind: 'consent' }] };
    case 'CaseSuspended':
      return { ...f, suspensions: [...f.suspensions, { on, renewal: stateNameOf(before) === 'suspended' }] };
    case 'ReopeningRequested':
      return { ...f, reopenings: [...f.reopenings, { requestedOn: on, decision: null }] };
    case 'CaseReopened':
    case 'ReopeningRefused':
      return {
        ...f,
        reopenings: f.reopenings.map((r) => (r.decision === null ? { ...r, decision: { granted: event.type === 'CaseReopened', on } } : r)),
      };
    case 'LessonRecorded':
      return { ...f, lessons: [...f.lessons, { lessonId: event.data.lessonId, clause: event.data.clause, on }] };
    default:
      return f;
  }
}

function raisedFacts(event: DisputeMachineEvent, on: IsoDate): CaseFacts {
  if (event.type !== 'DisputeRaised') throw new Error(`A case's first event must be DisputeRaised, not ${event.type}`);
  const d = event.data;
  const party = (id: string): PartyFact => {
    const p = d.parties.find((x) => x.organisationId === id);
    return { organisationId: id, sector: p?.sector ?? 'vcs', type: p?.type ?? '' };
  };
  return {
    caseId: d.caseId,
    raisedOn: on,
    urgent: d.urgent,
    clauses: [...new Set(d.clauses)],
    complainant: party(d.complainantId),
    respondents: [...new Set(d.respondentIds)].map(party),
    checks: d.clauseChecks.map((c) => ({ clause: c.clause, result: c.result })),
    stageSpells: [],
    openSpells: [{ from: on, to: null }],
    closures: [],
    deadlines: [],
    actions: [],
    extensions: [],
    suspensions: [],
    reopenings: [],
    lessons: [],
  };
}
