import { WORKING_DAY_WINDOWS } from '../clocks/deadline-rules.js';
import { type DecisionEnv } from '../decision-env.js';
import { type DisputeContext } from '../dispute-context.js';
import { optionalClause, requireDate, requireOrganisation, requireText } from '../input-checks.js';
import { type AgreedActionSpec } from './actions.events.js';

/** An agreed action or a recommendation as a command names it. */
export interface ActionInput {
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause?: string | null;
}

/**
 * Agreed actions (A1, A2, ...) and recommendations (R1, ...) share a shape and a numbering across
 * the case; each is checked 5 WD after it falls due. Every field is checked, named by its place.
 */
export function agreedActionsFrom(
  c: DisputeContext,
  inputs: readonly ActionInput[],
  env: DecisionEnv,
  field: string,
  prefix: 'A' | 'R',
): AgreedActionSpec[] {
  const taken = c.actions.length + c.recommendations.length;
  return inputs.map((a, i) => {
    const dueDate = requireDate(a.dueDate, `${field}[${i}].dueDate`);
    requireOrganisation(env.directory, a.ownerId, `${field}[${i}].ownerId`);
    const check = env.calendar.workingDaysAfter(dueDate, WORKING_DAY_WINDOWS.actionCheck);
    return {
      actionId: `${prefix}${taken + i + 1}`,
      description: requireText(a.description, `${field}[${i}].description`),
      ownerId: a.ownerId,
      dueDate,
      clause: optionalClause(a.clause, `${field}[${i}].clause`),
      checkOn: check.dueOn,
      checkRule: check.rule,
      calendarVersion: check.calendarVersion,
    };
  });
}
