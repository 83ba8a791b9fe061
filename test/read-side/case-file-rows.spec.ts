import { CASES_PROJECTION, REPORT_PROJECTION } from '#projections';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';
import { dumpTables } from './table-dump.js';

/**
 * The cases and report read models keep a case's notes one row each and write only the new ones
 * (a long case costs no more per command than a short one). What they hold after a restart in
 * the middle of a case, whose state then comes back from those rows, is what a rebuild gives.
 */
describe('case file items in the read models', () => {
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
  });

  afterAll(() => engine.destroy());

  it('are written once each, read back after a restart, and equal a rebuild', async () => {
    const { id } = await engine.raise(c.charityOfficer, grievance([c.council]));
    for (let i = 1; i <= 5; i++) await engine.run(c.charityOfficer, id, 'add-note', { text: `Before the restart ${i}` });
    await engine.settle();
    await engine.stop();

    engine = await startEngine({ dataDir: engine.dataDir });
    await engine.run(c.councilOfficer, id, 'acknowledge');
    for (let i = 1; i <= 3; i++) await engine.run(c.councilOfficer, id, 'add-note', { text: `After the restart ${i}` });
    await engine.settle();

    const notes = engine.casesDb().prepare("SELECT seq, item FROM case_file_items WHERE case_id = ? AND list = 'notes' ORDER BY seq").all(id) as { seq: number; item: string }[];
    expect(notes.map((n) => n.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(JSON.parse(notes[7]!.item)).toMatchObject({ noteId: 'N8', text: 'After the restart 3' });

    for (const name of [CASES_PROJECTION, REPORT_PROJECTION]) {
      const live = dumpTables(engine.readModels.db(name));
      await engine.readModels.rebuild(name);
      expect(dumpTables(engine.readModels.db(name))).toEqual(live);
    }
  });
});
