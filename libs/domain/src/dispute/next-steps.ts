import { type Actor, type Role } from '../shared/actor.js';
import { currentAppointees, pendingObjection } from './cdg/cdg.rules.js';
import { DEADLINE_RULES, type Deadline, type DeadlineStep } from './clocks/deadline-rules.js';
import { mayNow } from './decide-dispute.js';
import { type CaseCommandName } from './dispute-commands.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeSnapshot } from './dispute-state.js';
import { type OwedStep } from './machine-kit.js';
import { partyIds } from './parties.js';
import { type OwedBy } from './vocabulary.js';

/** Whose queue a step sits in: an organisation's people, one appointed person, or the CDG (secretariat and chair). */
export type WorkAudience = 'organisation' | 'person' | 'cdg';

/**
 * One thing someone must do next on a case, as the machine says: what its current state owes
 * (each state's `meta`), to whom the machine lets it be done now. Only facts from the log:
 * "overdue" and "reminder" depend on today and are for whoever reads it.
 */
export interface NextStep {
  readonly audience: WorkAudience;
  /** Organisation id, person id, or '' for the CDG. */
  readonly audienceId: string;
  /** The role that acts on it. */
  readonly forRole: Role;
  /** The clock it runs on (a DEADLINE_RULES step), or `agreed-action` / `objection`. */
  readonly step: OwedStep['clock'];
  /** The command to send; null when the step has no command of its own (a respondent's share of resolving informally). */
  readonly action: CaseCommandName | null;
  /** Other commands that also settle the step, as the machine allows them now. */
  readonly alternatives: readonly CaseCommandName[];
  readonly title: string;
  readonly dueOn: string | null;
  readonly owedBy: OwedBy | 'owner';
  /** The organisation that owes it, for organisation steps (and the objecting party, for an objection). */
  readonly organisationId: string | null;
  readonly deadlineId: string | null;
  readonly actionId: string | null;
  /** The deadline has been recorded missed and the step is still outstanding. */
  readonly missed: boolean;
}

/** Someone a step may be owed by: whose queue it sits in, and in which role they act on it. */
type Ower = Pick<NextStep, 'audience' | 'audienceId' | 'forRole' | 'organisationId'>;

/** The actor a step is for, as the machine is asked about it: a partner of the organisation, the appointee, or the CDG role. */
export function actorOf(step: Ower): Actor {
  return {
    personId: step.audience === 'person' ? step.audienceId : '',
    role: step.forRole,
    organisationId: step.audience === 'organisation' ? step.audienceId : null,
  };
}

const organisation = (organisationId: string): Ower => ({ audience: 'organisation', audienceId: organisationId, forRole: 'partner', organisationId });

const cdgRole = (forRole: 'chair' | 'secretariat'): Ower => ({ audience: 'cdg', audienceId: '', forRole, organisationId: null });

function owersOf(c: DisputeContext, by: OwedStep['by']): Ower[] {
  switch (by) {
    case 'complainant':
      return [organisation(c.complainantId)];
    case 'respondents':
      return c.respondentIds.map(organisation);
    case 'parties':
      return partyIds(c).map(organisation);
    case 'appointees':
      return currentAppointees(c).map((a) => ({ audience: 'person', audienceId: a.personId, forRole: a.role, organisationId: null }));
    case 'chair':
    case 'secretariat':
      return [cdgRole(by)];
    case 'action-owners':
      return [];
  }
}

/** The commands of a step the machine lets this ower send now, the usual one first. */
function allowedOf(snapshot: DisputeSnapshot, owed: OwedStep, ower: Ower, at: string): CaseCommandName[] {
  if (owed.commands.length === 0) return [];
  const actor = actorOf(ower);
  return owed.commands.filter((name) => mayNow(snapshot, name, actor, at));
}

/** The clock that still matters for a step: the latest one neither met nor cancelled (open, or recorded missed). */
function clockOf(c: DisputeContext, step: DeadlineStep, organisationId: string | null): Deadline | undefined {
  const candidates = c.deadlines.filter(
    (d) =>
      d.step === step && (d.status === 'open' || d.status === 'missed') && (organisationId === null || d.owedByOrganisationIds.includes(organisationId)),
  );
  return candidates[candidates.length - 1];
}

/** Each open agreed action is owed by its owner, a party or not (an owner may see the case: maySeeCase). */
function agreedActionSteps(snapshot: DisputeSnapshot, owed: OwedStep, at: string): NextStep[] {
  const c = snapshot.context;
  const parties = new Set(partyIds(c));
  return c.actions
    .filter((a) => a.status === 'open')
    .flatMap((a): NextStep[] => {
      const owner = organisation(a.ownerId);
      const allowed = allowedOf(snapshot, owed, owner, at);
      if (allowed.length === 0) return [];
      return [
        {
          ...owner,
          step: 'agreed-action' as const,
          action: allowed[0] ?? null,
          alternatives: allowed.slice(1),
          title: `Complete the agreed action: ${a.description}`,
          dueOn: a.dueDate,
          owedBy: a.ownerId === c.complainantId ? ('complainant' as const) : parties.has(a.ownerId) ? ('respondent' as const) : ('owner' as const),
          deadlineId: null,
          actionId: a.actionId,
          missed: false,
        },
      ];
    });
}

function stepsOf(snapshot: DisputeSnapshot, owed: OwedStep, at: string): NextStep[] {
  if (owed.by === 'action-owners') return agreedActionSteps(snapshot, owed, at);
  const c = snapshot.context;
  return owersOf(c, owed.by).flatMap((ower): NextStep[] => {
    const allowed = allowedOf(snapshot, owed, ower, at);
    // Owed only through commands the machine does not allow this ower now: not theirs to do.
    if (owed.commands.length > 0 && allowed.length === 0) return [];
    // Written out field by field, in the order the fields always had, rather than spread from the
    // ower: this runs for every step of every case on every event the work queue folds.
    const { audience, audienceId, forRole } = ower;
    const action = allowed[0] ?? null;
    const alternatives = allowed.slice(1);
    if (owed.clock === 'objection') {
      const objection = pendingObjection(c);
      return [
        {
          audience,
          audienceId,
          forRole,
          // The CDG rules on it; the party that objected is named.
          organisationId: objection?.organisationId ?? null,
          action,
          alternatives,
          step: owed.clock,
          title: owed.title ?? 'Rule on the objection',
          dueOn: null,
          owedBy: 'cdg' as const,
          deadlineId: null,
          actionId: null,
          missed: false,
        },
      ];
    }
    const step = owed.clock;
    if (step === 'agreed-action') return []; // only ever owed by the actions' owners, above
    const rule = DEADLINE_RULES[step];
    const clock = clockOf(c, step, ower.organisationId);
    return [
      {
        audience,
        audienceId,
        forRole,
        organisationId: ower.organisationId,
        action,
        alternatives,
        step,
        title: owed.title ?? rule.title,
        dueOn: clock?.dueOn ?? null,
        owedBy: rule.owedBy,
        deadlineId: clock?.id ?? null,
        actionId: null,
        missed: clock?.status === 'missed',
      },
    ];
  });
}

/**
 * Everything outstanding on a case, as the machine says it at `at` (the time of its last event):
 * what its states owe, deepest state first, each to whom the machine lets it be done now.
 */
export function nextSteps(snapshot: DisputeSnapshot, at: string): NextStep[] {
  const owedInState = Object.values(snapshot.getMeta()).reverse();
  return owedInState.flatMap((meta) => meta?.owed ?? []).flatMap((owed) => stepsOf(snapshot, owed, at));
}
