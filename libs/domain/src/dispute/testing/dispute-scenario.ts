import { WorkingDayCalendar } from '../../calendar/index.js';
import { type DirectoryLookup, type OrganisationRecord, type PersonRecord } from '../../directory/directory-lookup.js';
import { type Actor } from '../../shared/actor.js';
import { decideDispute } from '../decide-dispute.js';
import { type DisputeCommand } from '../dispute-commands.js';
import { type DisputeEvent, type DisputeMachineEvent } from '../dispute-events.js';
import { applyDisputeEvent, type DisputeSnapshot, initialDisputeSnapshot, stateNameOf } from '../dispute-state.js';

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
  panelChair: person('panel-chair', ['panelist'], null),
  statutoryPanelist: person('statutory-panelist', ['panelist'], 'nhs'),
  vcsPanelist: person('vcs-panelist', ['panelist'], 'other'),
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

  /** Moves the scenario's clock to an instant (ISO) or by whole calendar days. */
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

  raise(overrides: Partial<Extract<DisputeCommand, { name: 'raise' }>['payload']> = {}): this {
    this.run('complainant', {
      name: 'raise',
      payload: {
        caseId: 'case-1',
        respondentIds: ['council'],
        clauses: ['3.2'],
        summary: 'Grant cut without notice',
        details: 'The council cut our grant with four weeks notice.',
        desiredOutcome: 'Reinstate the grant for 12 weeks',
        ...overrides,
      },
    });
    return this;
  }

  get state(): string {
    return stateNameOf(this.snapshot);
  }

  get context() {
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
