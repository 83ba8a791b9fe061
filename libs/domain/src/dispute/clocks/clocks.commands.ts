import { panelChairOf } from '../cdg/cdg.rules.js';
import { type CommandTable, role, sentBy } from '../command-rule.js';
import { type DisputeContext } from '../dispute-context.js';
import { invalid, requirePartyConsent, requireText, requireWholeNumber } from '../input-checks.js';
import { partyIds } from '../parties.js';
import { mayResume, STEP_DEADLINE } from './clocks.rules.js';

/** What the clocks' commands ask for, in the words of api.md. */
export interface ClocksCommands {
  suspend: {
    readonly reason: string;
    readonly workingDays: number;
    readonly consentFrom: readonly string[];
    readonly panelChairConsent?: boolean;
  };
  resume: Record<string, never>;
  'extend-deadline': { readonly workingDays: number; readonly reason: string; readonly consentFrom: readonly string[] };
  /** Sent by the deadline scheduler (or the secretariat) once a due date has passed. */
  'record-missed-deadline': { readonly deadlineId: string };
}

/** So many working days (1 to `max`), with every party's consent: what suspending and extending both need. */
function byConsent(c: DisputeContext, p: { readonly workingDays: number; readonly consentFrom: readonly string[] }, max: number) {
  return {
    workingDays: requireWholeNumber(p.workingDays, 'workingDays', 1, max),
    consentFrom: requirePartyConsent(p.consentFrom ?? [], partyIds(c), 'consentFrom'),
  };
}

export const CLOCKS_COMMANDS: CommandTable<ClocksCommands> = {
  /**
   * Suspension by consent of every party, and of the panel chair once a panel is appointed: at most
   * 40 WD at a time, renewable. It takes effect by the receipt rule (16:30 cut-off, a non-working day
   * counts as the next working day); open clocks keep the working days they had left from that day.
   */
  suspend: {
    events: ['CaseSuspended'],
    summary: 'Suspend the case by consent of every party, and of the panel chair once a panel is appointed (at most 40 working days at a time)',
    who: role('secretariat'),
    decide(c, p, env) {
      const { workingDays, consentFrom } = byConsent(c, p, 40);
      const panelChair = panelChairOf(c);
      if (panelChair !== null && p.panelChairConsent !== true) {
        invalid('panelChairConsent', 'once a panel is appointed, suspension needs the panel chair’s consent as well as every party’s: send true');
      }
      const end = env.calendar.due(env.at, workingDays);
      const renewing = c.suspension !== null;
      return [
        {
          type: 'CaseSuspended',
          data: {
            reason: requireText(p.reason, 'reason'),
            workingDays,
            consentFrom,
            panelChairConsent: panelChair,
            suspendedOn: renewing && c.suspension ? c.suspension.suspendedOn : end.startedOn,
            until: end.dueOn,
            untilRule: end.rule,
            calendarVersion: end.calendarVersion,
            pausedDeadlines: renewing
              ? []
              : c.deadlines
                  .filter((d) => d.status === 'open')
                  .map((d) => ({ deadlineId: d.id, remainingWorkingDays: env.calendar.workingDaysBetween(end.startedOn, d.dueOn) })),
          },
        },
      ];
    },
  },

  /** Resumption restarts each paused clock with the working days it had left, from the day it counts as received. */
  resume: {
    events: ['CaseResumed'],
    summary: 'Resume a suspended case',
    who: sentBy('secretariat, party', mayResume),
    decide: (c, _p, env) => [
      {
        type: 'CaseResumed',
        data: {
          resumedOn: env.calendar.londonDate(env.at),
          movedDeadlines: c.deadlines
            .filter((d) => d.status === 'paused')
            .map((d) => {
              const due = env.calendar.due(env.at, d.remainingWorkingDays ?? 0);
              return { deadlineId: d.id, dueOn: due.dueOn, rule: due.rule, calendarVersion: due.calendarVersion };
            }),
        },
      },
    ],
  },

  /** Any deadline can move by consent of both parties: this moves the current step's clock(s). */
  'extend-deadline': {
    events: ['DeadlineExtended'],
    summary: "Extend the current step's deadline by consent of every party",
    who: role('secretariat'),
    decide(c, p, env) {
      const { workingDays, consentFrom } = byConsent(c, p, 60);
      const reason = requireText(p.reason, 'reason');
      const step = c.step ? STEP_DEADLINE[c.step] : undefined;
      const open = c.deadlines.filter((d) => d.status === 'open' && d.step === step);
      if (open.length === 0) invalid('workingDays', 'the current step has no open deadline to extend');
      return open.map((d) => {
        const due = env.calendar.dueFrom(d.dueOn, workingDays);
        return {
          type: 'DeadlineExtended',
          data: {
            deadlineId: d.id,
            workingDays,
            reason,
            consentFrom,
            previousDueOn: d.dueOn,
            dueOn: due.dueOn,
            rule: due.rule,
            calendarVersion: due.calendarVersion,
          },
        };
      });
    },
  },

  'record-missed-deadline': {
    events: ['DeadlineMissed'],
    summary: 'Record a deadline missed once its due date has ended',
    who: role('system', 'secretariat'),
    decide(c, p) {
      const d = c.deadlines.find((x) => x.id === p.deadlineId);
      if (!d) invalid('deadlineId', `no deadline ${p.deadlineId} on this case`);
      return [
        {
          type: 'DeadlineMissed',
          data: { deadlineId: d.id, step: d.step, owedBy: d.owedBy, owedByOrganisationIds: d.owedByOrganisationIds, dueOn: d.dueOn },
        },
      ];
    },
  },
};
