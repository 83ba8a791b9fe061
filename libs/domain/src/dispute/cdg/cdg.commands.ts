import { RuleViolationError } from '#core';
import { conflictsOfInterest } from '../../directory/conflict-of-interest.js';
import { describePerson, type PersonRecord } from '../../directory/directory-lookup.js';
import { organisationActedFor, type Role } from '../../shared/actor.js';
import { type ActionInput, agreedActionsFrom } from '../actions/agreed-actions.js';
import { startDeadline } from '../clocks/deadline-factory.js';
import { WORKING_DAY_WINDOWS } from '../clocks/deadline-rules.js';
import { type CommandTable, role, sentBy } from '../command-rule.js';
import { type DecisionEnv } from '../decision-env.js';
import { type DisputeContext } from '../dispute-context.js';
import {
  invalid,
  optionalText,
  requireBoolean,
  requireDate,
  requireOneOf,
  requireOnlyParties,
  requirePartyConsent,
  requireText,
} from '../input-checks.js';
import { isParty, partyIds } from '../parties.js';
import { FINDINGS, FINDINGS_RESPONSES, type Finding, type FindingsResponse, type Route, ROUTES } from '../vocabulary.js';
import { currentAppointeeIds, isAppointee, isCaseMediator, isCasePanelist, pendingObjection } from './cdg.rules.js';
import { ConflictOfInterestError } from './conflict-of-interest-error.js';

/** What stage 3's commands ask for, in the words of api.md. */
export interface CdgCommands {
  'choose-route': { readonly route: Route; readonly reason?: string | null; readonly consentFrom?: readonly string[] };
  'appoint-mediator': { readonly personId: string };
  'appoint-panel': { readonly chairId: string; readonly statutoryMemberId: string; readonly vcsMemberId: string };
  'declare-conflict': { readonly interest: string };
  'object-to-appointment': { readonly personId: string; readonly grounds: string };
  'rule-on-objection': { readonly personId: string; readonly upheld: boolean; readonly reason: string };
  'record-session': { readonly heldOn: string; readonly attendees: readonly string[]; readonly summary: string };
  'end-mediation': { readonly summary: string };
  'record-hearing': { readonly heldOn: string; readonly summary: string };
  'issue-findings': { readonly finding: Finding; readonly findings: string; readonly recommendations: readonly ActionInput[] };
  'respond-to-findings': { readonly response: FindingsResponse; readonly reasons?: string | null };
}

type C = DisputeContext;

/** A person the secretariat may appoint: has the role, and no interest in either side. */
function appointable(c: C, env: DecisionEnv, personId: string, role: Role, field: string): PersonRecord {
  const person = env.directory.person(personId);
  if (!person) invalid(field, `unknown person ${personId}`);
  if (!person.roles.includes(role)) invalid(field, `${describePerson(person)} does not hold the ${role} role`);
  if (person.deactivatedAt) throw new RuleViolationError(`${describePerson(person)} was deactivated and cannot be appointed.`, 'DIRECTORY.PERSON_DEACTIVATED');
  const reasons = conflictsOfInterest(person, partyIds(c), env.at, env.directory);
  if (c.disqualifiedAppointees.includes(personId)) reasons.push('declared a conflict on this case, or was removed from it on an objection');
  if (reasons.length > 0) throw new ConflictOfInterestError(describePerson(person), reasons);
  return person;
}

const sectorOf = (env: DecisionEnv, person: PersonRecord) =>
  person.organisationId ? env.directory.organisation(person.organisationId)?.sector : undefined;

/**
 * What every appointment records besides who: the parties each appointee was checked against, the
 * clock the appointee now runs on, and the 5 WD in which a party may object (counted like a receipt).
 */
function appointment(c: C, env: DecisionEnv, clock: 'mediation' | 'panel-hearing') {
  const window = env.calendar.due(env.at, WORKING_DAY_WINDOWS.objection);
  return {
    objectionWindowEndsOn: window.dueOn,
    objectionWindowRule: window.rule,
    calendarVersion: window.calendarVersion,
    independenceChecked: partyIds(c),
    deadlines: [startDeadline(c, env, clock)],
  };
}

function notInFuture(date: string, env: DecisionEnv, field: string): string {
  requireDate(date, field);
  if (date > env.calendar.londonDate(env.at)) invalid(field, 'cannot be in the future');
  return date;
}

