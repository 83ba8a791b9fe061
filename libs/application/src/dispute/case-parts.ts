import { type Actor, allowedCommands, type CaseCommandName, type DisputeContext, type DisputeSnapshot } from '#domain';

/**
 * The parts people play in a case, as a replay can show them: whose allowed commands an auditor
 * asks to see at each step (`?as=`), since an auditor may send none.
 */
export const CASE_PARTS = ['complainant', 'respondent', 'secretariat', 'chair', 'mediator', 'panelist'] as const;
export type CasePart = (typeof CASE_PARTS)[number];

/**
 * Who stood in that part of the case as it then was: a partner of the complainant, of each
 * respondent, the secretariat, the chair, the appointed mediator, each panel member (none while
 * nobody is appointed).
 */
export function actorsInPart(c: DisputeContext, part: CasePart): Actor[] {
  const partner = (organisationId: string): Actor => ({ personId: `${part}:${organisationId}`, role: 'partner', organisationId });
  switch (part) {
    case 'complainant':
      return c.complainantId === '' ? [] : [partner(c.complainantId)];
    case 'respondent':
      return c.respondentIds.map(partner);
    case 'secretariat':
    case 'chair':
      return [{ personId: part, role: part, organisationId: null }];
    case 'mediator':
      return c.mediatorId === null ? [] : [{ personId: c.mediatorId, role: 'mediator', organisationId: null }];
    case 'panelist':
      return c.panel === null ? [] : [c.panel.chairId, c.panel.statutoryMemberId, c.panel.vcsMemberId].map((personId) => ({ personId, role: 'panelist', organisationId: null }));
  }
}

/** The commands someone in that part could send in this state, at that instant. */
export function allowedForPart(snapshot: DisputeSnapshot, part: CasePart, at: string): CaseCommandName[] {
  return [...new Set(actorsInPart(snapshot.context, part).flatMap((actor) => allowedCommands(snapshot, actor, at)))];
}
