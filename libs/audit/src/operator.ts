import { ForbiddenError } from '#core';
import { hasRole, type Principal } from '#application';

/**
 * Whoever runs the command line on the data directory: they hold the files, so they read what an
 * auditor reads (everything, CDG-only material included) and change nothing.
 */
export const CLI_OPERATOR: Principal = { personId: 'cli-operator', name: 'Command line (data directory)', roles: ['auditor'], organisationId: null };

/** The integrity checks are the auditors' (api.md); the engine itself may run them too. */
export function assertAuditor(principal: Principal, what: string): void {
  if (!hasRole(principal, 'auditor', 'system')) throw new ForbiddenError(`Only auditors ${what}.`, 'AUTH.AUDITORS_ONLY');
}
