import { DisputeRepository, GetDispute, SYSTEM_PRINCIPAL } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { stateNameOf } from '#domain';
import { loadDemoData } from '../../apps/cli/src/demo/demo-loader.js';
import { type Engine, startEngine } from '../support/engine.js';

describe('the demo data set', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ start: '2023-03-01T09:00:00Z' });
  });
  afterAll(() => engine.destroy());

  it('loads three reporting years of disputes at every stage and outcome through the command path', async () => {
    const summary = await loadDemoData(engine.app, { until: new Date('2026-11-14T12:00:00Z') });
    expect(summary.organisations).toBe(27);
    expect(summary.cases).toBeGreaterThan(90);
    const store = engine.app.get<EventStore>(EVENT_STORE);
    const events = await store.readAll({ limit: 100_000 });
    const caseIds = [...new Set(events.filter((e) => e.type === 'DisputeRaised').map((e) => String(e.data['caseId'])))];
    const fresh = new DisputeRepository(store);
    const states = new Map<string, number>();
    const outcomes = new Map<string, number>();
    for (const id of caseIds) {
      const loaded = await fresh.load(id);
      const view = await engine.queries.execute(new GetDispute(SYSTEM_PRINCIPAL, id));
      expect(stateNameOf(loaded!.snapshot)).toBe(view.state);
      states.set(view.state, (states.get(view.state) ?? 0) + 1);
      if (view.outcome) outcomes.set(view.outcome, (outcomes.get(view.outcome) ?? 0) + 1);
    }
    for (const outcome of ['resolved-informally', 'resolved-formally', 'resolved-by-mediation', 'upheld', 'partly-upheld', 'not-upheld', 'withdrawn', 'not-pursued', 'referred-externally']) {
      expect(outcomes.get(outcome) ?? 0).toBeGreaterThan(0);
    }
    // occurredAt follows the log order: the demo replays time forwards.
    const times = events.map((e) => String(e.metadata['occurredAt']));
    expect([...times].sort()).toEqual(times);
  });
});
