import { DeadlineScheduler, type Principal, RunSystemCommand, SYSTEM_PRINCIPAL } from '#application';
import { type DeadlineBookReadModel } from '#projections';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';

/** The resolution most cases here carry out: A1 due 20 March (checked 27 March), A2 due 29 May. */
const agreeTwoActions = (engine: Engine, c: Compact, id: string) =>
  engine.run(c.charityOfficer, id, 'agree-resolution', {
    terms: 'Notice restored',
    actions: [
      { description: 'Reinstate the grant', ownerId: c.council, dueDate: '2026-03-20' },
      { description: 'Publish the notice policy', ownerId: c.council, dueDate: '2026-05-29' },
    ],
  });

const typesIn = async (engine: Engine, who: Principal, caseId: string) =>
  (await engine.history(who, caseId)).events.map((e) => e.type);

const missedDeadlineIds = async (engine: Engine, caseId: string) =>
  (await engine.history(SYSTEM_PRINCIPAL, caseId)).events
    .filter((e) => e.type === 'DeadlineMissed')
    .map((e) => (e.data as { deadlineId: string }).deadlineId);

describe('the deadline scheduler', () => {
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
  });

  afterAll(() => engine.destroy());

  beforeEach(() => engine.at('2026-03-02T10:00:00Z'));

  const raise = async (respondent = c.council) => (await engine.raise(c.charityOfficer, grievance([respondent]))).id;

  it('records a missed acknowledgement on the first working day after it was due, and only once over two runs', async () => {
    const id = await raise();
    expect((await engine.settledBook()).deadlines(id).map((d) => [d.deadlineId, d.dueOn, d.status])).toEqual([
      ['acknowledgement-1', '2026-03-09', 'open'],
      ['informal-resolution-1', '2026-03-30', 'open'],
    ]);

    engine.at('2026-03-09T22:59:00Z'); // 22:59 on the due day in London: still on time
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual([]);

    engine.at('2026-03-10T00:01:00Z');
    const first = await engine.scheduler.runOnce();
    const second = await engine.scheduler.runOnce();
    expect(first).toMatchObject({ today: '2026-03-10', refused: 0, failed: 0 });
    expect(first.missedDeadlines).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ refused: 0, failed: 0 });
    expect(await missedDeadlineIds(engine, id)).toEqual(['acknowledgement-1']);
    expect((await engine.settledBook()).deadlines(id).map((d) => d.deadlineId)).toEqual(['informal-resolution-1']);

    const missed = (await engine.view(c.secretariat, id)).deadlines.find((d) => d.id === 'acknowledgement-1');
    expect(missed).toMatchObject({ status: 'missed', owedBy: 'respondent' });
  });

  it('records each miss once when two schedulers of one engine race', async () => {
    const ids = [await raise(), await raise(c.county), await raise()];
    engine.at('2026-03-10T09:00:00Z');
    const twin = new DeadlineScheduler(
      engine.commands,
      engine.readModels,
      engine.book,
      (engine.scheduler as unknown as { store: never }).store,
      engine.clock,
      (engine.scheduler as unknown as { calendar: never }).calendar,
    );
    await Promise.all([engine.scheduler.runOnce(), twin.runOnce(), engine.scheduler.runOnce()]);
    for (const id of ids) expect(await missedDeadlineIds(engine, id)).toEqual(['acknowledgement-1']);
  });

  it('honours a suspension: nothing is missed while paused, and the case resumes when it ends with its clocks moved', async () => {
    const id = await raise();
    engine.at('2026-03-03T10:00:00Z');
    await engine.run(c.secretariat, id, 'suspend', { reason: 'Budget review', workingDays: 5, consentFrom: [c.charity, c.council] });
    expect((await engine.settledBook()).suspensions().filter((s) => s.caseId === id)).toEqual([
      { caseId: id, fromStep: 'informal.awaitingAcknowledgement', suspendedOn: '2026-03-03', until: '2026-03-10' },
    ]);
    expect((await engine.settledBook()).deadlines(id).map((d) => [d.deadlineId, d.status, d.remainingWorkingDays])).toEqual([
      ['acknowledgement-1', 'paused', 4],
      ['informal-resolution-1', 'paused', 19],
    ]);

    engine.at('2026-03-10T15:00:00Z'); // past the acknowledgement's original due date, on the suspension's last day
    await engine.scheduler.runOnce();
    expect((await engine.view(c.secretariat, id)).state).toBe('suspended');
    expect(await missedDeadlineIds(engine, id)).toEqual([]);

    engine.at('2026-03-11T08:00:00Z');
    const run = await engine.scheduler.runOnce();
    expect(run.resumed).toBeGreaterThanOrEqual(1);
    await engine.scheduler.runOnce();
    const types = await typesIn(engine, c.secretariat, id);
    expect(types.filter((t) => t === 'CaseResumed')).toHaveLength(1);
    expect(types).not.toContain('DeadlineMissed');
    expect((await engine.view(c.secretariat, id)).state).toBe('informal.awaitingAcknowledgement');
    // 4 working days left, counted again from the day it resumed.
    expect((await engine.settledBook()).deadlines(id).map((d) => [d.deadlineId, d.dueOn, d.status])).toEqual([
      ['acknowledgement-1', '2026-03-17', 'open'],
      ['informal-resolution-1', '2026-04-09', 'open'], // 19 WD, over Easter,
    ]);
    expect((await engine.settledBook()).suspensions().filter((s) => s.caseId === id)).toEqual([]);

    engine.at('2026-03-17T20:00:00Z');
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual([]);
    engine.at('2026-03-18T08:00:00Z');
    await engine.scheduler.runOnce();
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual(['acknowledgement-1']);
  });

  it('follows an extension: the moved due date, not the first one, is the one that can be missed', async () => {
    const id = await raise();
    await engine.run(c.secretariat, id, 'extend-deadline', { workingDays: 5, reason: 'Papers late', consentFrom: [c.charity, c.council] });
    expect((await engine.settledBook()).deadlines(id).find((d) => d.deadlineId === 'acknowledgement-1')?.dueOn).toBe('2026-03-16');

    engine.at('2026-03-10T09:00:00Z');
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual([]);

    engine.at('2026-03-17T09:00:00Z');
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual(['acknowledgement-1']);
  });

  it('follows the respondent’s own extension of the formal response', async () => {
    const id = await raise();
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await engine.run(c.charityOfficer, id, 'lodge-formal', { grounds: 'No progress' });
    await engine.run(c.councilOfficer, id, 'acknowledge');
    const before = (await engine.settledBook()).deadlines(id).find((d) => d.step === 'formal-response');
    expect(before?.dueOn).toBe('2026-03-30');
    await engine.run(c.councilOfficer, id, 'extend-response-deadline', { workingDays: 10, reason: 'Cabinet meets later' });
    // Ten working days on from 30 March, over Good Friday and Easter Monday.
    expect((await engine.settledBook()).deadlines(id).find((d) => d.step === 'formal-response')?.dueOn).toBe('2026-04-15');

    engine.at('2026-03-31T09:00:00Z');
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual([]);
    engine.at('2026-04-16T09:00:00Z');
    await engine.scheduler.runOnce();
    expect(await missedDeadlineIds(engine, id)).toEqual(['formal-response-1']);
  });

  it('closes a case as not-pursued on the working day after the decision window, not a day earlier', async () => {
    engine.at('2026-03-20T10:00:00Z');
    const id = await raise();
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await engine.run(c.charityOfficer, id, 'lodge-formal', { grounds: 'No progress' });
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await engine.run(c.councilOfficer, id, 'respond', { response: 'We followed our policy' });
    // 20 working days from Friday 20 March, skipping Good Friday (3 April) and Easter Monday (6 April).
    expect((await engine.settledBook()).deadlines(id).map((d) => [d.step, d.dueOn])).toEqual([['complainant-decision', '2026-04-21']]);

    engine.at('2026-04-21T22:30:00Z'); // 23:30 BST on the due day
    await engine.scheduler.runOnce();
    expect((await engine.view(c.secretariat, id)).state).toBe('formal.awaitingDecision');

    engine.at('2026-04-21T23:30:00Z'); // 00:30 BST on 22 April
    await engine.scheduler.runOnce();
    await engine.scheduler.runOnce();
    const view = await engine.view(c.secretariat, id);
    expect(view).toMatchObject({ state: 'closed', outcome: 'not-pursued' });
    const types = await typesIn(engine, c.secretariat, id);
    expect(types.filter((t) => t === 'DeadlineMissed')).toHaveLength(1);
    expect(types.filter((t) => t === 'CaseClosed')).toHaveLength(1);
    expect(types.slice(-2)).toEqual(['DeadlineMissed', 'CaseClosed']);
    expect((await engine.settledBook()).deadlines(id)).toEqual([]);
  });

  it('records an agreed action missed on its check day (5 WD after it was due), once', async () => {
    const id = await raise();
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await agreeTwoActions(engine, c, id);
    expect((await engine.settledBook()).actions(id).map((a) => [a.actionId, a.dueDate, a.checkOn])).toEqual([
      ['A1', '2026-03-20', '2026-03-27'],
      ['A2', '2026-05-29', '2026-06-05'],
    ]);
    engine.at('2026-03-26T18:00:00Z');
    await engine.scheduler.runOnce();
    expect(await typesIn(engine, c.secretariat, id)).not.toContain('ActionMissed');

    engine.at('2026-03-27T07:00:00Z');
    await Promise.all([engine.scheduler.runOnce(), engine.scheduler.runOnce()]);
    await engine.scheduler.runOnce();
    const missed = (await engine.history(c.secretariat, id)).events.filter((e) => e.type === 'ActionMissed');
    expect(missed.map((e) => (e.data as { actionId: string }).actionId)).toEqual(['A1']);
    expect((await engine.settledBook()).actions(id).map((a) => a.actionId)).toEqual(['A2']);
    expect((await engine.view(c.secretariat, id)).state).toBe('actionsOpen');
  });

  it('logs and skips a command the case refuses, and carries on with the rest', async () => {
    const id = await raise();
    engine.at('2026-03-10T09:00:00Z');
    const real = engine.book;
    const stale: Pick<DeadlineBookReadModel, 'overdueDeadlines' | 'actionsToCheck' | 'endedSuspensions'> = {
      overdueDeadlines: (today) => [
        { caseId: id, deadlineId: 'no-such-deadline', step: 'acknowledgement', dueOn: '2026-03-01', owedBy: 'respondent', owedByOrganisationIds: [], status: 'open', remainingWorkingDays: null, caseRevision: 0n },
        { caseId: 'no-such-case', deadlineId: 'acknowledgement-1', step: 'acknowledgement', dueOn: '2026-03-01', owedBy: 'respondent', owedByOrganisationIds: [], status: 'open', remainingWorkingDays: null, caseRevision: 0n },
        ...real.overdueDeadlines(today),
      ],
      actionsToCheck: (today) => real.actionsToCheck(today),
      endedSuspensions: (today) => real.endedSuspensions(today),
    };
    const internals = engine.scheduler as unknown as { store: never; calendar: never };
    const scheduler = new DeadlineScheduler(
      engine.commands,
      engine.readModels,
      stale as DeadlineBookReadModel,
      internals.store,
      engine.clock,
      internals.calendar,
    );
    const report = await scheduler.runOnce();
    expect(report.refused).toBe(2);
    expect(report.failed).toBe(0);
    expect(await missedDeadlineIds(engine, id)).toEqual(['acknowledgement-1']);
  });
});

