import { RuleViolationError } from '#core';
import { isLocalAuthority, isNhsBody, type OrganisationRecord } from '../../directory/directory-lookup.js';
import { type DecisionEnv } from '../decision-env.js';
import { startDeadline } from '../deadline-factory.js';
import { type DeadlineStep } from '../deadline-rules.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { reopeningTarget, unfinishedActionIds } from '../dispute-rules.js';
import { EXTERNAL_BODIES, type ExternalBody, REOPENING_GROUNDS, WITHDRAWAL_REASONS } from '../vocabulary.js';
import { invalid, optionalText, requireBoolean, requireOneOf, requireText } from './input-checks.js';

type C = DisputeContext;

/** The reason in words is optional whatever the code, as api.md has it. */
export const decideWithdraw = (_c: C, p: DisputeCommandMap['withdraw'], _env: DecisionEnv): DisputeEvent[] => [
  { type: 'DisputeWithdrawn', data: { reasonCode: requireOneOf(p.reasonCode, WITHDRAWAL_REASONS, 'reasonCode'), reason: optionalText(p.reason) } },
];

/** The ombudsmen only look at bodies in their remit: councils (not parish councils) and the NHS. */
const REMIT: Partial<Record<ExternalBody, { covers: (o: OrganisationRecord) => boolean; who: string }>> = {
  'local-government-ombudsman': { covers: isLocalAuthority, who: 'a council other than a parish or town council' },
  'health-ombudsman': { covers: isNhsBody, who: 'an NHS body' },
};

export function decideReferExternally(c: C, p: DisputeCommandMap['refer-externally'], env: DecisionEnv): DisputeEvent[] {
  const body = requireOneOf(p.body, EXTERNAL_BODIES, 'body');
  const remit = REMIT[body];
  if (remit) {
    const respondents = c.respondentIds.map((id) => env.directory.organisation(id) ?? c.parties.find((x) => x.organisationId === id));
    const inRemit = respondents.some((o) => o !== undefined && remit.covers({ signedAt: '', leftAt: null, ...o }));
    if (!inRemit) {
      throw new RuleViolationError(`The ${body} can only be used when a respondent is ${remit.who}.`, 'DISPUTE.OUTSIDE_REMIT');
    }
  }
  return [{ type: 'ReferredExternally', data: { body, reference: optionalText(p.reference) } }];
}

export const decideRecordExternalOutcome = (_c: C, p: DisputeCommandMap['record-external-outcome'], _env: DecisionEnv): DisputeEvent[] => [
  { type: 'ExternalOutcomeRecorded', data: { outcome: requireText(p.outcome, 'outcome') } },
];

export function decideRequestReopening(c: C, p: DisputeCommandMap['request-reopening'], env: DecisionEnv): DisputeEvent[] {
  const grounds = requireOneOf(p.grounds, REOPENING_GROUNDS, 'grounds');
  if (grounds === 'action-not-delivered' && !c.actions.some((a) => a.status === 'missed')) {
    invalid('grounds', 'no agreed action on this case has been recorded as missed');
  }
  return [
    {
      type: 'ReopeningRequested',
      data: {
        grounds,
        reason: requireText(p.reason, 'reason'),
        deadlines: [startDeadline(c, env, 'reopening-decision')],
      },
    },
  ];
}

const RESUMED_CLOCK = {
  'informal.inDiscussion': 'informal-resolution',
  'formal.awaitingResponse': 'formal-response',
  'cdg.triage': 'cdg-triage',
} as const satisfies Record<string, DeadlineStep>;

export function decideDecideReopening(c: C, p: DisputeCommandMap['decide-reopening'], env: DecisionEnv): DisputeEvent[] {
  const granted = requireBoolean(p.granted, 'granted');
  const reason = requireText(p.reason, 'reason');
  if (!granted) return [{ type: 'ReopeningRefused', data: { reason } }];
  const target = c.reopening?.resumeTo ?? reopeningTarget(c, 'new-evidence');
  const step = RESUMED_CLOCK[target as keyof typeof RESUMED_CLOCK] ?? 'cdg-triage';
  return [{ type: 'CaseReopened', data: { reason, deadlines: [startDeadline(c, env, step)], unfinishedActionIds: unfinishedActionIds(c) } }];
}
