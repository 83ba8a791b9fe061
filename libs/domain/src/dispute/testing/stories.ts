import { type Finding } from '../vocabulary.js';
import { DisputeScenario } from './dispute-scenario.js';

/* Stories more than one stage's specs start from. */

/** Two agreed actions: A1 the council pays by 31 March 2026, A2 the charity reports by 30 September. */
export const PAY_AND_REPORT = [
  { description: 'Pay', ownerId: 'council', dueDate: '2026-03-31' },
  { description: 'Report', ownerId: 'charity', dueDate: '2026-09-30' },
];

/** Findings issued Monday 2 March 2026 ('upheld', R1 for the council due 30 June); responses due 30 March. */
export const awaitingResponses = (recommendations?: { description: string; ownerId: string; dueDate: string }[], finding: Finding = 'upheld') => {
  const s = new DisputeScenario().upTo('cdg.panel.deliberation');
  return s.step('panelChair', 'issue-findings', recommendations ? { finding, recommendations } : { finding });
};

/** Two actions: R1 for the council due 30 June, R2 for the charity due 31 July. */
export const twoActions = () =>
  awaitingResponses([
    { description: 'Reinstate the grant', ownerId: 'council', dueDate: '2026-06-30' },
    { description: 'Report on spending', ownerId: 'charity', dueDate: '2026-07-31' },
  ])
    .step('complainant', 'respond-to-findings')
    .step('respondent', 'respond-to-findings');

