import { WorkingDayCalendar } from '../../calendar/index.js';
import { type DirectoryLookup, type OrganisationRecord, type PersonRecord } from '../../directory/directory-lookup.js';
import { type Actor } from '../../shared/actor.js';
import { decideDispute } from '../decide-dispute.js';
import { type DisputeCommand, type DisputeCommandMap, type DisputeCommandName } from '../dispute-commands.js';
import { type DisputeContext, type StepName } from '../dispute-context.js';
import { type DisputeEvent, type DisputeMachineEvent } from '../dispute-events.js';
import { applyDisputeEvent, type DisputeSnapshot, initialDisputeSnapshot, stateNameOf } from '../dispute-state.js';
import { command, DEFAULT_PAYLOADS } from './commands.js';

/**
 * Given/when/then for the pure case: a small fixed cast of organisations and people, a fixed
 * clock that the scenario moves on explicitly, and the real machine and deciders.
 */
export const calendar = new WorkingDayCalendar('date-holidays@test GB-ENG');

const org = (organisationId: string, sector: 'statutory' | 'vcs', type: string): OrganisationRecord => ({
  organisationId,
  name: organisationId,
  sector,
  type,
  signedAt: '2020-01-01T00:00:00Z',
  leftAt: null,
});

export const ORGS = {
  council: org('council', 'statutory', 'district council'),
  charity: org('charity', 'vcs', 'charity'),
  nhs: org('nhs', 'statutory', 'NHS trust'),
  parish: org('parish', 'statutory', 'parish council'),
  other: org('other', 'vcs', 'community group'),
  departed: { ...org('departed', 'vcs', 'charity'), leftAt: '2025-06-30T00:00:00Z' },
};

const person = (personId: string, roles: PersonRecord['roles'], organisationId: string | null, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  personId,
  name: personId,
  email: `${personId}@example.org`,
  roles,
  organisationId,
  memberships: organisationId ? [{ organisationId, from: '2020-01-01T00:00:00Z', to: null }] : [],
  compactLeadFor: [],
  ...extra,
});

export const PEOPLE = {
  mediator: person('mediator', ['mediator'], null),
  conflictedMediator: person('conflicted-mediator', ['mediator'], 'council'),
  formerCouncilMediator: person('former-mediator', ['mediator'], null, {
    memberships: [{ organisationId: 'council', from: '2019-01-01T00:00:00Z', to: '2026-01-10T00:00:00Z' }],
  }),
  leadCouncillorMediator: person('lead-councillor', ['mediator'], null, { compactLeadFor: ['council'] }),
  /** Left the council more than 12 months before the scenario starts: free to serve. */
  longGoneMediator: person('long-gone-mediator', ['mediator'], null, {
    memberships: [{ organisationId: 'council', from: '2015-01-01T00:00:00Z', to: '2025-01-31T00:00:00Z' }],
  }),
  secondMediator: person('mediator-2', ['mediator'], null),
  noRolePerson: person('no-role', [], null),
  panelChair: person('panel-chair', ['panelist'], null),
  secondPanelChair: person('panel-chair-2', ['panelist'], null),
  statutoryPanelist: person('statutory-panelist', ['panelist'], 'nhs'),
  secondStatutoryPanelist: person('statutory-panelist-2', ['panelist'], 'parish'),
  councilPanelist: person('council-panelist', ['panelist'], 'council'),
  vcsPanelist: person('vcs-panelist', ['panelist'], 'other'),
  secondVcsPanelist: person('vcs-panelist-2', ['panelist'], 'other'),
};

export const directory: DirectoryLookup = {
  organisation: (id) => Object.values(ORGS).find((o) => o.organisationId === id),
  person: (id) => Object.values(PEOPLE).find((p) => p.personId === id),
};

