import { conflictsOfInterest } from '../../directory/conflict-of-interest.js';
import { RuleViolationError } from '#core';
import { describePerson, type PersonRecord } from '../../directory/directory-lookup.js';
import { organisationActedFor } from '../../shared/actor.js';
import { type DecisionEnv } from '../decision-env.js';
import { startDeadline } from '../deadline-factory.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { WORKING_DAY_WINDOWS } from '../deadline-rules.js';
import { currentAppointeeIds, partyIds, pendingObjection } from '../dispute-rules.js';
import { type Role } from '../../shared/actor.js';
import { agreedActions } from './local-stages.js';
import {
  invalid,
  optionalText,
  requireBoolean,
  requireDate,
  requireOneOf,
  requireOnlyParties,
  requirePartyConsent,
  requireText,
} from './input-checks.js';
import { FINDINGS, FINDINGS_RESPONSES, ROUTES } from '../vocabulary.js';
import { ConflictOfInterestError } from './conflict-of-interest-error.js';

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

/** A party may object within 5 WD of the appointment, counted like any receipt. */
function objectionWindow(env: DecisionEnv) {
  const window = env.calendar.due(env.at, WORKING_DAY_WINDOWS.objection);
  return { objectionWindowEndsOn: window.dueOn, objectionWindowRule: window.rule, calendarVersion: window.calendarVersion };
}

/**
 * The chair records the route. Mediation needs both sides' agreement, recorded as consent from
 * every party's organisation (the chair's reason is not consent); missing consent is a 400, as for
 * suspensions and extensions.
 */
export function decideChooseRoute(c: C, p: DisputeCommandMap['choose-route'], _env: DecisionEnv): DisputeEvent[] {
  const route = requireOneOf(p.route, ROUTES, 'route');
  const given = p.consentFrom ?? [];
  const consentFrom =
    route === 'mediation'
      ? requirePartyConsent(given, partyIds(c), 'consentFrom', 'mediation needs the agreement of every party')
      : requireOnlyParties(given, partyIds(c), 'consentFrom');
  return [{ type: 'RouteChosen', data: { route, reason: optionalText(p.reason), consentFrom } }];
}

export function decideAppointMediator(c: C, p: DisputeCommandMap['appoint-mediator'], env: DecisionEnv): DisputeEvent[] {
  appointable(c, env, p.personId, 'mediator', 'personId');
  return [
    {
      type: 'MediatorAppointed',
      data: {
        personId: p.personId,
        ...objectionWindow(env),
        independenceChecked: partyIds(c),
        deadlines: [startDeadline(c, env, 'mediation')],
      },
    },
  ];
}

/** Three members: an independent chair, one from a statutory body and one from the voluntary sector. */
export function decideAppointPanel(c: C, p: DisputeCommandMap['appoint-panel'], env: DecisionEnv): DisputeEvent[] {
  const ids = [p.chairId, p.statutoryMemberId, p.vcsMemberId];
  if (new Set(ids).size !== 3) invalid('chairId', 'the panel needs three different people');
  const chair = appointable(c, env, p.chairId, 'panelist', 'chairId');
  const statutory = appointable(c, env, p.statutoryMemberId, 'panelist', 'statutoryMemberId');
  const vcs = appointable(c, env, p.vcsMemberId, 'panelist', 'vcsMemberId');
  if (chair.organisationId !== null) invalid('chairId', 'the panel chair must be independent of any signatory organisation');
  if (sectorOf(env, statutory) !== 'statutory') invalid('statutoryMemberId', 'must belong to a statutory body');
  if (sectorOf(env, vcs) !== 'vcs') invalid('vcsMemberId', 'must belong to a voluntary and community sector organisation');
  return [
    {
      type: 'PanelAppointed',
      data: {
        chairId: p.chairId,
        statutoryMemberId: p.statutoryMemberId,
        vcsMemberId: p.vcsMemberId,
        ...objectionWindow(env),
        independenceChecked: partyIds(c),
        deadlines: [startDeadline(c, env, 'panel-hearing')],
      },
    },
  ];
}

export const decideDeclareConflict = (c: C, p: DisputeCommandMap['declare-conflict'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'ConflictDeclared',
    data: { personId: env.actor.personId, interest: requireText(p.interest, 'interest'), deadlines: [startDeadline(c, env, 'cdg-triage')] },
  },
];

export function decideObject(c: C, p: DisputeCommandMap['object-to-appointment'], env: DecisionEnv): DisputeEvent[] {
  if (!currentAppointeeIds(c).includes(p.personId)) invalid('personId', 'is not appointed to this case');
  return [
    {
      type: 'AppointmentObjected',
      data: { personId: p.personId, organisationId: organisationActedFor(env.actor) ?? '', grounds: requireText(p.grounds, 'grounds') },
    },
  ];
}

export function decideRuleOnObjection(c: C, p: DisputeCommandMap['rule-on-objection'], env: DecisionEnv): DisputeEvent[] {
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
}

function notInFuture(date: string, env: DecisionEnv, field: string): string {
  requireDate(date, field);
  if (date > env.calendar.londonDate(env.at)) invalid(field, 'cannot be in the future');
  return date;
}

export const decideRecordSession = (_c: C, p: DisputeCommandMap['record-session'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'MediationSessionHeld',
    data: {
      heldOn: notInFuture(p.heldOn, env, 'heldOn'),
      attendees: (p.attendees ?? []).map((a, i) => requireText(a, `attendees[${i}]`)),
      summary: requireText(p.summary, 'summary'),
    },
  },
];

export const decideEndMediation = (c: C, p: DisputeCommandMap['end-mediation'], env: DecisionEnv): DisputeEvent[] => [
  { type: 'MediationEnded', data: { summary: requireText(p.summary, 'summary'), deadlines: [startDeadline(c, env, 'cdg-triage')] } },
];

export const decideRecordHearing = (c: C, p: DisputeCommandMap['record-hearing'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'PanelHearingHeld',
    data: {
      heldOn: notInFuture(p.heldOn, env, 'heldOn'),
      summary: requireText(p.summary, 'summary'),
      deadlines: [startDeadline(c, env, 'panel-findings')],
    },
  },
];

/** Findings open one comply-or-explain clock per party. */
export const decideIssueFindings = (c: C, p: DisputeCommandMap['issue-findings'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'FindingsIssued',
    data: {
      finding: requireOneOf(p.finding, FINDINGS, 'finding'),
      findings: requireText(p.findings, 'findings'),
      recommendations: agreedActions(c, p.recommendations ?? [], env, 'recommendations', 'R').map(
        ({ actionId, ...r }) => ({ recommendationId: actionId, ...r }),
      ),
      deadlines: partyIds(c).map((org, i) => startDeadline(c, env, 'findings-response', [org], i)),
    },
  },
];

export function decideRespondToFindings(_c: C, p: DisputeCommandMap['respond-to-findings'], env: DecisionEnv): DisputeEvent[] {
  const response = requireOneOf(p.response, FINDINGS_RESPONSES, 'response');
  const reasons = optionalText(p.reasons);
  if (response !== 'accept' && reasons === null) invalid('reasons', 'give reasons when not accepting the findings in full');
  return [
    { type: 'FindingsResponded', data: { organisationId: organisationActedFor(env.actor) ?? '', response, reasons } },
  ];
}
