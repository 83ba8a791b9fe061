import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import {
  ApplicationModule,
  CLOCK,
  type Principal,
  RaiseDispute,
  RegisterPerson,
  RunDisputeCommand,
  SettableClock,
  SignOrganisation,
} from '#application';
import { type AppSettings } from '#config';

export const ADMIN: Principal = { personId: 'bootstrap-admin', name: 'Admin', roles: ['admin'], organisationId: null, bootstrap: true };

/** The whole engine (no HTTP) on a temporary data directory: real SQLite files, real buses. */
export async function startEngine(start = '2026-03-02T10:00:00Z') {
  const dataDir = mkdtempSync(join(tmpdir(), 'compact-engine-'));
  const settings: AppSettings = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    eventStore: 'sqlite',
    eventStoreConnectionString: null,
    bootstrapAdminToken: null,
    clockFixed: start,
    nodeEnv: 'test',
    logLevel: 'silent',
  };
  const moduleRef = await Test.createTestingModule({ imports: [ApplicationModule.forRoot(settings)] }).compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const clock = app.get<SettableClock>(CLOCK);
  return {
    app,
    dataDir,
    commands,
    queries,
    clock,
    advanceDays(days: number) {
      clock.set(new Date(clock.now().getTime() + days * 86_400_000));
    },
    async organisation(name: string, sector: 'statutory' | 'vcs', type: string) {
      return (await commands.execute(new SignOrganisation(ADMIN, { name, sector, type }))).id;
    },
    async person(name: string, roles: string[], organisationId: string | null = null): Promise<Principal> {
      const r = await commands.execute(new RegisterPerson(ADMIN, { name, email: `${name.replace(/\W/g, '')}@example.org`, roles, organisationId }));
      return { personId: r.id, name, roles: roles as Principal['roles'], organisationId };
    },
    raise: (who: Principal, body: ConstructorParameters<typeof RaiseDispute>[1]) => commands.execute(new RaiseDispute(who, body)),
    run: (who: Principal, caseId: string, name: string, payload: Record<string, unknown> = {}) =>
      commands.execute(new RunDisputeCommand(who, caseId, name, payload)),
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;
