import {
  DEADLINE_RULES,
  type Deadline,
  type DeadlineStep,
  type DisputeContext,
  type DisputeSnapshot,
  type OwedBy,
  type Role,
  stateNameOf,
} from '#domain';

/** Whose queue an item sits in: an organisation's people, one appointed person, or the CDG (secretariat and chair). */
export type WorkAudience = 'organisation' | 'person' | 'cdg';

/**
 * One thing someone must do next on a case, as the case's events leave it. Only facts from the log:
 * "overdue" and "reminder" depend on today and are worked out when the queue is read.
 */
export interface WorkItemSpec {
  readonly audience: WorkAudience;
  /** Organisation id, person id, or '' for the CDG. */
  readonly audienceId: string;
  /** The role that acts on it. */
  readonly forRole: Role;
  /** `task`: something to do; `alert`: a CDG deadline was recorded missed (for the chair). */
  readonly kind: 'task' | 'alert';
  /** The clock it runs on (a DEADLINE_RULES step), or `agreed-action` / `objection`. */
  readonly step: string;
  /** The command to send; null when the step has no command of its own (resolving informally, an alert). */
  readonly action: string | null;
  /** Other commands that also settle the step. */
  readonly alternatives: readonly string[];
  readonly title: string;
  readonly dueOn: string | null;
  readonly owedBy: OwedBy | 'owner';
  /** The organisation that owes it, for organisation items. */
  readonly organisationId: string | null;
  readonly deadlineId: string | null;
  readonly actionId: string | null;
  /** The deadline has been recorded missed and the step is still outstanding. */
  readonly missed: boolean;
}

type C = DisputeContext;

/** The clock that still matters for a step: the latest one neither met nor cancelled (open, or recorded missed). */
function clockOf(c: C, step: DeadlineStep, organisationId?: string): Deadline | undefined {
  const candidates = c.deadlines.filter(
    (d) =>
      d.step === step &&
      (d.status === 'open' || d.status === 'missed') &&
      (organisationId === undefined || d.owedByOrganisationIds.includes(organisationId)),
  );
  return candidates[candidates.length - 1];
}

interface ItemInput {
  readonly audience: WorkAudience;
  readonly audienceId: string;
  readonly forRole: Role;
  readonly step: DeadlineStep;
  readonly action: string | null;
  readonly alternatives?: readonly string[];
  readonly organisationId?: string;
  readonly title?: string;
}

function item(c: C, input: ItemInput): WorkItemSpec {
  const clock = clockOf(c, input.step, input.organisationId);
  const rule = DEADLINE_RULES[input.step];
  return {
    audience: input.audience,
    audienceId: input.audienceId,
    forRole: input.forRole,
    kind: 'task',
    step: input.step,
    action: input.action,
    alternatives: input.alternatives ?? [],
    title: input.title ?? rule.title,
    dueOn: clock?.dueOn ?? null,
    owedBy: rule.owedBy,
    organisationId: input.organisationId ?? null,
    deadlineId: clock?.id ?? null,
    actionId: null,
    missed: clock?.status === 'missed',
  };
}

const party = (c: C, organisationId: string, step: DeadlineStep, action: string | null, extra: Partial<ItemInput> = {}) =>
  item(c, { audience: 'organisation', audienceId: organisationId, forRole: 'partner', organisationId, step, action, ...extra });

const cdg = (c: C, forRole: Role, step: DeadlineStep, action: string | null, extra: Partial<ItemInput> = {}) =>
  item(c, { audience: 'cdg', audienceId: '', forRole, step, action, ...extra });

const appointees = (c: C): { personId: string; role: Role }[] =>
  c.mediatorId !== null
    ? [{ personId: c.mediatorId, role: 'mediator' }]
    : c.panel
      ? [c.panel.chairId, c.panel.statutoryMemberId, c.panel.vcsMemberId].map((personId) => ({ personId, role: 'panelist' as const }))
      : [];

