import { RuleViolationError } from '#core';
import { isLocalAuthority, isNhsBody, type OrganisationRecord } from '../../directory/directory-lookup.js';
import { unfinishedActionIds } from '../actions/actions.rules.js';
import { startDeadline } from '../clocks/deadline-factory.js';
import { type DeadlineStep, WORKING_DAY_WINDOWS } from '../clocks/deadline-rules.js';
import { type CommandTable, role, sentBy } from '../command-rule.js';
import { type DecisionEnv } from '../decision-env.js';
import { type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { invalid, optionalText, requireBoolean, requireOneOf, requireText } from '../input-checks.js';
import { isComplainant, isParty } from '../parties.js';
import { EXTERNAL_BODIES, type ExternalBody, REOPENING_GROUNDS, type ReopeningGrounds, WITHDRAWAL_REASONS, type WithdrawalReason } from '../vocabulary.js';
import { reopeningTarget } from './closure.rules.js';

/** What closing, referring and reopening ask for, in the words of api.md. */
export interface ClosureCommands {
  withdraw: { readonly reasonCode: WithdrawalReason; readonly reason?: string | null };
  'refer-externally': { readonly body: ExternalBody; readonly reference?: string | null };
  'record-external-outcome': { readonly outcome: string };
  'request-reopening': { readonly grounds: ReopeningGrounds; readonly reason: string };
  'decide-reopening': { readonly granted: boolean; readonly reason: string };
}

/** The ombudsmen only look at bodies in their remit: councils (not parish councils) and the NHS. */
const REMIT: Partial<Record<ExternalBody, { covers: (o: OrganisationRecord) => boolean; who: string }>> = {
  'local-government-ombudsman': { covers: isLocalAuthority, who: 'a council other than a parish or town council' },
  'health-ombudsman': { covers: isNhsBody, who: 'an NHS body' },
};

/** The clock a granted reopening starts, by the step it resumes. */
const RESUMED_CLOCK = {
  'informal.inDiscussion': 'informal-resolution',
  'formal.awaitingResponse': 'formal-response',
  'cdg.triage': 'cdg-triage',
} as const satisfies Record<string, DeadlineStep>;

export const CLOSURE_COMMANDS: CommandTable<ClosureCommands> = {
  /** The reason in words is optional whatever the code, as api.md has it. */
  withdraw: {
    events: ['DisputeWithdrawn'],
    summary: 'Withdraw the dispute',
    who: sentBy('complainant', isComplainant),
    decide: (_c, p) => [
      { type: 'DisputeWithdrawn', data: { reasonCode: requireOneOf(p.reasonCode, WITHDRAWAL_REASONS, 'reasonCode'), reason: optionalText(p.reason) } },
    ],
  },

  'refer-externally': {
    events: ['ReferredExternally'],
    summary: 'Refer the dispute to an external body (stage 4)',
    who: sentBy('complainant', isComplainant),
    decide(c, p, env) {
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
    },
  },

  'record-external-outcome': {
    events: ['ExternalOutcomeRecorded'],
    summary: 'Record what the external body decided',
    who: role('secretariat'),
    decide: (_c, p) => [{ type: 'ExternalOutcomeRecorded', data: { outcome: requireText(p.outcome, 'outcome') } }],
  },

  'request-reopening': {
    events: ['ReopeningRequested'],
    summary: 'Ask for a closed case to be reopened (within 60 working days)',
    who: sentBy('party', isParty),
    decide(c, p, env) {
      const grounds = requireOneOf(p.grounds, REOPENING_GROUNDS, 'grounds');
      if (grounds === 'action-not-delivered' && !c.actions.some((a) => a.status === 'missed')) {
        invalid('grounds', 'no agreed action on this case has been recorded as missed');
      }
      return [
        {
          type: 'ReopeningRequested',
          data: { grounds, reason: requireText(p.reason, 'reason'), deadlines: [startDeadline(c, env, 'reopening-decision')] },
        },
      ];
    },
  },

  'decide-reopening': {
    events: ['CaseReopened', 'ReopeningRefused'],
    summary: 'Grant or refuse a reopening',
    who: role('chair'),
    decide(c, p, env) {
      const granted = requireBoolean(p.granted, 'granted');
      const reason = requireText(p.reason, 'reason');
      if (!granted) return [{ type: 'ReopeningRefused', data: { reason } }];
      const target = c.reopening?.resumeTo ?? reopeningTarget(c, 'new-evidence');
      const step = RESUMED_CLOCK[target as keyof typeof RESUMED_CLOCK] ?? 'cdg-triage';
      return [{ type: 'CaseReopened', data: { reason, deadlines: [startDeadline(c, env, step)], unfinishedActionIds: unfinishedActionIds(c) } }];
    },
  },
};

/**
 * The fact that ends a case, appended in the same write as the command that ended it (a withdrawal,
 * the last action settled, ...): the outcome that command left pending, and the 60 WD reopening window.
 */
export function caseClosed(c: DisputeContext, env: DecisionEnv): DisputeEvent {
  const closedOn = env.calendar.londonDate(env.at);
  const window = env.calendar.workingDaysAfter(closedOn, WORKING_DAY_WINDOWS.reopening);
  return {
    type: 'CaseClosed',
    data: {
      outcome: c.pendingOutcome ?? 'withdrawn',
      closedOn,
      reopenableUntil: window.dueOn,
      reopenableUntilRule: window.rule,
      calendarVersion: window.calendarVersion,
      unfinishedActionIds: unfinishedActionIds(c),
    },
  };
}
