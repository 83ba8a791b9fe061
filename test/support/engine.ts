import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import {
  ApplicationModule,
  CLOCK,
  DeadlineScheduler,
  GetDispute,
  GetDisputeHistory,
  GetWorkQueue,
  ListDisputes,
  type CaseCommandRequest,
  type DisputeListFilters,
  type Principal,
  RaiseDispute,
  type RaiseDisputeBody,
  RegisterPerson,
  RunDisputeCommand,
  SettableClock,
  SignOrganisation,
} from '#application';
import { type AppSettings } from '#config';
import { type CaseCommandName } from '#domain';
import { CASES_PROJECTION, DeadlineBookReadModel, ReadModels } from '#projections';
import { storeUnderTest } from './store-under-test.js';

export const ADMIN: Principal = { personId: 'bootstrap-admin', name: 'Admin', roles: ['admin'], organisationId: null, bootstrap: true };

export interface EngineOptions {
  /** Reuse a data directory (a restart, or a second instance on the same files). */
  readonly dataDir?: string;
  readonly start?: string;
}

/**
 * The whole engine without HTTP on real SQLite files, with its scheduler running once at start and
 * then only when a test calls runOnce(). `stop()` keeps the files so the same directory can be
 * opened again; `destroy()` removes them.
 */
export async function startEngine(options: EngineOptions = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'compact-read-side-'));
  const start = options.start ?? '2026-03-02T10:00:00Z';
  const settings: AppSettings = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    ...storeUnderTest(dataDir),
    bootstrapAdminToken: null,
    clockFixed: start,
    nodeEnv: 'test',
    logLevel: 'silent',
  };
  const moduleRef = await Test.createTestingModule({
    imports: [ApplicationModule.forRoot(settings, { scheduler: { intervalMs: 0 } })],
  }).compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const clock = app.get<SettableClock>(CLOCK);
  const readModels = app.get(ReadModels);
  const scheduler = app.get(DeadlineScheduler);
  let closed = false;
  return {
    app,
    dataDir,
    commands,
    queries,
    clock,
    readModels,
    scheduler,
    book: app.get(DeadlineBookReadModel),
    casesDb: () => readModels.db(CASES_PROJECTION),
    /** Sets the clock to 10:00 London-ish (UTC) on a date, or to an instant. */
    at(dateOrInstant: string) {
      clock.set(dateOrInstant.length === 10 ? `${dateOrInstant}T10:00:00Z` : dateOrInstant);
    },
    async organisation(name: string, sector: 'statutory' | 'vcs', type: string) {
      return (await commands.execute(new SignOrganisation(ADMIN, { name, sector, type }))).id;
    },
    async person(name: string, roles: string[], organisationId: string | null = null): Promise<Principal> {
      const r = await commands.execute(
        new RegisterPerson(ADMIN, { name, email: `${name.replace(/\W/g, '')}@example.org`, roles, organisationId }),
      );
      return { personId: r.id, name, roles: roles as Principal['roles'], organisationId };
    },
    raise: (who: Principal, body: RaiseDisputeBody) => commands.execute(new RaiseDispute(who, body)),
    /** A case command with any payload: tests also send what the types would not allow, to see it refused. */
    run: (who: Principal, caseId: string, name: CaseCommandName, payload: Record<string, unknown> = {}) =>
      commands.execute(new RunDisputeCommand(who, caseId, { name, payload } as CaseCommandRequest)),
    view: (who: Principal, caseId: string) => queries.execute(new GetDispute(who, caseId)),
    history: (who: Principal, caseId: string) => queries.execute(new GetDisputeHistory(who, caseId)),
    /** The list once the read models reflect everyone's writes (the read-your-writes spec queries the bus directly). */
    async list(who: Principal, filters: DisputeListFilters = {}, cursor: string | null = null, limit?: number) {
      await this.settle();
      return queries.execute(new ListDisputes(who, filters, cursor, limit));
    },
    async workQueue(who: Principal) {
      await this.settle();
      return queries.execute(new GetWorkQueue(who));
    },
    /** Lets the read models apply everything in the log. */
    async settle() {
      const head = await readModels.status();
      await readModels.waitFor(head[0]?.head ?? 0n, 5_000);
    },
    /** The deadline book once it reflects the whole log. */
    async settledBook() {
      await this.settle();
      return app.get(DeadlineBookReadModel);
    },
    async stop() {
      if (closed) return;
      closed = true;
      await app.close();
    },
    async destroy() {
      await this.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;

/** Two instances of the engine on one data directory, as two processes sharing the files would be. */
export async function startTwoEngines(): Promise<{ a: Engine; b: Engine; stop(): Promise<void> }> {
  const a = await startEngine();
  const b = await startEngine({ dataDir: a.dataDir });
  return {
    a,
    b,
    async stop() {
      await b.stop();
      await a.destroy();
    },
  };
}

/**
 * For a describe block: two engines on one data directory (startTwoEngines), the first seeded with
 * the small Compact, started before its tests and stopped after them. Read the fields in tests.
 */
export function twoSeededEngines(): { readonly a: Engine; readonly b: Engine; readonly people: Compact } {
  const world = {} as { a: Engine; b: Engine; people: Compact; stop?: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(world, await startTwoEngines());
    world.people = await seedCompact(world.a);
  });
  afterAll(async () => {
    await world.stop?.();
  });
  return world;
}

/** A small Compact: two councils, a parish, two charities, their officers, the CDG and appointees. */
export async function seedCompact(engine: Engine) {
  const council = await engine.organisation('Fenland District Council', 'statutory', 'district council');
  const county = await engine.organisation('Cambridgeshire County Council', 'statutory', 'county council');
  const charity = await engine.organisation('Cambridge Food Bank', 'vcs', 'charity');
  const group = await engine.organisation('Ely Community Group', 'vcs', 'community group');
  const nhs = await engine.organisation('Cambridgeshire NHS Trust', 'statutory', 'NHS trust');
  return {
    council,
    county,
    charity,
    group,
    nhs,
    charityOfficer: await engine.person('Food bank officer', ['partner'], charity),
    councilOfficer: await engine.person('Council officer', ['partner'], council),
    countyOfficer: await engine.person('County officer', ['partner'], county),
    groupOfficer: await engine.person('Group officer', ['partner'], group),
    secretariat: await engine.person('Secretariat', ['secretariat']),
    chair: await engine.person('CDG chair', ['chair']),
    auditor: await engine.person('Auditor', ['auditor']),
    mediator: await engine.person('Mediator', ['mediator']),
    panelChair: await engine.person('Panel chair', ['panelist']),
    panelStatutory: await engine.person('Panelist NHS', ['panelist'], nhs),
    panelVcs: await engine.person('Panelist VCS', ['panelist'], group),
  };
}

export type Compact = Awaited<ReturnType<typeof seedCompact>>;

export const grievance = (respondentIds: string[], overrides: Partial<RaiseDisputeBody> = {}): RaiseDisputeBody => ({
  respondentIds,
  clauses: ['3.2'],
  summary: 'Grant cut at four weeks notice',
  details: 'Our grant was cut with four weeks notice.',
  desiredOutcome: 'Twelve weeks notice',
  ...overrides,
});

