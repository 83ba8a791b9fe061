import { addCalendarDays } from '../../calendar/index.js';
import { checkClauses, type ClauseDates } from '../../clause-checks/index.js';
import { organisationActedFor } from '../../shared/actor.js';
import { startDeadline } from '../clocks/deadline-factory.js';
import { type CommandTable, role, sentBy } from '../command-rule.js';
import { EMPTY_CONTEXT } from '../dispute-context.js';
import { invalid, requireClause, requireDate, requireOrganisation, requireText } from '../input-checks.js';
import { isRespondent } from '../parties.js';

const TWELVE_WEEKS = 84;

/** What raising and acknowledging ask for, in the words of api.md. */
export interface RaisingCommands {
  raise: {
    readonly caseId: string;
    readonly respondentIds: readonly string[];
    readonly clauses: readonly string[];
    readonly summary: string;
    readonly details: string;
    readonly desiredOutcome: string;
    readonly urgent?: boolean;
    readonly dates?: ClauseDates;
  };
  acknowledge: Record<string, never>;
}

export const RAISING_COMMANDS: CommandTable<RaisingCommands> = {
  /** Raising a dispute: the complainant is the organisation the caller acts for. */
  raise: {
    events: ['DisputeRaised'],
    summary: 'Raise a dispute',
    who: role('partner', 'secretariat'),
    decide(_c, p, env) {
      const complainantId = organisationActedFor(env.actor);
      if (complainantId === null) invalid('complainant', 'a dispute is raised by a partner for their own organisation');
      const complainant = requireOrganisation(env.directory, complainantId, 'complainant');
      const respondentIds = [...new Set(p.respondentIds)];
      if (respondentIds.length === 0) invalid('respondentIds', 'name at least one respondent');
      if (respondentIds.includes(complainantId)) invalid('respondentIds', 'an organisation cannot raise a dispute against itself');
      const respondents = respondentIds.map((id) => requireOrganisation(env.directory, id, 'respondentIds'));
      const clauses = [...new Set(p.clauses.map((c) => requireClause(c, 'clauses')))];
      if (clauses.length === 0) invalid('clauses', 'cite at least one Compact clause');

      const dates = { ...(p.dates ?? {}) };
      for (const key of ['noticeReceived', 'changeEffective', 'consultationOpened', 'consultationClosed'] as const) {
        if (dates[key] !== undefined) requireDate(dates[key], `dates.${key}`);
      }
      const raisedOn = env.calendar.londonDate(env.at);
      const urgent = p.urgent === true;
      if (urgent) {
        // The urgent track is for a disputed change that takes effect within 12 weeks of raising.
        if (!dates.changeEffective) invalid('dates.changeEffective', 'the urgent track needs the date the disputed change takes effect');
        if (dates.changeEffective > addCalendarDays(raisedOn, TWELVE_WEEKS))
          invalid('urgent', 'the urgent track is only for a change taking effect within 12 weeks of raising');
      }

      const parties = [complainant, ...respondents].map((o) => ({
        organisationId: o.organisationId,
        name: o.name,
        sector: o.sector,
        type: o.type,
      }));
      const base = { ...EMPTY_CONTEXT, complainantId, respondentIds, urgent };
      const deadlines = urgent
        ? [startDeadline(base, env, 'formal-acknowledgement'), startDeadline(base, env, 'formal-response')]
        : [startDeadline(base, env, 'acknowledgement'), startDeadline(base, env, 'informal-resolution')];
      return [
        {
          type: 'DisputeRaised',
          data: {
            caseId: p.caseId,
            complainantId,
            respondentIds,
            parties,
            clauses,
            summary: requireText(p.summary, 'summary'),
            details: requireText(p.details, 'details'),
            desiredOutcome: requireText(p.desiredOutcome, 'desiredOutcome'),
            urgent,
            dates,
            clauseChecks: checkClauses(clauses, dates),
            deadlines,
          },
        },
      ];
    },
  },

  /** Stage 1 and stage 2 alike: several respondents act as one side, any of them may acknowledge. */
  acknowledge: {
    events: ['AcknowledgementGiven'],
    summary: 'Acknowledge the dispute (or the formal complaint)',
    who: sentBy('respondent', isRespondent),
    decide: (_c, _p, env) => [{ type: 'AcknowledgementGiven', data: { organisationId: organisationActedFor(env.actor) ?? '' } }],
  },
};
