import { type Cast, castFor, E2eApi, expectProblem, history, raise, START } from './support/e2e-world.js';

/** X-On-Behalf-Of over HTTP: the write side's rule, answered as problem+json. */
describe('recording on behalf of a party over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
  });

  afterAll(() => e2e.dispose());

  const onBehalfOf = (organisationId: string) => ({ 'x-on-behalf-of': organisationId, 'x-on-behalf-reason': 'Asked by telephone' });

  it('refuses, with 400, a step recorded for an organisation that is not a party of the case, and stores nothing', async () => {
    const headBefore = await e2e.headPosition();
    const commands: [string, Record<string, unknown>][] = [
      ['add-note', { text: 'Recorded for an outsider' }],
      ['acknowledge', {}],
      ['withdraw', { reasonCode: 'no-longer-relevant' }],
      ['add-evidence', { filename: 'a.txt', contentType: 'text/plain', contentBase64: 'aGk=' }],
    ];
    for (const [command, body] of commands) {
      const problem = expectProblem(await cast.secretariat.http.post(`/disputes/${caseId}/${command}`, body, onBehalfOf(cast.orgs.third)), 400, 'VALIDATION.ON_BEHALF_OF_NOT_A_PARTY');
      expect(problem.errors).toEqual([{ field: 'onBehalfOf.organisationId', message: 'must name the complainant or a respondent of this case' }]);
    }
    expect(await e2e.headPosition()).toBe(headBefore);
  });

  it('refuses the headers from anyone but the secretariat with 403, a case they may not see with 404 first', async () => {
    expectProblem(await cast.respondent.http.post(`/disputes/${caseId}/acknowledge`, {}, onBehalfOf(cast.orgs.council)), 403, 'AUTH.ON_BEHALF_NOT_ALLOWED');
    expectProblem(await cast.outsider.http.post(`/disputes/${caseId}/add-note`, { text: 'x' }, onBehalfOf(cast.orgs.council)), 404);
  });

  it('records a party\'s step for it, as the secretariat\'s, with the reason', async () => {
    expect((await cast.secretariat.http.post(`/disputes/${caseId}/acknowledge`, {}, onBehalfOf(cast.orgs.council))).status).toBe(200);
    const last = (await history(cast.secretariat, caseId)).at(-1);
    expect(last).toMatchObject({
      type: 'AcknowledgementGiven',
      actor: { personId: cast.secretariat.id, role: 'secretariat', onBehalfOf: { organisationId: cast.orgs.council, reason: 'Asked by telephone' } },
    });
  });
});
