import { DisputeRepository, GetDispute, GetDisputeReplay, SYSTEM_PRINCIPAL } from '#application';
import { EVENT_STORE, type EventStore, type EventToAppend } from '#event-store';
import { type Engine, seedCompact, startEngine } from '../support/engine.js';

/**
 * Events are never rewritten: a stream recorded before schema 2 (no rule on computed dates, no
 * consent on RouteChosen, no unfinished actions on CaseClosed) still replays, upcast on every read.
 */
describe('a case recorded at schema 1', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine();
  });
  afterAll(() => engine.destroy());

  it('replays through today’s machine: its open action ends closed-unfinished, unknown rules read as null', async () => {
    const c = await seedCompact(engine);
    const id = (await engine.raise(c.charityOfficer, { respondentIds: [c.council], clauses: ['3.2'], summary: 's', details: 'd', desiredOutcome: 'o' })).id;
    const store = engine.app.get<EventStore>(EVENT_STORE);
    const [raised] = await store.readStream(`dispute-${id}`);
    const at = (time: string) => ({ occurredAt: `2026-03-02T${time}.000Z`, caseId: id, schemaVersion: 1 });
    const partner = (p: typeof c.charityOfficer) => ({ personId: p.personId, role: 'partner', organisationId: p.organisationId });
    const old: Omit<EventToAppend, 'id'>[] = [
      { type: 'AcknowledgementGiven', data: { organisationId: c.council }, metadata: { ...at('11:00:00'), actor: partner(c.councilOfficer) } },
      {
        type: 'ResolutionAgreed',
        data: {
          terms: 'Grant restored',
          outcome: 'resolved-informally',
          actions: [{ actionId: 'A1', description: 'Pay', ownerId: c.council, dueDate: '2026-03-31', clause: null, checkOn: '2026-04-08' }],
        },
        metadata: { ...at('12:00:00'), actor: partner(c.charityOfficer) },
      },
      { type: 'DisputeWithdrawn', data: { reasonCode: 'other', reason: 'Settled' }, metadata: { ...at('13:00:00'), actor: partner(c.charityOfficer) } },
      {
        type: 'CaseClosed',
        data: { outcome: 'withdrawn', closedOn: '2026-03-02', reopenableUntil: '2026-05-29' },
        metadata: { ...at('13:00:00'), actor: partner(c.charityOfficer) },
      },
    ];
    await store.append(
      `dispute-${id}`,
      old.map((e, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, ...e })),
      raised!.revision,
    );

    const view = await engine.queries.execute(new GetDispute(SYSTEM_PRINCIPAL, id));
    expect(view).toMatchObject({ state: 'closed', outcome: 'withdrawn' });
    expect(view.actions).toEqual([expect.objectContaining({ actionId: 'A1', status: 'closed-unfinished' })]);
    // The replay upcasts the same way: its last step is the case as the live read has it.
    const replay = await engine.queries.execute(new GetDisputeReplay(c.auditor, id));
    const { revision: _revision, position: _position, ...live } = await engine.queries.execute(new GetDispute(c.auditor, id));
    expect(replay.steps.map((step) => step.state)).toEqual(['informal.awaitingAcknowledgement', 'informal.inDiscussion', 'actionsOpen', 'closed', 'closed']);
    expect(replay.steps.at(-1)?.view).toEqual(live);
    const { context } = (await new DisputeRepository(store).load(id))!.snapshot;
    expect(context.actions[0]).toMatchObject({ checkOn: '2026-04-08', checkRule: null, calendarVersion: null });
    await engine.settle();
    expect((await engine.settledBook()).actions(id)).toEqual([]);
    expect((await engine.readModels.status()).find((p) => p.name === 'cases')).toMatchObject({ failures: 0 });
  });
});
