import { RuleViolationError } from '#core';
import { CONFLICT_OF_INTEREST_RULE } from '../../directory/conflict-of-interest.js';

/** The person has an interest in a party, so the process forbids the appointment. */
export class ConflictOfInterestError extends RuleViolationError {
  constructor(
    personName: string,
    readonly reasons: readonly string[],
  ) {
    super(`${personName} cannot be appointed under the conflict-of-interest rule (${CONFLICT_OF_INTEREST_RULE}): ${reasons.join('; ')}.`, 'DISPUTE.CONFLICT_OF_INTEREST');
  }
}