export const ACTORS = {
  complainant: { personId: 'charity-officer', role: 'partner', organisationId: 'charity' },
  respondent: { personId: 'council-officer', role: 'partner', organisationId: 'council' },
  stranger: { personId: 'other-officer', role: 'partner', organisationId: 'other' },
  secretariat: { personId: 'secretariat-1', role: 'secretariat', organisationId: null },
  chair: { personId: 'cdg-chair', role: 'chair', organisationId: null },
  mediator: { personId: 'mediator', role: 'mediator', organisationId: null },
  otherMediator: { personId: 'former-mediator', role: 'mediator', organisationId: null },
  panelChair: { personId: 'panel-chair', role: 'panelist', organisationId: null },
  statutoryPanelist: { personId: 'statutory-panelist', role: 'panelist', organisationId: null },
  auditor: { personId: 'auditor-1', role: 'auditor', organisationId: null },
  system: { personId: 'system', role: 'system', organisationId: null },
  // The wider cast: further parties, appointees and the secretariat recording for a party.
  nhsOfficer: { personId: 'nhs-officer', role: 'partner', organisationId: 'nhs' },
  parishOfficer: { personId: 'parish-clerk', role: 'partner', organisationId: 'parish' },
  admin: { personId: 'admin-1', role: 'admin', organisationId: null },
  secondMediator: { personId: 'mediator-2', role: 'mediator', organisationId: null },
  vcsPanelist: { personId: 'vcs-panelist', role: 'panelist', organisationId: null },
  secondPanelChair: { personId: 'panel-chair-2', role: 'panelist', organisationId: null },
  secretariatForComplainant: {
    personId: 'secretariat-1',
    role: 'secretariat',
    organisationId: null,
    onBehalfOf: { organisationId: 'charity', reason: 'The charity officer is on leave' },
  },
  secretariatForRespondent: {
    personId: 'secretariat-1',
    role: 'secretariat',
    organisationId: null,
    onBehalfOf: { organisationId: 'council', reason: 'Received by post' },
  },
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

/** Monday 2 March 2026, 10:00 London (GMT). */
export const START = '2026-03-02T10:00:00Z';

export class DisputeScenario {
  private snapshot: DisputeSnapshot = initialDisputeSnapshot();
  readonly log: DisputeMachineEvent[] = [];
  at: string;

  constructor(at = START) {
    this.at = at;
  }

  /** Moves the scenario’s clock to an instant (ISO) or on by a number of days (fractions are hours). */
  advance(to: string | number): this {
    this.at = typeof to === 'number' ? new Date(Date.parse(this.at) + to * 86_400_000).toISOString() : to;
    return this;
  }

  run(actor: ActorName | Actor, command: DisputeCommand): DisputeEvent[] {
    const who = typeof actor === 'string' ? ACTORS[actor] : actor;
    const decision = decideDispute(this.snapshot, command, { at: this.at, actor: who, calendar, directory });
    this.snapshot = decision.snapshot;
    this.log.push(...decision.events.map((e) => ({ ...e, actor: who, at: this.at }) as DisputeMachineEvent));
    return decision.events;
  }

  raise(overrides: Partial<Extract<DisputeCommand, { name: 'raise' }>['payload']> = {}, by: ActorName | Actor = 'complainant'): this {
    this.run(by, { name: 'raise', payload: { ...DEFAULT_PAYLOADS.raise, ...overrides } });
    return this;
  }

  /** Takes a step for the given part of the story (default payload, overridden where said). */
  step<K extends DisputeCommandName>(actor: ActorName | Actor, name: K, overrides: Partial<DisputeCommandMap[K]> = {}): this {
    this.run(actor, command(name, overrides));
    return this;
  }

  /** Decides a command without keeping the result: the events it would record, or what it threw. */
  peek(actor: ActorName | Actor, cmd: DisputeCommand): { events: DisputeEvent[] } | { error: unknown } {
    const who = typeof actor === 'string' ? ACTORS[actor] : actor;
    try {
      return { events: decideDispute(this.snapshot, cmd, { at: this.at, actor: who, calendar, directory }).events };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Sends a command that must be refused, and returns what it threw. A refusal must leave the case
   * exactly as it was: same snapshot, no new events.
   */
  attempt(actor: ActorName | Actor, cmd: DisputeCommand): unknown {
    const before = this.snapshot;
    const logLength = this.log.length;
    try {
      this.run(actor, cmd);
    } catch (error) {
      if (this.snapshot !== before || this.log.length !== logLength) throw new Error(`refused ${cmd.name} changed the case`);
      return error;
    }
    throw new Error(`${cmd.name} by ${typeof actor === 'string' ? actor : actor.personId} was accepted in ${this.state}`);
  }

  /**
   * Walks the standard story (charity against council, one respondent) from wherever the case is
   * until it reaches `target`: raise, acknowledge, lodge, acknowledge, respond, refer, then
   * mediation (only when the target is mediation) or a panel, hearing, findings, everyone accepts.
   */
  upTo(target: StepName | 'actionsOpen'): this {
    for (let guard = 0; this.state !== target; guard += 1) {
      if (guard > 20) throw new Error(`upTo(${target}) got stuck in ${this.state}`);
      switch (this.state) {
        case 'new':
          this.raise();
          break;
        case 'informal.awaitingAcknowledgement':
        case 'formal.awaitingAcknowledgement':
          this.step('respondent', 'acknowledge');
          break;
        case 'informal.inDiscussion':
          this.step('complainant', 'lodge-formal');
          break;
        case 'formal.awaitingResponse':
          this.step('respondent', 'respond');
          break;
        case 'formal.awaitingDecision':
          this.step('complainant', 'refer-to-cdg');
          break;
        case 'cdg.triage': {
          const route = target === 'cdg.mediation' ? 'mediation' : 'panel';
          if (this.context.route !== route) this.step('chair', 'choose-route', { route });
          if (route === 'mediation') this.step('secretariat', 'appoint-mediator');
          else this.step('secretariat', 'appoint-panel');
          break;
        }
        case 'cdg.panel.hearing':
          this.step('panelChair', 'record-hearing', { heldOn: this.today });
          break;
        case 'cdg.panel.deliberation':
          this.step('panelChair', 'issue-findings');
          break;
        case 'cdg.awaitingResponses':
          this.step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
          break;
        default:
          throw new Error(`upTo(${target}) cannot go on from ${this.state}`);
      }
    }
    return this;
  }

  /** The scenario's date in London. */
  get today(): string {
    return calendar.londonDate(this.at);
  }

  /** The one deadline for this step that is still running (open or paused). */
  deadline(step: string): DisputeContext['deadlines'][number] {
    const found = this.context.deadlines.filter((d) => d.step === step && (d.status === 'open' || d.status === 'paused'));
    if (found.length !== 1) throw new Error(`expected one running ${step} deadline, found ${found.length}`);
    return found[0] as DisputeContext['deadlines'][number];
  }

  /** What a replay of the log gives, in the shape tests compare with the live case. */
  replayed(): { state: string; context: DisputeContext } {
    const snapshot = this.replay();
    return { state: stateNameOf(snapshot), context: snapshot.context };
  }

  /** The live case, in the same shape as `replayed()`. */
  get live(): { state: string; context: DisputeContext } {
    return { state: this.state, context: this.context };
  }

  get state(): string {
    return stateNameOf(this.snapshot);
  }

  get context(): DisputeContext {
    return this.snapshot.context;
  }

  get current(): DisputeSnapshot {
    return this.snapshot;
  }

  /** Replays the log from scratch through the same machine. */
  replay(): DisputeSnapshot {
    return this.log.reduce(applyDisputeEvent, initialDisputeSnapshot());
  }
}
