import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationModule, type CaseCommandRequest, type Principal, RaiseDispute, RegisterPerson, RunDisputeCommand, SignOrganisation } from '#application';
import { type AppSettings } from '#config';
import { type Cast, type CommandSender, type Party } from './lifecycle.js';

const ADMIN: Principal = { personId: 'bench-admin', name: 'Bench', roles: ['admin'], organisationId: null };
export const BENCH_CLOCK = '2026-03-02T10:00:00Z';

/** The engine without HTTP on `dataDir`: the same module the API runs, no scheduler, a frozen clock. */
export async function startBenchEngine(dataDir: string): Promise<INestApplicationContext> {
  const settings: AppSettings = {
    port: 0, host: '127.0.0.1', dataDir, eventStore: 'sqlite', eventStoreConnectionString: null,
    bootstrapAdminToken: null, clockFixed: BENCH_CLOCK, nodeEnv: 'test', logLevel: 'silent',
  };
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), { logger: false });
  await app.init();
  return app;
}

/** Two signatories, their officers, a chair, a secretariat officer and a mediator, registered on the command bus. */
export async function busCast(app: INestApplicationContext): Promise<{ cast: Cast; sender: CommandSender }> {
  const bus = app.get(CommandBus);
  const organisation = async (name: string, sector: 'statutory' | 'vcs', type: string) =>
    (await bus.execute(new SignOrganisation(ADMIN, { name, sector, type }))).id;
  const council = await organisation('Fenland District Council', 'statutory', 'district council');
  const charity = await organisation('Wisbech Food Bank', 'vcs', 'charity');
  const person = async (name: string, role: Principal['roles'][number], organisationId: string | null): Promise<Principal> => {
    const r = await bus.execute(new RegisterPerson(ADMIN, { name, email: `${name.replaceAll(' ', '.')}@bench.invalid`, roles: [role], organisationId }));
    return { personId: r.id, name, roles: [role], organisationId };
  };
  const principals: Record<Party, Principal> = {
    complainant: await person('Food bank officer', 'partner', charity),
    respondent: await person('Council officer', 'partner', council),
    chair: await person('CDG chair', 'chair', null),
    secretariat: await person('Secretariat officer', 'secretariat', null),
    mediator: await person('Mediator', 'mediator', null),
  };
  const sender: CommandSender = {
    async raise(by, body) {
      return (await bus.execute(new RaiseDispute(principals[by], body as unknown as RaiseDispute['body']))).id;
    },
    async run(by, caseId, command, payload) {
      await bus.execute(new RunDisputeCommand(principals[by], caseId, { name: command, payload } as CaseCommandRequest));
    },
  };
  return { cast: { council, charity, mediatorId: principals.mediator.personId, today: BENCH_CLOCK.slice(0, 10) }, sender };
}
