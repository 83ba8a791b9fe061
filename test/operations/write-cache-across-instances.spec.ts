import { RunDisputeCommand, type CaseCommandRequest, type Principal, type WriteOptions } from '#application';
import { type CaseCommandName } from '#domain';
import { type Engine, grievance, twoSeededEngines } from '../support/engine.js';

/*
 * The write side decides a command on the case as this process last knew it, without reading the
 * stream first. Two instances on one store: each one's cache goes stale as soon as the other
 * writes. Nothing may come of that but a re-read: no refusal decided on the stale case, no
 * If-Match refused that matches the store, no retried command applied twice.
 */
describe('the write side’s case cache, with another instance writing to the same store', () => {
  const world = twoSeededEngines();

  const run = (engine: Engine, who: Principal, caseId: string, name: CaseCommandName, payload: Record<string, unknown> = {}, options: WriteOptions = {}) =>
    engine.commands.execute(new RunDisputeCommand(who, caseId, { name, payload } as CaseCommandRequest, options));

  it('re-reads before refusing, honours an If-Match that matches the store and applies a retried command once', async () => {
    const { a, b, people } = world;
    const { id } = await a.raise(people.charityOfficer, grievance([people.council]));
    await run(a, people.councilOfficer, id, 'acknowledge');
    // B moves the case on; A's cache still has it acknowledged informally, at revision 1.
    const lodged = await run(b, people.charityOfficer, id, 'lodge-formal', { grounds: 'No progress informally' });
    expect(lodged.revision).toBe(2n);

    // Acknowledging the formal stage is allowed only after B's write.
    const acknowledged = await run(a, people.councilOfficer, id, 'acknowledge');
    expect(acknowledged.revision).toBe(3n);

    // B writes again; A is given B's revision as If-Match.
    const responded = await run(b, people.councilOfficer, id, 'respond', { response: 'We followed our policy' });
    const referred = await run(a, people.charityOfficer, id, 'refer-to-cdg', { reason: 'The response does not address the notice' }, { expectedRevision: responded.revision });
    expect(referred.revision).toBe(responded.revision + 1n);

    // A retry on A of a command B applied (same person, same Idempotency-Key) is that command.
    const route = { route: 'mediation', reason: 'Both parties agree to mediate', consentFrom: [people.charity, people.council] };
    const chosen = await run(b, people.chair, id, 'choose-route', route, { idempotencyKey: 'route-1' });
    const retried = await run(a, people.chair, id, 'choose-route', route, { idempotencyKey: 'route-1' });
    expect(retried).toEqual(chosen);

    // A refusal that holds on the store is still given, from either instance.
    await expect(run(a, people.councilOfficer, id, 'respond', { response: 'Again' })).rejects.toMatchObject({ code: expect.any(String) });

    const history = await a.history(people.auditor, id);
    const types = history.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'RouteChosen')).toHaveLength(1);
    expect(history.events.map((e: { revision: bigint }) => e.revision)).toEqual(types.map((_: string, i: number) => BigInt(i)));
  });
});
