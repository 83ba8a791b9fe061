import { createCalendar } from '#application';
import { type DisputeSnapshot, OUTCOMES, stateNameOf } from '#domain';
import { checkDemoPlan, replayDemoPlan } from '../../apps/cli/src/demo/demo-check.js';
import { planDemo, tellDemo } from '../../apps/cli/src/demo/demo-plan.js';
import { RECENT_CASES } from '../../apps/cli/src/demo/demo-stories.js';

/**
 * `npm run demo` plans the recent disputes from the moment it runs, so the plan must hold at any
 * moment. Each instant below is planned once: planning tells every case through the pure engine,
 * so a step the engine refuses fails it, naming the case, the step and the instant. Then the
 * cases are checked: each where the plan meant it, nothing left for the scheduler at that
 * instant. test/integration/demo-data.spec.ts loads one of them in full through Nest and SQLite.
 */
const INSTANTS: readonly [string, string][] = [
  ['a Saturday evening, 18:48 UTC', '2026-11-14T18:48:00Z'],
  ['a Tuesday at 18:48, after the 16:30 cut-off (where the loader before this fix failed)', '2026-11-17T18:48:00Z'],
  ['a Wednesday just before the cut-off, 16:29 London', '2026-11-18T16:29:00Z'],
  ['a Thursday just after the cut-off, 16:31 London', '2026-11-19T16:31:00Z'],
  ['a Monday at 00:00:30 London, the weekend just over', '2026-11-23T00:00:30Z'],
  ['a Friday at 08:59 London, before office hours', '2026-11-27T08:59:00Z'],
  ['a Sunday noon', '2026-11-29T12:00:00Z'],
  ['23:59 London in winter', '2026-12-09T23:59:00Z'],
  ['23:59 London in summer (22:59 UTC)', '2026-07-15T22:59:00Z'],
  ['Christmas Day', '2026-12-25T12:00:00Z'],
  ['the substitute Boxing Day bank holiday, a Monday', '2026-12-28T10:00:00Z'],
  ['the first working day after Christmas, early', '2026-12-29T07:00:00Z'],
  ["New Year's Eve, one second before midnight", '2026-12-31T23:59:59Z'],
  ["New Year's Day, just after midnight", '2027-01-01T00:00:01Z'],
  ['Good Friday', '2027-03-26T11:00:00Z'],
  ['the night the clocks go forward, before (00:30 GMT)', '2027-03-28T00:30:00Z'],
  ['the night the clocks go forward, after (02:30 BST)', '2027-03-28T01:30:00Z'],
  ['Easter Monday', '2027-03-29T09:00:00Z'],
  ['the last hour of a reporting year (00:30 BST on 1 April is the next one)', '2027-03-31T23:30:00Z'],
  ['the night the clocks go back, first 01:30 (BST)', '2026-10-25T00:30:00Z'],
  ['the night the clocks go back, second 01:30 (GMT)', '2026-10-25T01:30:00Z'],
  ['the Monday after the clocks went back', '2026-10-26T09:15:00Z'],
  ['the early May bank holiday', '2026-05-04T14:00:00Z'],
  ['the summer bank holiday, late evening', '2026-08-31T21:00:00Z'],
  ['a leap day', '2028-02-29T12:00:00Z'],
  ['a weekday afternoon a year on', '2027-06-16T15:45:00Z'],
];

describe('the demo plan, made and checked at any moment', () => {
  const calendar = createCalendar();
  const costs: number[] = [];

  afterAll(() => {
    const total = costs.reduce((a, b) => a + b, 0);
    // The cost of this suite, for the report: plan + pure check per instant.
    console.log(`demo plan: ${costs.length} instants planned and checked in ${(total / 1000).toFixed(1)} s (${Math.round(total / costs.length)} ms each)`);
  });

  it.each(INSTANTS)('holds as of %s (%s)', (_what, now) => {
    const started = performance.now();
    const { plan, snapshots } = tellDemo(now, { calendar });
    const problems = checkDemoPlan(plan, snapshots, calendar);
    costs.push(performance.now() - started);

    expect(problems).toEqual([]);
    expect(plan.steps.every((s) => s.at <= plan.now)).toBe(true);
    // Whatever the moment, every open stage and every outcome is there to look at.
    const states = new Set([...snapshots.values()].map((s) => stateNameOf(s)));
    for (const recent of RECENT_CASES) expect(states).toContain(recent.end.state);
    const outcomes = new Set([...snapshots.values()].map((s) => s.context.outcome));
    for (const outcome of OUTCOMES) expect(outcomes).toContain(outcome);
  });

  it('is the same plan for the same instant, and replaying it in time order gives the cases as they were told', () => {
    const now = '2026-11-14T18:48:00Z';
    const { plan, snapshots } = tellDemo(now, { calendar });
    expect(planDemo(now, { calendar })).toEqual(plan);
    const replayed = replayDemoPlan(plan, calendar);
    const ends = (cases: Map<number, DisputeSnapshot>) => [...cases].sort(([a], [b]) => a - b).map(([i, s]) => [i, stateNameOf(s), s.context.outcome]);
    expect(ends(replayed)).toEqual(ends(snapshots));
  });

  it('names the case, the step and the instant of a step the engine refuses', () => {
    const plan = planDemo('2026-11-14T18:48:00Z', { calendar });
    const index = plan.steps.findIndex((s) => s.label === 'acknowledge-formal');
    const broken = { ...plan, steps: plan.steps.map((s, i) => (i === index ? { ...s, command: { name: 'respond' as const, payload: { response: 'Too soon' } } } : s)) };
    const step = plan.steps[index]!;
    expect(() => replayDemoPlan(broken, calendar)).toThrow(
      `Demo case ${step.caseIndex} (${plan.cases[step.caseIndex]!.story}), step ${step.stepIndex + 1} "acknowledge-formal" (respond by `,
    );
    expect(() => replayDemoPlan(broken, calendar)).toThrow(`at ${step.at}, in the demo planned as of 2026-11-14T18:48:00.000Z: respond is not allowed while the case is in formal.awaitingAcknowledgement.`);
  });
});
