import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationModule, type Principal, RaiseDispute, RegisterPerson, RunDisputeCommand, SignOrganisation } from '#application';
import { type AppSettings } from '#config';

const ADMIN: Principal = { personId: 'bench-admin', name: 'Bench', roles: ['admin'], organisationId: null };

/** The engine without HTTP on `dataDir`, no scheduler, a frozen clock. */
export async function startBenchEngine(dataDir: string): Promise<INestApplicationContext> {
  const settings: AppSettings = {
    port: 0, host: '127.0.0.1', dataDir, eventStore: 'sqlite', eventStoreConnectionString: null,
    bootstrapAdminToken: null, clockFixed: '2026-03-02T10:00:00Z', nodeEnv: 'test', logLevel: 'silent',
  };
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), { logger: false });
  await app.init();
  return app;
}

/** Two signatories and their officers; `lifecycle()` runs one dispute through six commands (raise … withdraw). */
export async function benchCompact(app: INestApplicationContext) {
  const bus = app.get(CommandBus);
  const council = (await bus.execute(new SignOrganisation(ADMIN, { name: 'Council', sector: 'statutory', type: 'district council' }))).id;
  const charity = (await bus.execute(new SignOrganisation(ADMIN, { name: 'Charity', sector: 'vcs', type: 'charity' }))).id;
  const person = async (name: string, organisationId: string): Promise<Principal> => {
    const r = await bus.execute(new RegisterPerson(ADMIN, { name, email: `${name}@bench.invalid`, roles: ['partner'], organisationId }));
    return { personId: r.id, name, roles: ['partner'], organisationId };
  };
  const complainant = await person('complainant', charity);
  const respondent = await person('respondent', council);
  return {
    async lifecycle(): Promise<string> {
      const { id } = await bus.execute(
        new RaiseDispute(complainant, { respondentIds: [council], clauses: ['3.2'], summary: 's', details: 'd', desiredOutcome: 'o' }),
      );
      await bus.execute(new RunDisputeCommand(respondent, id, { name: 'acknowledge', payload: {} }));
      await bus.execute(new RunDisputeCommand(complainant, id, { name: 'lodge-formal', payload: { grounds: 'g' } }));
      await bus.execute(new RunDisputeCommand(respondent, id, { name: 'acknowledge', payload: {} }));
      await bus.execute(new RunDisputeCommand(respondent, id, { name: 'respond', payload: { response: 'r' } }));
      await bus.execute(new RunDisputeCommand(complainant, id, { name: 'withdraw', payload: { reasonCode: 'resolved-outside' } }));
      return id;
    },
  };
}

export const COMMANDS_PER_LIFECYCLE = 6;