export const CDG_COMMANDS: CommandTable<CdgCommands> = {
  /**
   * The chair records the route. Mediation needs both sides' agreement, recorded as consent from
   * every party's organisation (the chair's reason is not consent); missing consent is a 400, as for
   * suspensions and extensions.
   */
  'choose-route': {
    events: ['RouteChosen'],
    summary: "Choose mediation (with every party's consent) or a panel, once",
    who: role('chair'),
    decide(c, p) {
      const route = requireOneOf(p.route, ROUTES, 'route');
      const given = p.consentFrom ?? [];
      const consentFrom =
        route === 'mediation'
          ? requirePartyConsent(given, partyIds(c), 'consentFrom', 'mediation needs the agreement of every party')
          : requireOnlyParties(given, partyIds(c), 'consentFrom');
      return [{ type: 'RouteChosen', data: { route, reason: optionalText(p.reason), consentFrom } }];
    },
  },

  'appoint-mediator': {
    events: ['MediatorAppointed'],
    summary: 'Appoint the mediator',
    who: role('secretariat'),
    decide(c, p, env) {
      appointable(c, env, p.personId, 'mediator', 'personId');
      return [{ type: 'MediatorAppointed', data: { personId: p.personId, ...appointment(c, env, 'mediation') } }];
    },
  },

  /** Three members: an independent chair, one from a statutory body and one from the voluntary sector. */
  'appoint-panel': {
    events: ['PanelAppointed'],
    summary: 'Appoint the three-member panel',
    who: role('secretariat'),
    decide(c, p, env) {
      const ids = [p.chairId, p.statutoryMemberId, p.vcsMemberId];
      if (new Set(ids).size !== 3) invalid('chairId', 'the panel needs three different people');
      const chair = appointable(c, env, p.chairId, 'panelist', 'chairId');
      const statutory = appointable(c, env, p.statutoryMemberId, 'panelist', 'statutoryMemberId');
      const vcs = appointable(c, env, p.vcsMemberId, 'panelist', 'vcsMemberId');
      if (chair.organisationId !== null) invalid('chairId', 'the panel chair must be independent of any signatory organisation');
      if (sectorOf(env, statutory) !== 'statutory') invalid('statutoryMemberId', 'must belong to a statutory body');
      if (sectorOf(env, vcs) !== 'vcs') invalid('vcsMemberId', 'must belong to a voluntary and community sector organisation');
      const panel = { chairId: p.chairId, statutoryMemberId: p.statutoryMemberId, vcsMemberId: p.vcsMemberId };
      return [{ type: 'PanelAppointed', data: { ...panel, ...appointment(c, env, 'panel-hearing') } }];
    },
  },

  'declare-conflict': {
    events: ['ConflictDeclared'],
    summary: 'Declare a conflict of interest and stand down',
    who: sentBy('appointee', isAppointee),
    decide: (c, p, env) => [
      {
        type: 'ConflictDeclared',
        data: { personId: env.actor.personId, interest: requireText(p.interest, 'interest'), deadlines: [startDeadline(c, env, 'cdg-triage')] },
      },
    ],
  },

  'object-to-appointment': {
    events: ['AppointmentObjected'],
    summary: 'Object to an appointment (within 5 working days)',
    who: sentBy('party', isParty),
    decide(c, p, env) {
      if (!currentAppointeeIds(c).includes(p.personId)) invalid('personId', 'is not appointed to this case');
      return [
        {
          type: 'AppointmentObjected',
          data: { personId: p.personId, organisationId: organisationActedFor(env.actor) ?? '', grounds: requireText(p.grounds, 'grounds') },
        },
      ];
    },
  },

  'rule-on-objection': {
    events: ['ObjectionRuled'],
    summary: 'Rule on an objection to an appointment',
    who: role('chair'),
    decide(c, p, env) {
      const upheld = requireBoolean(p.upheld, 'upheld');
      const pending = pendingObjection(c);
      if (pending && pending.personId !== p.personId) invalid('personId', `the objection pending is to ${pending.personId}`);
      return [
        {
          type: 'ObjectionRuled',
          data: {
            personId: p.personId,
            upheld,
            reason: requireText(p.reason, 'reason'),
            deadlines: upheld ? [startDeadline(c, env, 'cdg-triage')] : [],
          },
        },
      ];
    },
  },

  'record-session': {
    events: ['MediationSessionHeld'],
    summary: 'Record a mediation session',
    who: sentBy('mediator', isCaseMediator),
    decide: (_c, p, env) => [
      {
        type: 'MediationSessionHeld',
        data: {
          heldOn: notInFuture(p.heldOn, env, 'heldOn'),
          attendees: (p.attendees ?? []).map((a, i) => requireText(a, `attendees[${i}]`)),
          summary: requireText(p.summary, 'summary'),
        },
      },
    ],
  },

  'end-mediation': {
    events: ['MediationEnded'],
    summary: 'End mediation without agreement (the case goes to a panel)',
    who: sentBy('mediator', isCaseMediator),
    decide: (c, p, env) => [
      { type: 'MediationEnded', data: { summary: requireText(p.summary, 'summary'), deadlines: [startDeadline(c, env, 'cdg-triage')] } },
    ],
  },

  'record-hearing': {
    events: ['PanelHearingHeld'],
    summary: 'Record the panel hearing',
    who: sentBy('panelist', isCasePanelist),
    decide: (c, p, env) => [
      {
        type: 'PanelHearingHeld',
        data: {
          heldOn: notInFuture(p.heldOn, env, 'heldOn'),
          summary: requireText(p.summary, 'summary'),
          deadlines: [startDeadline(c, env, 'panel-findings')],
        },
      },
    ],
  },

  /** Findings open one comply-or-explain clock per party. */
  'issue-findings': {
    events: ['FindingsIssued'],
    summary: "Issue the panel's findings and recommendations",
    who: sentBy('panelist', isCasePanelist),
    decide: (c, p, env) => [
      {
        type: 'FindingsIssued',
        data: {
          finding: requireOneOf(p.finding, FINDINGS, 'finding'),
          findings: requireText(p.findings, 'findings'),
          recommendations: agreedActionsFrom(c, p.recommendations ?? [], env, 'recommendations', 'R').map(({ actionId, ...r }) => ({
            recommendationId: actionId,
            ...r,
          })),
          deadlines: partyIds(c).map((org, i) => startDeadline(c, env, 'findings-response', [org], i)),
        },
      },
    ],
  },

  'respond-to-findings': {
    events: ['FindingsResponded'],
    summary: 'Accept, partly accept or decline the findings (reasons unless accepting)',
    who: sentBy('party', isParty),
    decide(_c, p, env) {
      const response = requireOneOf(p.response, FINDINGS_RESPONSES, 'response');
      const reasons = optionalText(p.reasons);
      if (response !== 'accept' && reasons === null) invalid('reasons', 'give reasons when not accepting the findings in full');
      return [{ type: 'FindingsResponded', data: { organisationId: organisationActedFor(env.actor) ?? '', response, reasons } }];
    },
  },
};
