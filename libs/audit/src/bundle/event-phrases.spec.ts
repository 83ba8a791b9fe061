import { describeEvent, type Namer } from './event-phrases.js';

const names: Record<string, string> = { council: 'Fenland District Council', charity: 'Wisbech Food Bank' };
const name: Namer = (id) => names[String(id)] ?? String(id);

describe('the printed timeline’s sentences', () => {
  it('say “no actions” for none, “1 action” for one', () => {
    expect(describeEvent('ResolutionAgreed', { terms: 'Eight weeks’ notice', actions: [] }, name)).toBe('Agreed a resolution with no actions: “Eight weeks’ notice”');
    expect(describeEvent('FindingsIssued', { finding: 'partly-upheld', recommendations: [{}] }, name)).toBe('Issued the panel\'s findings: partly upheld, with 1 recommendation');
  });

  it('write api.md’s codes as words, and the CDG as the CDG', () => {
    expect(describeEvent('CaseClosed', { outcome: 'resolved-by-mediation', reopenableUntil: '2027-02-09' }, name)).toBe('The case closed: resolved by mediation (reopenable until 9 February 2027)');
    expect(describeEvent('DisputeWithdrawn', { reasonCode: 'resolved-outside' }, name)).toBe('Withdrew the dispute (resolved outside)');
    expect(describeEvent('DeadlineMissed', { step: 'cdg-triage', dueOn: '2026-10-19', owedBy: 'cdg', owedByOrganisationIds: [] }, name)).toBe('Recorded the CDG triage deadline of 19 October 2026 as missed by the CDG');
    expect(describeEvent('FindingsResponded', { organisationId: 'council', response: 'partly-accept', reasons: 'Cost' }, name)).toBe('Fenland District Council responded to the findings: partly accept: “Cost”');
  });

  it('name an event type it has no sentence for by its words', () => {
    expect(describeEvent('SomethingNew', {}, name)).toBe('Something New');
  });
});