function stepItems(c: C, state: string): WorkItemSpec[] {
  switch (state) {
    case 'informal.awaitingAcknowledgement':
      return c.respondentIds.map((r) => party(c, r, 'acknowledgement', 'acknowledge'));
    case 'informal.inDiscussion':
      return [
        party(c, c.complainantId, 'informal-resolution', 'agree-resolution', { alternatives: ['lodge-formal', 'withdraw'] }),
        ...c.respondentIds.map((r) => party(c, r, 'informal-resolution', null)),
      ];
    case 'formal.awaitingAcknowledgement':
      return c.respondentIds.map((r) => party(c, r, 'formal-acknowledgement', 'acknowledge'));
    case 'formal.awaitingResponse':
      return c.respondentIds.map((r) =>
        party(c, r, 'formal-response', 'respond', { alternatives: c.responseExtensionUsed ? [] : ['extend-response-deadline'] }),
      );
    case 'formal.awaitingDecision':
      return [party(c, c.complainantId, 'complainant-decision', 'refer-to-cdg', { alternatives: ['agree-resolution', 'refer-externally'] })];
    case 'cdg.triage':
      return c.route === null
        ? [cdg(c, 'chair', 'cdg-triage', 'choose-route', { title: 'Choose the route: mediation or panel' })]
        : [
            cdg(c, 'secretariat', 'cdg-triage', c.route === 'mediation' ? 'appoint-mediator' : 'appoint-panel', {
              title: c.route === 'mediation' ? 'Appoint a mediator' : 'Appoint the panel',
            }),
          ];
    case 'cdg.mediation':
      return appointees(c).map((a) =>
        item(c, {
          audience: 'person',
          audienceId: a.personId,
          forRole: a.role,
          step: 'mediation',
          action: 'agree-resolution',
          alternatives: ['record-session', 'end-mediation'],
        }),
      );
    case 'cdg.panel.hearing':
    case 'cdg.panel.deliberation': {
      const step: DeadlineStep = state === 'cdg.panel.hearing' ? 'panel-hearing' : 'panel-findings';
      const action = state === 'cdg.panel.hearing' ? 'record-hearing' : 'issue-findings';
      return appointees(c).map((a) => item(c, { audience: 'person', audienceId: a.personId, forRole: a.role, step, action }));
    }
    case 'cdg.awaitingResponses': {
      const answered = new Set(c.findingsResponses.map((r) => r.organisationId));
      return [c.complainantId, ...c.respondentIds]
        .filter((org) => !answered.has(org))
        .map((org) => party(c, org, 'findings-response', 'respond-to-findings'));
    }
    case 'actionsOpen': {
      const parties = new Set([c.complainantId, ...c.respondentIds]);
      return c.actions
        .filter((a) => a.status === 'open')
        .map((a) => {
          const owedByParty = parties.has(a.ownerId);
          return {
            // The owner completes it, a party or not (an owner may see the case: maySeeCase).
            audience: 'organisation' as const,
            audienceId: a.ownerId,
            forRole: 'partner' as const,
            kind: 'task' as const,
            step: 'agreed-action',
            action: 'complete-action',
            alternatives: [],
            title: `Complete the agreed action: ${a.description}`,
            dueOn: a.dueDate,
            owedBy: a.ownerId === c.complainantId ? ('complainant' as const) : owedByParty ? ('respondent' as const) : ('owner' as const),
            organisationId: a.ownerId,
            deadlineId: null,
            actionId: a.actionId,
            missed: false,
          };
        });
    }
    default:
      return [];
  }
}

/** Objections and reopening requests wait for the chair whatever step the case is in. */
function chairItems(c: C): WorkItemSpec[] {
  const items: WorkItemSpec[] = [];
  const appointed = new Set(appointees(c).map((a) => a.personId));
  const objection = c.objections.find((o) => o.status === 'pending' && appointed.has(o.personId));
  if (objection) {
    items.push({
      audience: 'cdg',
      audienceId: '',
      forRole: 'chair',
      kind: 'task',
      step: 'objection',
      action: 'rule-on-objection',
      alternatives: [],
      title: 'Rule on the objection to an appointment',
      dueOn: null,
      owedBy: 'cdg',
      organisationId: objection.organisationId,
      deadlineId: null,
      actionId: null,
      missed: false,
    });
  }
  if (c.reopening?.decision === 'pending') items.push(cdg(c, 'chair', 'reopening-decision', 'decide-reopening'));
  return items;
}

/**
 * A CDG clock recorded missed on a step someone else's queue holds: the chair is alerted, once per
 * clock (the three panelists each hold the hearing, but it is one deadline).
 */
function alerts(items: readonly WorkItemSpec[]): WorkItemSpec[] {
  const missed = items.filter((i) => i.missed && i.owedBy === 'cdg' && i.audience !== 'cdg');
  return missed
    .filter((i, index) => missed.findIndex((other) => other.deadlineId === i.deadlineId) === index)
    .map((i) => ({
      ...i,
      audience: 'cdg' as const,
      audienceId: '',
      forRole: 'chair' as const,
      kind: 'alert' as const,
      action: null,
      alternatives: [],
      title: `Missed CDG deadline: ${i.title}`,
      organisationId: null,
    }));
}

/** Everything outstanding on a case, in a stable order, from its state and context only. */
export function workItemsOf(snapshot: DisputeSnapshot): WorkItemSpec[] {
  const state = stateNameOf(snapshot);
  const c = snapshot.context;
  if (state === 'new') return [];
  const items = [...stepItems(c, state), ...chairItems(c)];
  return [...items, ...alerts(items)];
}
