import { ValidationError } from '#core';
import { command } from '../dispute/testing/commands.js';
import { DisputeScenario } from '../dispute/testing/dispute-scenario.js';
import { COMPACT_CLAUSES, compactClause, isCompactClause, KNOWN_CLAUSE_RANGES } from './compact-clauses.js';

describe('the Compact’s clauses', () => {
  it('are its numbered undertakings: 1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5, each with a kind and a description', () => {
    const ids = (section: number, last: number) => Array.from({ length: last }, (_, i) => `${section}.${i + 1}`);
    expect(COMPACT_CLAUSES.map((c) => c.id)).toEqual([...ids(1, 7), ...ids(2, 10), ...ids(3, 7), ...ids(4, 3), ...ids(5, 5)]);
    for (const clause of COMPACT_CLAUSES) {
      expect(clause).toEqual({ id: clause.id, kind: 'undertaking', section: Number(clause.id.split('.')[0]), description: expect.any(String) });
      expect(clause.description.length).toBeGreaterThan(30);
    }
    expect(KNOWN_CLAUSE_RANGES).toBe('1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5');
    expect(compactClause('3.2')?.description).toMatch(/12 weeks/);
  });

  it.each(['9.9', '2.11', '6', '3.2.1', '', 3.2])('does not know %p', (id) => {
    expect(isCompactClause(id)).toBe(false);
  });

  describe('an unknown clause is refused (400 naming the field)', () => {
    const refusedAs = (error: unknown, field: string) => {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ errors: [{ field, message: expect.stringContaining('is not a clause of the Compact') }] });
    };
    const action = { description: 'Reinstate the grant', ownerId: 'council', dueDate: '2026-06-30', clause: '9.9' };

    it('on raising', () => {
      refusedAs(new DisputeScenario().attempt('complainant', command('raise', { clauses: ['3.2', '9.9'] })), 'clauses');
    });

    it('on an agreed action', () => {
      refusedAs(new DisputeScenario().upTo('informal.inDiscussion').attempt('complainant', command('agree-resolution', { actions: [action] })), 'actions[0].clause');
    });

    it('on a panel recommendation', () => {
      refusedAs(new DisputeScenario().upTo('cdg.panel.deliberation').attempt('panelChair', command('issue-findings', { recommendations: [action] })), 'recommendations[0].clause');
    });

    it('on a lesson', () => {
      refusedAs(new DisputeScenario().raise().attempt('secretariat', command('record-lesson', { clause: '9.9' })), 'clause');
    });
  });
});
