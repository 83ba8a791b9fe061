import { CASES_PROJECTION, REPORT_PROJECTION } from '#projections';
import { type Engine, grievance, twoSeededEngines } from '../support/engine.js';

/*
 * A read model keeps the case states it last wrote, to go on from in its next batch without
 * reading them back. Another instance on the same data directory may write the same file in
 * between: then nothing kept may be trusted. Here instance A's runners stand still while
 * instance B's apply two commands to A's cases; A's runners then apply the next one.
 */
describe('case states kept between batches, with another instance writing the same read model files', () => {
  const world = twoSeededEngines();

  const runnersOf = (engine: Engine) => engine.readModels.runners.filter((r) => [CASES_PROJECTION, REPORT_PROJECTION].includes(r.projection.name));

  it('goes on from the file, not from what it kept', async () => {
    const { a, b, people } = world;
    const { id } = await a.raise(people.charityOfficer, grievance([people.council]));
    await a.run(people.councilOfficer, id, 'acknowledge');
    await a.settle();
    await b.settle();

    for (const runner of runnersOf(a)) await runner.stop();
    await a.run(people.charityOfficer, id, 'lodge-formal', { grounds: 'No progress informally' });
    await a.run(people.councilOfficer, id, 'acknowledge');
    await b.settle();

    for (const runner of runnersOf(a)) runner.start();
    const responded = await a.run(people.councilOfficer, id, 'respond', { response: 'We followed our policy' });
    await a.readModels.waitFor(responded.position, 5_000);

    const row = a.casesDb().prepare('SELECT state, revision FROM cases WHERE case_id = ?').get(id) as { state: string; revision: number | bigint };
    expect(row).toEqual({ state: 'formal.awaitingDecision', revision: expect.anything() });
    expect(BigInt(row.revision)).toBe(responded.revision);
    const status = await a.readModels.status();
    expect(status.map((s) => [s.name, s.failures, s.haltedStreamCount])).toEqual(status.map((s) => [s.name, 0, 0]));
  });
});
