import {
  type CommandResult,
  GetWorkQueue,
  ListDisputes,
  RaiseDispute,
  ReadYourWrites,
  RunDisputeCommand,
} from '#application';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';

/** Reads here go straight to the query bus (the helper's list() would wait for everything first). */
describe('read-your-writes', () => {
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
  });

  afterAll(() => engine.destroy());

  const list = (who: Compact['charityOfficer'], filters = {}, minPosition?: bigint) =>
    engine.queries.execute(new ListDisputes(who, filters, null, 100, minPosition));

  it('shows 50 concurrent commands to the list read straight after them', async () => {
    const raised = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        engine.commands.execute(new RaiseDispute(c.charityOfficer, grievance([c.council], { summary: `Load ${i}` }))),
      ),
    );
    const page = await list(c.charityOfficer);
    const ids = new Set(raised.map((r) => r.id));
    expect(page.items.filter((i) => ids.has(i.id))).toHaveLength(50);
    const top = raised.reduce((max, r) => (r.position > max ? r.position : max), 0n);
    expect(engine.app.get(ReadYourWrites).positionOf(c.charityOfficer)).toBe(top);

    // The respondent acknowledges all 50 at once, then reads its list and its queue at once.
    await Promise.all(raised.map((r) => engine.commands.execute(new RunDisputeCommand(c.councilOfficer, r.id, { name: 'acknowledge', payload: {} }))));
    const discussing = await list(c.councilOfficer, { state: 'informal.inDiscussion' });
    expect(discussing.items.filter((i) => ids.has(i.id))).toHaveLength(50);
    const queue = await engine.queries.execute(new GetWorkQueue(c.councilOfficer));
    expect(queue.items.filter((i) => ids.has(i.caseId) && i.action === 'acknowledge')).toEqual([]);
    expect(queue.items.filter((i) => ids.has(i.caseId) && i.step === 'informal-resolution')).toHaveLength(50);
  });

  it('shows each writer its own write, with many writers at once', async () => {
    const writers = [c.charityOfficer, c.groupOfficer, c.countyOfficer, c.councilOfficer];
    const respondentFor = (i: number) => (i % 2 === 0 ? c.council : c.county);
    const rounds = await Promise.all(
      writers.map(async (who, i) => {
        const respondent = respondentFor(i) === who.organisationId ? c.nhs : respondentFor(i);
        const results: CommandResult[] = await Promise.all(
          Array.from({ length: 10 }, () => engine.commands.execute(new RaiseDispute(who, grievance([respondent])))),
        );
        const page = await list(who);
        return results.every((r) => page.items.some((item) => item.id === r.id && item.revision === r.revision));
      }),
    );
    expect(rounds).toEqual([true, true, true, true]);
  });

  it('waits for a position the client names, even for someone else’s write', async () => {
    const raised = await engine.commands.execute(new RaiseDispute(c.groupOfficer, grievance([c.council])));
    const result = await engine.commands.execute(new RunDisputeCommand(c.groupOfficer, raised.id, { name: 'withdraw', payload: { reasonCode: 'other', reason: 'Settled' } }));
    const page = await list(c.secretariat, { state: 'closed' }, result.position);
    expect(page.items.find((i) => i.id === raised.id)).toMatchObject({ outcome: 'withdrawn', position: result.position });
  });

  it('gives up waiting after a bounded time and answers anyway', async () => {
    const impatient = new ReadYourWrites(engine.readModels, 30);
    impatient.noted(c.auditor, { id: 'x', revision: 0n, position: 10_000_000n });
    const started = performance.now();
    expect(await impatient.settle(c.auditor)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await impatient.settle(c.secretariat)).toBe(true);
  });
});
