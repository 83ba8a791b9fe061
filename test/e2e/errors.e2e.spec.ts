import { type Cast, castFor, E2eApi, expectProblem, raise, raiseBody, run, START, view } from './support/e2e-world.js';

/** Every error status api.md fixes, each as problem+json, on the real application. */
describe('errors over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
  });

  afterAll(() => e2e.dispose());

  const fieldsOf = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field);

  describe('400 malformed or invalid input', () => {
    it('refuses an unknown field at the top level, naming it', async () => {
      const problem = expectProblem(await cast.complainant.http.post('/disputes', { ...raiseBody(cast.orgs.council), priority: 'high' }), 400, 'VALIDATION.INVALID_INPUT');
      expect(problem.errors).toEqual([{ field: 'priority', message: 'priority is not a known field (unknown fields are refused)' }]);
    });

    it('refuses an unknown field inside dates and inside an action', async () => {
      const raised = await cast.complainant.http.post('/disputes', raiseBody(cast.orgs.council, { dates: { noticeReceived: '2026-02-02', noticeSent: '2026-02-01' } }));
      expect(fieldsOf(expectProblem(raised, 400))).toEqual(['dates.noticeSent']);

      const agreed = await cast.complainant.http.post(`/disputes/${caseId}/agree-resolution`, {
        terms: 'Terms',
        actions: [{ description: 'Pay', ownerId: cast.orgs.council, dueDate: '2026-06-01', priority: 1 }],
      });
      expect(fieldsOf(expectProblem(agreed, 400))).toEqual(['actions.0.priority']);
    });

    it('refuses any field on a command that takes none', async () => {
      expect(fieldsOf(expectProblem(await cast.respondent.http.post(`/disputes/${caseId}/acknowledge`, { note: 'ok' }), 400))).toEqual(['note']);
    });

    it('refuses a value outside the vocabulary', async () => {
      const problem = expectProblem(await cast.complainant.http.post(`/disputes/${caseId}/withdraw`, { reasonCode: 'bored' }), 400);
      expect(problem.errors).toEqual([{ field: 'reasonCode', message: 'reasonCode must be one of resolved-outside, no-longer-relevant, other' }]);
      expect(fieldsOf(expectProblem(await e2e.admin.post('/organisations', { name: 'X', sector: 'private', type: 'firm' }), 400))).toEqual(['sector']);
      expect(fieldsOf(expectProblem(await e2e.admin.post('/people', { name: 'X', email: 'x@example.org', roles: ['system'] }), 400))).toEqual(['roles']);
    });

    it.each([
      ['a date that does not exist', '2026-02-30'],
      ['a date in another format', '02/03/2026'],
      ['an instant instead of a date', '2026-03-02T10:00:00Z'],
      ['a number', 20260302],
    ])('refuses %s', async (_what, noticeReceived) => {
      const response = await cast.complainant.http.post('/disputes', raiseBody(cast.orgs.council, { dates: { noticeReceived } }));
      expect(expectProblem(response, 400).errors).toEqual([{ field: 'dates.noticeReceived', message: 'noticeReceived must be a real date as YYYY-MM-DD' }]);
    });

    it.each([
      ['an array', '[]'],
      ['null', 'null'],
      ['a string', '"acknowledge"'],
      ['a number', '42'],
    ])('refuses a body that is %s', async (_what, body) => {
      const response = await cast.respondent.http.send('POST', `/disputes/${caseId}/acknowledge`, { body, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'VALIDATION.BODY_NOT_AN_OBJECT');
    });

    it('refuses malformed JSON', async () => {
      const response = await cast.complainant.http.send('POST', '/disputes', { body: '{"summary": ', headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('refuses wrong types and out-of-range numbers, and missing fields, each named', async () => {
      const extend = await cast.respondent.http.post(`/disputes/${caseId}/extend-response-deadline`, { workingDays: '5', reason: 42 });
      expect(expectProblem(extend, 400).errors).toEqual([
        { field: 'workingDays', message: 'workingDays must be a whole number from 1 to 10' },
        { field: 'reason', message: 'reason must be a string' },
      ]);
      const tooLong = await cast.respondent.http.post(`/disputes/${caseId}/extend-response-deadline`, { workingDays: 11, reason: 'More time' });
      expect(fieldsOf(expectProblem(tooLong, 400))).toEqual(['workingDays']);
      const suspend = await cast.secretariat.http.post(`/disputes/${caseId}/suspend`, { reason: 'Talks', workingDays: 41, consentFrom: [] });
      expect(fieldsOf(expectProblem(suspend, 400))).toEqual(['workingDays', 'consentFrom']);
      const raised = await cast.complainant.http.post('/disputes', { respondentIds: [], clauses: ['three point two'], summary: '   ', urgent: 'yes' });
      expect(fieldsOf(expectProblem(raised, 400))).toEqual(['respondentIds', 'clauses', 'summary', 'details', 'desiredOutcome', 'urgent']);
    });

    it('wants reasons unless the findings are accepted in full', async () => {
      const response = await cast.complainant.http.post(`/disputes/${caseId}/respond-to-findings`, { response: 'decline' });
      expect(expectProblem(response, 400).errors).toEqual([{ field: 'reasons', message: 'reasons are required unless the response is accept' }]);
    });

    it('refuses a garbage If-Match, Idempotency-Key, query parameter or asOf', async () => {
      expectProblem(await cast.complainant.http.post(`/disputes/${caseId}/add-note`, { text: 'x' }, { 'if-match': 'three' }), 400, 'CONCURRENCY.INVALID_IF_MATCH');
      expectProblem(await cast.complainant.http.post(`/disputes/${caseId}/add-note`, { text: 'x' }, { 'idempotency-key': 'a b' }), 400, 'IDEMPOTENCY.INVALID_KEY');
      expect(fieldsOf(expectProblem(await cast.complainant.http.get('/disputes?limit=0&stage=9&overdue=maybe'), 400))).toEqual(['stage', 'overdue', 'limit']);
      expect(fieldsOf(expectProblem(await cast.complainant.http.get('/disputes?sort=desc'), 400))).toEqual(['sort']);
      expect(fieldsOf(expectProblem(await cast.complainant.http.get('/disputes?openedFrom=2026-02-30'), 400))).toEqual(['openedFrom']);
      expect(fieldsOf(expectProblem(await cast.complainant.http.get('/disputes?state=pondering'), 400))).toEqual(['state']);
      expect(fieldsOf(expectProblem(await cast.complainant.http.get(`/disputes/${caseId}/history?asOf=yesterday`), 400))).toEqual(['asOf']);
    });

    it('refuses half of the on-behalf-of headers', async () => {
      const response = await cast.secretariat.http.post(`/disputes/${caseId}/add-note`, { text: 'x' }, { 'x-on-behalf-of': cast.orgs.council });
      expect(fieldsOf(expectProblem(response, 400, 'VALIDATION.ON_BEHALF_OF'))).toEqual(['X-On-Behalf-Reason']);
    });

    it('refuses an organisation or person the domain does not know, naming the field', async () => {
      expect(fieldsOf(expectProblem(await cast.complainant.http.post('/disputes', raiseBody('no-such-organisation')), 400))).toEqual(['respondentIds']);
      expect(fieldsOf(expectProblem(await e2e.admin.post('/people', { name: 'P', email: 'p@example.org', roles: ['partner'] }), 400))).toEqual(['organisationId']);
    });
  });

  describe('401 no or bad token', () => {
    it('answers 401 with a Bearer challenge without a token, on every kind of route', async () => {
      for (const response of [
        await e2e.client().get(`/disputes/${caseId}`),
        await e2e.client().post(`/disputes/${caseId}/acknowledge`, {}),
        await e2e.client().post('/organisations', { name: 'X', sector: 'vcs', type: 'charity' }),
        await e2e.client().get('/work-queue'),
      ]) {
        expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
      }
    });

    it('answers 401 for a token nobody holds and for a header that is not a bearer token', async () => {
      expectProblem(await e2e.client('not-a-real-token').get(`/disputes/${caseId}`), 401);
      expectProblem(await e2e.client().get(`/disputes/${caseId}`, { authorization: `Basic ${cast.complainant.token}` }), 401);
    });
  });

  describe('403 role or membership does not allow it', () => {
    it('refuses a partner signing organisations up or registering people', async () => {
      expectProblem(await cast.complainant.http.post('/organisations', { name: 'X', sector: 'vcs', type: 'charity' }), 403, 'AUTH.ROLE_REQUIRED');
      expectProblem(await cast.secretariat.http.post('/people', { name: 'X', email: 'x@example.org', roles: ['admin'] }), 403, 'AUTH.ROLE_REQUIRED');
    });

    it('refuses a party sending the other side\'s command', async () => {
      expectProblem(await cast.complainant.http.post(`/disputes/${caseId}/acknowledge`, {}), 403, 'AUTH.FORBIDDEN');
    });

    it('refuses an auditor changing anything, and a partner replaying', async () => {
      expectProblem(await cast.auditor.http.post(`/disputes/${caseId}/add-note`, { text: 'Looks fine' }), 403);
      expectProblem(await cast.complainant.http.get(`/disputes/${caseId}/replay`), 403);
    });

    it('refuses the on-behalf-of headers from anyone but the secretariat', async () => {
      const headers = { 'x-on-behalf-of': cast.orgs.council, 'x-on-behalf-reason': 'Because' };
      expectProblem(await cast.complainant.http.post(`/disputes/${caseId}/add-note`, { text: 'x' }, headers), 403, 'AUTH.ON_BEHALF_NOT_ALLOWED');
    });
  });

  describe('404 unknown id, or one the caller may not see', () => {
    it('answers 404 for an unknown case, on reads and commands', async () => {
      expectProblem(await cast.secretariat.http.get('/disputes/no-such-case'), 404, 'DISPUTE.NOT_FOUND');
      expectProblem(await cast.secretariat.http.get('/disputes/no-such-case/history'), 404, 'DISPUTE.NOT_FOUND');
      expectProblem(await cast.respondent.http.post('/disputes/no-such-case/acknowledge', {}), 404, 'DISPUTE.NOT_FOUND');
    });

    it('answers 404, the same as for an unknown case, to a partner of another organisation', async () => {
      const read = expectProblem(await cast.outsider.http.get(`/disputes/${caseId}`), 404, 'DISPUTE.NOT_FOUND');
      const unknown = expectProblem(await cast.outsider.http.get('/disputes/no-such-case'), 404, 'DISPUTE.NOT_FOUND');
      expect(read.title).toBe(unknown.title);
      expectProblem(await cast.outsider.http.post(`/disputes/${caseId}/add-note`, { text: 'Nosy' }), 404, 'DISPUTE.NOT_FOUND');
      expectProblem(await cast.outsider.http.get(`/disputes/${caseId}/history`), 404);
    });

    it('answers 404 for a command that does not exist, or a system-only one', async () => {
      expectProblem(await cast.respondent.http.post(`/disputes/${caseId}/approve`, {}), 404, 'DISPUTE.UNKNOWN_COMMAND');
      expectProblem(await cast.secretariat.http.post(`/disputes/${caseId}/record-missed-deadline`, { deadlineId: 'acknowledgement-1' }), 404, 'DISPUTE.UNKNOWN_COMMAND');
      expectProblem(await cast.secretariat.http.post(`/disputes/${caseId}/raise`, {}), 404, 'DISPUTE.UNKNOWN_COMMAND');
    });

    it('answers 404 for an unknown read model', async () => {
      expectProblem(await e2e.admin.post('/admin/projections/no-such-model/rebuild', {}), 404, 'PROJECTION.NOT_FOUND');
    });
  });

  describe('409 not allowed in the current state', () => {
    it('names the state and lists what is allowed', async () => {
      const problem = expectProblem(await cast.respondent.http.post(`/disputes/${caseId}/respond`, { response: 'Too early' }), 409, 'DISPUTE.NOT_ALLOWED_IN_STATE');
      expect(problem.state).toBe('informal.awaitingAcknowledgement');
      expect(problem.detail).toContain('informal.awaitingAcknowledgement');
      expect(problem.allowed).toEqual(expect.arrayContaining(['acknowledge', 'add-note']));
      expect(problem.allowed).not.toContain('respond');
    });
  });

  describe('412 stale If-Match', () => {
    it('applies a command at the revision in ETag and refuses the same revision afterwards', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const read = await cast.respondent.http.get(`/disputes/${id}`);
      expect(read.headers.get('etag')).toBe('"0"');

      const applied = await cast.respondent.http.post(`/disputes/${id}/acknowledge`, {}, { 'if-match': '"0"' });
      expect(applied.status).toBe(200);
      expect(applied.headers.get('etag')).toBe('"1"');

      const stale = expectProblem(await cast.complainant.http.post(`/disputes/${id}/add-note`, { text: 'Late' }, { 'if-match': '"0"' }), 412, 'CONCURRENCY.STALE_REVISION');
      expect(stale).toMatchObject({ expectedRevision: 0, currentRevision: 1 });
      expect((await view(cast.complainant, id)).revision).toBe(1);
    });
  });

  describe('422 an Idempotency-Key reused with another body', () => {
    it('refuses the second body and applies nothing for it', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const first = await cast.complainant.http.post(`/disputes/${id}/add-note`, { text: 'First' }, { 'idempotency-key': 'note-422' });
      expect(first.status).toBe(200);
      expectProblem(await cast.complainant.http.post(`/disputes/${id}/add-note`, { text: 'Second' }, { 'idempotency-key': 'note-422' }), 422, 'IDEMPOTENCY.KEY_REUSED');
      expect((await view(cast.complainant, id)).revision).toBe(1);
    });
  });

  describe('limits', () => {
    it('answers 413 for a body over 15 MB and 415 for a body that is not JSON', async () => {
      const huge = JSON.stringify({ filename: 'a.bin', contentType: 'application/octet-stream', contentBase64: 'A'.repeat(16 * 1024 * 1024) });
      expectProblem(await cast.complainant.http.send('POST', `/disputes/${caseId}/add-evidence`, { body: huge, headers: { 'content-type': 'application/json' } }), 413);
      expectProblem(await cast.complainant.http.send('POST', `/disputes/${caseId}/add-note`, { body: 'text=hi', headers: { 'content-type': 'text/plain' } }), 415);
    });

    it('refuses evidence over 10 MB that fits in the body limit', async () => {
      const overTen = Buffer.alloc(10 * 1024 * 1024 + 3).toString('base64');
      const response = await cast.complainant.http.post(`/disputes/${caseId}/add-evidence`, { filename: 'big.bin', contentType: 'application/octet-stream', contentBase64: overTen });
      expect(fieldsOf(expectProblem(response, 400))).toEqual(['contentBase64']);
    });
  });

  it('leaves the case untouched by every refusal above', async () => {
    expect(await view(cast.complainant, caseId)).toMatchObject({ revision: 0, state: 'informal.awaitingAcknowledgement' });
    await run(cast.respondent, caseId, 'acknowledge');
  });
});
