import { type DisputeContext } from '#domain';
import { type Principal } from '../principal.js';

/**
 * Who may see a case: its parties' people, its appointees (past ones keep their view), the
 * secretariat, the chair and auditors. Everyone else is told it does not exist (404).
 */
export function maySeeCase(c: DisputeContext, p: Principal): boolean {
  if (p.roles.some((r) => r === 'secretariat' || r === 'chair' || r === 'auditor' || r === 'system')) return true;
  if (p.roles.includes('partner') && p.organisationId !== null) {
    if (c.complainantId === p.organisationId || c.respondentIds.includes(p.organisationId)) return true;
  }
  if (p.roles.includes('mediator') || p.roles.includes('panelist')) {
    const appointees = [c.mediatorId, c.panel?.chairId, c.panel?.statutoryMemberId, c.panel?.vcsMemberId, ...c.formerAppointees];
    if (appointees.includes(p.personId)) return true;
  }
  return false;
}
