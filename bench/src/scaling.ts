import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationModule, type Principal, RaiseDispute, RegisterPerson, RunDisputeCommand, SignOrganisation } from '#application';
import { type AppSettings } from '#config';
import { EVENT_STORE, type EventStore, type EventToAppend } from '#event-store';
import { ReadModels } from '#projections';
import { randomUUID } from 'node:crypto';

const ADMIN: Principal = { personId: 'bench-admin', name: 'Bench', roles: ['admin'], organisationId: null };

const settingsFor = (dataDir: string): AppSettings => ({
  port: 0, host: '127.0.0.1', dataDir, eventStore: 'sqlite', eventStoreConnectionString: null,
  bootstrapAdminToken: null, clockFixed: '2026-03-02T10:00:00Z', nodeEnv: 'test', logLevel: 'silent',
});

export interface ScalingRow {
  readonly events: number;
  readonly seedPerSecond: number;
  readonly commandMs: number;
  readonly rebuildPerSecond: number;
  readonly readAllPerSecond: number;
}

/**
 * How cost grows with the log: the store is seeded with copies of one real case's events (fresh
 * ids, same facts) until it holds `events`, then a new case's commands are timed, the cases read
 * model is rebuilt from zero and the whole log is read.
 */
export async function measureAt(dataDir: string, events: number): Promise<ScalingRow> {
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settingsFor(dataDir), { scheduler: { enabled: false } }), { logger: false });
  await app.init();
  const bus = app.get(CommandBus);
  const store = app.get<EventStore>(EVENT_STORE);
  const readModels = app.get(ReadModels);
  const council = (await bus.execute(new SignOrganisation(ADMIN, { name: 'Council', sector: 'statutory', type: 'district council' }))).id;
  const charity = (await bus.execute(new SignOrganisation(ADMIN, { name: 'Charity', sector: 'vcs', type: 'charity' }))).id;
  const person = async (name: string, organisationId: string): Promise<Principal> => {
    const r = await bus.execute(new RegisterPerson(ADMIN, { name, email: `${name}@bench.invalid`, roles: ['partner'], organisationId }));
    return { personId: r.id, name, roles: ['partner'], organisationId };
  };
  const complainant = await person('complainant', charity);
  const respondent = await person('respondent', council);
  const lifecycle = async () => {
    const { id } = await bus.execute(new RaiseDispute(complainant, { respondentIds: [council], clauses: ['3.2'], summary: 's', details: 'd', desiredOutcome: 'o' }));
    await bus.execute(new RunDisputeCommand(respondent, id, 'acknowledge', {}));
    await bus.execute(new RunDisputeCommand(complainant, id, 'lodge-formal', { grounds: 'g' }));
    await bus.execute(new RunDisputeCommand(respondent, id, 'acknowledge', {}));
    await bus.execute(new RunDisputeCommand(respondent, id, 'respond', { response: 'r' }));
    await bus.execute(new RunDisputeCommand(complainant, id, 'withdraw', { reasonCode: 'resolved-outside' }));
    return id;
  };
  const template = await store.readStream(`dispute-${await lifecycle()}`);

  const seeded = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let copies = Math.ceil(events / template.length); copies > 0; copies--) {
    const caseId = randomUUID();
    const copy: EventToAppend[] = template.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.type === 'DisputeRaised' ? { ...e.data, caseId } : e.data,
      metadata: e.metadata,
    }));
    appends.push(store.append(`dispute-${caseId}`, copy, 'no_stream'));
    if (appends.length >= 2_000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const seedSeconds = (performance.now() - seeded) / 1000;
  const head = await store.headPosition();
  await readModels.waitFor(head, 600_000);

  const timed = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) await lifecycle();
  const commandMs = (performance.now() - timed) / (rounds * 6);

  const read = performance.now();
  let count = 0;
  for (let after = 0n; ; ) {
    const batch = await store.readAll({ after, limit: 5_000 });
    if (batch.length === 0) break;
    count += batch.length;
    after = batch[batch.length - 1]!.position;
  }
  const readAllPerSecond = count / ((performance.now() - read) / 1000);

  const rebuilt = await readModels.rebuild('cases');
  await app.close();
  return {
    events: Number(head),
    seedPerSecond: Number(head) / seedSeconds,
    commandMs,
    rebuildPerSecond: rebuilt.events / (rebuilt.milliseconds / 1000),
    readAllPerSecond,
  };
}
