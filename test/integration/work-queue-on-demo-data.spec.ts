import { createCalendar, type DisputeSummary, type Principal, type WorkQueueItem } from '#application';
import { loadDemoPlan } from '../../apps/cli/src/demo/demo-loader.js';
import { planDemo } from '../../apps/cli/src/demo/demo-plan.js';
import { type Engine, startEngine } from '../support/engine.js';

/**
 * The work queue and the case list agree on what is overdue, and the queue lists each thing once,
 * on the demo data: loaded up to a fixed instant, then read a month later, after the scheduler
 * has recorded what was missed meanwhile (as a server started then would).
 */
describe('the work queue on the demo data', () => {
  let engine: Engine;
  let organisationIds: string[];

  beforeAll(async () => {
    engine = await startEngine({ start: '2023-03-01T09:00:00Z' });
    await loadDemoPlan(engine.app, planDemo('2026-11-14T12:00:00Z', { calendar: createCalendar() }));
    engine.at('2026-12-15');
    await engine.scheduler.runOnce();
    await engine.settle();
    organisationIds = (engine.casesDb().prepare('SELECT DISTINCT organisation_id FROM case_parties ORDER BY 1').pluck().all() as string[]);
  }, 120_000);

  afterAll(() => engine.destroy());

  const overdueCases = async (who: Principal): Promise<Set<string>> => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { items: DisputeSummary[]; nextCursor: string | null } = await engine.list(who, { overdue: true }, cursor, 100);
      for (const item of page.items) ids.add(item.id);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  };
  const queue = async (who: Principal): Promise<WorkQueueItem[]> => (await engine.workQueue(who)).items;
  const casesWithOverdueItems = (items: readonly WorkQueueItem[]) => new Set(items.filter((i) => i.overdue).map((i) => i.caseId));
  /** What makes an item the same item: the case, the clock, and who acts on it how. */
  const identity = (i: WorkQueueItem) => JSON.stringify([i.caseId, i.kind, i.step, i.deadlineId ?? null, i.actionId ?? null, i.organisationId ?? null, i.forRole]);
  const repeated = (items: readonly WorkQueueItem[]) => items.map(identity).filter((key, index, all) => all.indexOf(key) !== index);

  it.each([['secretariat'], ['chair']])('shows the %s every case the list calls overdue, and no other', async (role) => {
    const cdg = await engine.person(`CDG ${role}`, [role]);
    const listed = await overdueCases(cdg);
    expect(listed.size).toBeGreaterThan(5);
    expect([...casesWithOverdueItems(await queue(cdg))].sort()).toEqual([...listed].sort());
  });

  it('lists each thing once in the CDG queue: one alert per missed CDG deadline, however many panelists hold the step', async () => {
    const chair = await engine.person('CDG chair (once)', ['chair']);
    const items = await queue(chair);
    expect(items.some((i) => i.kind === 'alert' && i.title === 'Missed CDG deadline: Hold the panel hearing')).toBe(true);
    expect(repeated(items)).toEqual([]);
    const titles = items.map((i) => `${i.caseId} ${i.title} ${i.organisationId ?? ''}`);
    expect(titles.filter((t, index) => titles.indexOf(t) !== index)).toEqual([]);
  });

  it('shows each party only its own overdue steps, all of them on cases its list calls overdue, each once', async () => {
    let partiesWithOverdueSteps = 0;
    for (const organisationId of organisationIds) {
      const officer = await engine.person(`Officer ${organisationId.slice(0, 8)}`, ['partner'], organisationId);
      const items = await queue(officer);
      expect(repeated(items)).toEqual([]);
      expect(items.every((i) => i.organisationId === organisationId)).toBe(true);
      const listed = await overdueCases(officer);
      for (const caseId of casesWithOverdueItems(items)) expect(listed.has(caseId)).toBe(true);
      if (items.some((i) => i.overdue)) partiesWithOverdueSteps++;
    }
    expect(partiesWithOverdueSteps).toBeGreaterThan(0);
  });

  it('offers each party and the CDG only commands the case allows them now (the queue asks the machine)', async () => {
    const people = [
      await engine.person('CDG secretariat (allowed)', ['secretariat']),
      await engine.person('CDG chair (allowed)', ['chair']),
      ...(await Promise.all(organisationIds.map((id) => engine.person(`Officer ${id.slice(0, 8)} (allowed)`, ['partner'], id)))),
    ];
    const wrong: string[] = [];
    let tasks = 0;
    for (const who of people) {
      for (const item of await queue(who)) {
        if (item.kind !== 'task' || !who.roles.includes(item.forRole)) continue;
        tasks++;
        const allowed: readonly string[] = (await engine.view(who, item.caseId)).allowed;
        for (const name of [...(item.action === null ? [] : [item.action]), ...item.alternatives]) {
          if (!allowed.includes(name)) wrong.push(`${item.caseId} ${item.state}: ${name} for ${who.name}`);
        }
      }
    }
    expect(tasks).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
