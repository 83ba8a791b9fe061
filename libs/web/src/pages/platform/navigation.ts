import { type Principal } from '#application';
import { type Role } from '#domain';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  partner: 'partner',
  secretariat: 'secretariat',
  chair: 'CDG chair',
  mediator: 'mediator',
  panelist: 'panel member',
  auditor: 'auditor',
  admin: 'administrator',
  system: 'the engine',
};

export const roleNames = (roles: readonly Role[]): string => roles.map((r) => ROLE_NAMES[r]).join(', ');

interface NavigationItem {
  readonly href: string;
  readonly text: string;
  readonly active: boolean;
}

/** The pages a person's roles lead to, in the service navigation. */
export function navigationFor(principal: Principal, section: string | undefined): NavigationItem[] {
  const has = (...roles: Role[]) => principal.roles.some((r) => roles.includes(r));
  const items: [string, string, boolean][] = [
    ['/', 'Your work', true],
    ['/cases', 'Cases', true],
    ['/raise', 'Raise a dispute', has('partner')],
    ['/directory', 'People', true],
    ['/signatories', 'Signatories', true],
    ['/integrity', 'Log integrity', has('auditor')],
    ['/annual-report', 'Annual report', true],
  ];
  return items.filter(([, , shown]) => shown).map(([href, text]) => ({ href, text, active: href === section }));
}