describe('the deadline scheduler and a case that ended before its actions were settled', () => {
  let engine: Engine;
  let c: Compact;
  /** Every system command put on the bus, by case. */
  const sent: { caseId: string; name: string }[] = [];

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
    engine.commands.subscribe((command) => {
      if (command instanceof RunSystemCommand) sent.push({ caseId: command.caseId, name: command.command.name });
    });
  });

  afterAll(() => engine.destroy());

  /** Agreed at stage 1 on Monday 2 March. */
  const carryingOut = async () => {
    engine.at('2026-03-02T10:00:00Z');
    const id = (await engine.raise(c.charityOfficer, grievance([c.council]))).id;
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await agreeTwoActions(engine, c, id);
    return id;
  };

  /** Runs the scheduler every day (three times a day) through the summer, and answers what it sent for the case. */
  const runThroughSummer = async (id: string) => {
    for (const day of ['2026-03-30', '2026-04-15', '2026-06-08', '2026-07-01', '2026-09-01']) {
      engine.at(day);
      for (let run = 0; run < 3; run++) {
        const report = await engine.scheduler.runOnce();
        expect(report).toMatchObject({ refused: 0, failed: 0 });
      }
    }
    return sent.filter((s) => s.caseId === id);
  };

  it.each([
    ['withdrawn', (id: string) => engine.run(c.charityOfficer, id, 'withdraw', { reasonCode: 'resolved-outside' })],
    ['referred externally', (id: string) => engine.run(c.charityOfficer, id, 'refer-externally', { body: 'independent-mediation' })],
  ])('sends nothing, run after run, for the actions of a case %s while they were open', async (_how, end) => {
    const id = await carryingOut();
    await end(id);
    expect((await engine.view(c.secretariat, id)).actions.map((a) => a.status)).toEqual(['closed-unfinished', 'closed-unfinished']);
    expect((await engine.settledBook()).actions(id)).toEqual([]);
    expect(await runThroughSummer(id)).toEqual([]);
  });

  it('sends nothing for the actions left open when a reopening takes the case back to triage', async () => {
    const id = await carryingOut();
    engine.at('2026-03-27T10:00:00Z');
    await engine.scheduler.runOnce();
    expect(sent.filter((s) => s.caseId === id)).toEqual([{ caseId: id, name: 'record-missed-action' }]);
    await engine.run(c.charityOfficer, id, 'request-reopening', { grounds: 'action-not-delivered', reason: 'The grant was not reinstated' });
    await engine.run(c.chair, id, 'decide-reopening', { granted: true, reason: 'Back to the CDG' });
    expect(await engine.view(c.secretariat, id)).toMatchObject({ state: 'cdg.triage', actions: [{ status: 'missed' }, { status: 'closed-unfinished' }] });
    sent.length = 0;
    const afterReopening = (await runThroughSummer(id)).filter((s) => s.name === 'record-missed-action');
    expect(afterReopening).toEqual([]);
  });

  it('records a command the case refuses once (one log line, one refusal), and does not send it again until the case changes', async () => {
    const id = (await engine.raise(c.charityOfficer, grievance([c.council]))).id;
    let revision = 0n;
    const stale: Pick<DeadlineBookReadModel, 'overdueDeadlines' | 'actionsToCheck' | 'endedSuspensions'> = {
      overdueDeadlines: () => [],
      actionsToCheck: () => [{ caseId: id, actionId: 'A7', ownerId: c.council, description: 'Gone', dueDate: '2026-03-02', checkOn: '2026-03-09', caseRevision: revision }],
      endedSuspensions: () => [],
    };
    const internals = engine.scheduler as unknown as { store: never; calendar: never };
    const scheduler = new DeadlineScheduler(engine.commands, engine.readModels, stale as DeadlineBookReadModel, internals.store, engine.clock, internals.calendar);
    const warnings: string[] = [];
    const logger = (scheduler as unknown as { logger: { warn: (m: string) => void } }).logger;
    logger.warn = (message: string) => warnings.push(message);
    engine.at('2026-03-20T10:00:00Z');
    sent.length = 0;

    expect(await scheduler.runOnce()).toMatchObject({ refused: 1, skipped: 0 });
    for (let run = 0; run < 5; run++) expect(await scheduler.runOnce()).toMatchObject({ refused: 0, skipped: 1 });
    expect(sent).toEqual([{ caseId: id, name: 'record-missed-action' }]);
    expect(warnings).toEqual([expect.stringContaining(`record-missed-action on case ${id}`)]);

    // The case moved on: the book's entry is judged once more.
    revision = 1n;
    expect(await scheduler.runOnce()).toMatchObject({ refused: 1, skipped: 0 });
    expect(sent).toHaveLength(2);
  });
});

