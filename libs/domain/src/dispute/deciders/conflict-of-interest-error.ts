import { RuleViolationError } from '#core';

/** The person has an interest in a party, so the process forbids the appointment. */
export class ConflictOfInterestError extends RuleViolationError {
  constructor(
    personName: string,
    readonly reasons: readonly string[],
  ) {
    super(`${personName} cannot be appointed: ${reasons.join('; ')}`, 'DISPUTE.CONFLICT_OF_INTEREST');
  }
}
