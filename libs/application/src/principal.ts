import { type Role } from '#domain';

/** Someone who presented a valid token: a person with their roles and organisation. */
export interface Principal {
  readonly personId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly organisationId: string | null;
  /** The bootstrap admin has no person record behind it. */
  readonly bootstrap?: boolean;
}

export const hasRole = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

/** The engine itself, when it records facts such as a missed deadline. */
export const SYSTEM_PRINCIPAL: Principal = { personId: 'system', name: 'Compact disputes engine', roles: ['system'], organisationId: null };