describe('the deadline scheduler across restarts and instances', () => {
  let first: Engine | null = null;
  let second: Engine | null = null;

  afterEach(async () => {
    await second?.stop();
    await first?.destroy();
    first = null;
    second = null;
  });

  it('loses nothing over a restart: the book is read back from its file and each miss is recorded once', async () => {
    first = await startEngine();
    const c = await seedCompact(first);
    const ids = [
      (await first.raise(c.charityOfficer, grievance([c.council]))).id,
      (await first.raise(c.groupOfficer, grievance([c.county]))).id,
    ];
    first.at('2026-03-10T09:00:00Z');
    await first.scheduler.runOnce();
    await first.stop();

    // Down for a while; the next start runs the scheduler at once.
    const restarted = await startEngine({ dataDir: first.dataDir, start: '2026-03-31T09:00:00Z' });
    second = restarted;
    await restarted.scheduler.runOnce();
    await restarted.scheduler.runOnce();
    for (const id of ids) expect(await missedDeadlineIds(restarted, id)).toEqual(['acknowledgement-1', 'informal-resolution-1']);
    await restarted.stop();

    const again = await startEngine({ dataDir: first.dataDir, start: '2026-04-01T09:00:00Z' });
    second = again;
    await again.scheduler.runOnce();
    for (const id of ids) expect(await missedDeadlineIds(again, id)).toEqual(['acknowledgement-1', 'informal-resolution-1']);
  });

  it('records each miss once when two instances on one data directory run at the same time', async () => {
    first = await startEngine();
    const c = await seedCompact(first);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await first.raise(c.charityOfficer, grievance([i % 2 === 0 ? c.council : c.county]))).id);
    second = await startEngine({ dataDir: first.dataDir });
    first.at('2026-03-31T09:00:00Z');
    second.at('2026-03-31T09:00:00Z');
    await Promise.all([first.scheduler.runOnce(), second.scheduler.runOnce(), first.scheduler.runOnce(), second.scheduler.runOnce()]);
    for (const id of ids) {
      expect(await missedDeadlineIds(first, id)).toEqual(['acknowledgement-1', 'informal-resolution-1']);
    }
  });
});
