import { Authenticate, DeactivatePerson, RegisterPerson, RotateToken } from '#application';
import { DIRECTORY_PROJECTION } from '#projections';
import { ADMIN, type Engine, startTwoEngines } from '../support/engine.js';

/*
 * Sign-in answers are kept while the directory file is unchanged. A rotated token or a
 * deactivation must be refused at once: here written by this instance, and by another instance
 * on the same files whose commits only SQLite's data_version shows (this instance's own directory
 * runner is stopped, so it applies nothing itself).
 */
describe('the sign-in lookup kept between requests', () => {
  let a: Engine;
  let b: Engine;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ a, b, stop } = await startTwoEngines());
  });

  afterAll(async () => {
    await stop?.();
  });

  const signIn = (engine: Engine, token: string) => engine.queries.execute(new Authenticate(token));

  it('refuses a rotated token and a deactivated person at once, on either instance', async () => {
    const registered = await a.commands.execute(new RegisterPerson(ADMIN, { name: 'Mediator', email: 'mediator@example.org', roles: ['mediator'], organisationId: null }));
    await b.settle();
    expect(await signIn(a, registered.token)).toMatchObject({ personId: registered.id, roles: ['mediator'] });
    expect(await signIn(b, registered.token)).toMatchObject({ personId: registered.id });
    await b.readModels.runners.find((r) => r.projection.name === DIRECTORY_PROJECTION)!.stop();

    const rotated = await a.commands.execute(new RotateToken(ADMIN, registered.id));
    expect(await signIn(a, registered.token)).toBeNull();
    expect(await signIn(a, rotated.token)).toMatchObject({ personId: registered.id });
    expect(await signIn(b, registered.token)).toBeNull();
    expect(await signIn(b, rotated.token)).toMatchObject({ personId: registered.id });

    await a.commands.execute(new DeactivatePerson(ADMIN, registered.id, 'Left the mediation service'));
    await a.settle();
    expect(await signIn(a, rotated.token)).toBeNull();
    expect(await signIn(b, rotated.token)).toBeNull();
  });
});
