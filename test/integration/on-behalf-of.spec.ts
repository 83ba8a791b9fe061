import { type CaseCommandRequest, type Principal, RaiseDispute, RunDisputeCommand, type WriteOptions } from '#application';
import { ForbiddenError, ValidationError } from '#core';
import { CASE_COMMANDS, type CaseCommandName } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';

/**
 * "Record on behalf of parties with a stated reason" (process.md, Roles) is a rule of the write
 * side, not of one edge: the command bus, which the CLI and other edges use, refuses what HTTP does.
 */
describe('recording a step on behalf of a party, through the command bus', () => {
  let engine: Engine;
  let c: Compact;
  let caseId: string;
  let store: EventStore;

  const onBehalfOf = (organisationId: string, reason = 'Received by post'): WriteOptions => ({ onBehalfOf: { organisationId, reason } });
  const run = (who: Principal, name: CaseCommandName, payload: Record<string, unknown>, options: WriteOptions) =>
    engine.commands.execute(new RunDisputeCommand(who, caseId, { name, payload } as CaseCommandRequest, options));
  const refusal = async (attempt: Promise<unknown>): Promise<unknown> => attempt.then(() => 'accepted', (error: unknown) => error);

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
    store = engine.app.get<EventStore>(EVENT_STORE);
    caseId = (await engine.raise(c.charityOfficer, grievance([c.council]))).id;
  });

  afterAll(() => engine.destroy());

  it('is refused to anyone but the secretariat, instead of being dropped', async () => {
    const head = await store.headPosition();
    expect(await refusal(run(c.charityOfficer, 'add-note', { text: 'By post' }, onBehalfOf(c.charity)))).toEqual(
      expect.objectContaining({ constructor: ForbiddenError, code: 'AUTH.ON_BEHALF_NOT_ALLOWED' }),
    );
    expect(await refusal(engine.commands.execute(new RaiseDispute(c.charityOfficer, grievance([c.council]), onBehalfOf(c.charity))))).toEqual(
      expect.objectContaining({ code: 'AUTH.ON_BEHALF_NOT_ALLOWED' }),
    );
    expect(await store.headPosition()).toBe(head);
  });

  it('must name a party of the case, for every command', async () => {
    const head = await store.headPosition();
    // The payload hardly matters: the actor is settled before the command is decided (evidence needs well-formed content to get that far).
    const payloadOf = (name: CaseCommandName) => (name === 'add-evidence' ? { filename: 'a.txt', contentType: 'text/plain', contentBase64: 'aGk=' } : {});
    for (const name of CASE_COMMANDS) {
      expect({ name, refused: await refusal(run(c.secretariat, name, payloadOf(name), onBehalfOf(c.group))) }).toEqual({
        name,
        refused: expect.objectContaining({ constructor: ValidationError, code: 'VALIDATION.ON_BEHALF_OF_NOT_A_PARTY' }),
      });
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('records the step as the secretariat\'s, for the party and with the reason', async () => {
    await run(c.secretariat, 'acknowledge', {}, onBehalfOf(c.council, 'The council acknowledged by letter'));
    const events = await store.readStream(`dispute-${caseId}`);
    expect(events.at(-1)?.metadata['actor']).toEqual({
      personId: c.secretariat.personId,
      role: 'secretariat',
      organisationId: null,
      onBehalfOf: { organisationId: c.council, reason: 'The council acknowledged by letter' },
    });
  });

  it('makes someone who is also a partner act as the secretariat, never silently as themselves', async () => {
    const both = await engine.person('Officer and secretariat', ['partner', 'secretariat'], c.charity);
    await run(both, 'add-note', { text: 'Phoned in by the council' }, onBehalfOf(c.council));
    const events = await store.readStream(`dispute-${caseId}`);
    expect(events.at(-1)?.metadata['actor']).toMatchObject({ role: 'secretariat', onBehalfOf: { organisationId: c.council } });
  });

  it('must say why', async () => {
    expect(await refusal(run(c.secretariat, 'add-note', { text: 'x' }, onBehalfOf(c.council, '  ')))).toEqual(
      expect.objectContaining({ code: 'VALIDATION.ON_BEHALF_OF' }),
    );
  });
});
