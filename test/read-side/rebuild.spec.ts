import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  Authenticate,
  GetProjectionStatus,
  RebuildProjections,
  RegisterPerson,
  rebuildWithProgressBar,
} from '#application';
import { ForbiddenError, NotFoundError } from '#core';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CASES_PROJECTION } from '#projections';
import { ADMIN, type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';
import { dumpTables } from './table-dump.js';

describe('rebuilding read models', () => {
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
    for (let i = 0; i < 5; i++) await engine.raise(c.charityOfficer, grievance([c.council], { summary: `Case ${i}` }));
  });

  afterAll(() => engine.destroy());

  it('swaps a fresh file in while the application keeps running, and keeps following the log', async () => {
    const { token } = await engine.commands.execute(
      new RegisterPerson(ADMIN, { name: 'New officer', email: 'new@example.org', roles: ['partner'], organisationId: c.charity }),
    );
    await engine.settle();
    const before = dumpTables(engine.readModels.db('directory'));
    const progress: bigint[] = [];
    const result = await engine.readModels.rebuild('directory', (p) => progress.push(p.position));
    expect(result).toMatchObject({ name: 'directory', failures: 0 });
    expect(progress[0]).toBe(0n);
    expect(progress[progress.length - 1]).toBe(result.position);
    expect(dumpTables(engine.readModels.db('directory'))).toEqual(before);
    expect(existsSync(join(engine.dataDir, 'directory.rebuild.sqlite'))).toBe(false);
    expect(existsSync(join(engine.dataDir, 'directory.sqlite'))).toBe(true);

    // Sign-in reads through the swapped handle; new writes reach the new file.
    expect(await engine.queries.execute(new Authenticate(token))).toMatchObject({ name: 'New officer', organisationId: c.charity });
    const later = await engine.organisation('Late signatory', 'vcs', 'charity');
    const directory = engine.readModels.db('directory');
    expect(directory.prepare('SELECT name FROM organisations WHERE organisation_id = ?').pluck().get(later)).toBe('Late signatory');
  });

  it('loses none of the writes made while it rebuilds', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => engine.raise(c.groupOfficer, grievance([c.county], { summary: `During ${i}` })));
    const [rebuilt, ...results] = await Promise.all([engine.readModels.rebuild(CASES_PROJECTION), ...writes]);
    expect(rebuilt.failures).toBe(0);
    const listed = await engine.list(c.groupOfficer, {}, null, 100);
    for (const r of results) expect(listed.items.some((i) => i.id === r.id)).toBe(true);
    const live = dumpTables(engine.readModels.db(CASES_PROJECTION));
    await engine.readModels.rebuild(CASES_PROJECTION);
    expect(dumpTables(engine.readModels.db(CASES_PROJECTION))).toEqual(live);
  });

  it('reports lag and failures per projection, and a failing event neither stops the projection nor differs in a rebuild', async () => {
    await engine.settle();
    const healthy = (await engine.queries.execute(new GetProjectionStatus())).projections;
    expect(healthy.map((p) => [p.name, p.lag, p.failures, p.lastFailure])).toEqual([
      ['directory', 0n, 0, null],
      ['cases', 0n, 0, null],
      ['report', 0n, 0, null],
    ]);
    expect(healthy[0]!.checkpoint).toBe(healthy[0]!.head);

    // An event the machine refuses (acknowledging a case that was never raised), written behind the application's back.
    const store = engine.app.get<EventStore>(EVENT_STORE);
    const bad = await store.append(
      'dispute-forged',
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'AcknowledgementGiven',
          data: { organisationId: c.council },
          metadata: {
            schemaVersion: 1,
            actor: { personId: c.councilOfficer.personId, role: 'partner', organisationId: c.council },
            occurredAt: '2026-03-02T10:00:00.000Z',
          },
        },
      ],
      'no_stream',
    );
    const after = (await engine.raise(c.charityOfficer, grievance([c.council], { summary: 'After the bad one' }))).id;
    await engine.settle();
    const status = (await engine.readModels.status()).find((p) => p.name === CASES_PROJECTION)!;
    expect(status).toMatchObject({ lag: 0n, failures: 1, lastFailure: { position: bad.position, eventType: 'AcknowledgementGiven' } });
    expect(status.lastFailure?.error).toMatch(/not allowed in new/);
    expect((await engine.list(c.secretariat, {}, null, 100)).items.some((i) => i.id === after)).toBe(true);

    const live = dumpTables(engine.readModels.db(CASES_PROJECTION));
    const rebuilt = await engine.readModels.rebuild(CASES_PROJECTION);
    expect(rebuilt.failures).toBe(1);
    expect(dumpTables(engine.readModels.db(CASES_PROJECTION))).toEqual(live);
  });

  it('rebuilds through the bus for an admin only, and names unknown read models', async () => {
    const { rebuilt } = await engine.commands.execute(new RebuildProjections(ADMIN));
    expect(rebuilt.map((r) => r.name)).toEqual(['directory', 'cases', 'report']);
    const only = await engine.commands.execute(new RebuildProjections(ADMIN, ['cases']));
    expect(only.rebuilt.map((r) => r.name)).toEqual(['cases']);
    await expect(engine.commands.execute(new RebuildProjections(c.secretariat))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(engine.commands.execute(new RebuildProjections(ADMIN, ['nope']))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('drives a progress bar from the CLI helper', async () => {
    const out = new PassThrough();
    const results = await rebuildWithProgressBar(engine.readModels, ['cases', 'directory'], out);
    expect(results.map((r) => r.name)).toEqual(['cases', 'directory']);
    await expect(rebuildWithProgressBar(engine.readModels, ['nope'], out)).rejects.toThrow(/No read model called nope/);
    // Still serving after all those swaps.
    expect((await engine.list(c.charityOfficer)).items.length).toBeGreaterThan(0);
  });
});
