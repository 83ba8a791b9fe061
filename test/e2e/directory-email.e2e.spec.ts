import { type CommandAnswer, created, E2eApi, expectProblem, START } from './support/e2e-world.js';

/** One email address belongs to one active person: a second registration is a 409 and appends nothing. */
describe('registering an email address twice', () => {
  let e2e: E2eApi;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
  });

  afterAll(() => e2e.dispose());

  const register = (email: string, name = 'Secretariat officer') => e2e.admin.post('/people', { name, email, roles: ['secretariat'] });

  it('refuses an address already registered, whatever its letter case, with DIRECTORY.EMAIL_TAKEN', async () => {
    const first = created<CommandAnswer>(await register('clerk@cambs.example', 'First clerk'));
    const head = await e2e.headPosition();
    for (const email of ['clerk@cambs.example', 'Clerk@Cambs.Example', ' CLERK@CAMBS.EXAMPLE ']) {
      const problem = expectProblem(await register(email, 'Second clerk'), 409, 'DIRECTORY.EMAIL_TAKEN');
      expect(problem.detail).toContain(`First clerk (${first.id})`);
    }
    expect(await e2e.headPosition()).toBe(head);
  });

  it('registers exactly one of twenty concurrent requests for one address', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => register(i % 2 === 0 ? 'race@cambs.example' : 'RACE@cambs.example', `Racer ${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) expectProblem(refused, 409, 'DIRECTORY.EMAIL_TAKEN');
    const people = (await e2e.admin.get('/people?limit=100')).body as { items: { name: string }[] };
    expect(people.items.filter((p) => p.name.startsWith('Racer '))).toHaveLength(1);
  });

  it('frees the address of a deactivated person, for someone registered afresh', async () => {
    const gone = created<CommandAnswer>(await register('leaver@cambs.example', 'Leaver'));
    expect((await e2e.admin.post(`/people/${gone.id}/deactivate`, { reason: 'Left the county council' })).status).toBe(200);
    const back = created<CommandAnswer>(await register('leaver@cambs.example', 'Leaver, back again'));
    expect(back.id).not.toBe(gone.id);
    expectProblem(await register('Leaver@cambs.example', 'A third'), 409, 'DIRECTORY.EMAIL_TAKEN');
  });

  it('answers a retried registration with its first answer, not as a second registration', async () => {
    const body = { name: 'Retried clerk', email: 'retry@cambs.example', roles: ['auditor'] };
    const first = await e2e.admin.post('/people', body, { 'idempotency-key': 'register-retry-1' });
    const again = await e2e.admin.post('/people', body, { 'idempotency-key': 'register-retry-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
  });
});
