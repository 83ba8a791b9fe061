import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Cast, castFor, type CommandAnswer, E2eApi, expectProblem, history, raise, raiseBody, START, view } from './support/e2e-world.js';

/** Retries with Idempotency-Key, and commands racing on one case: each applied exactly once. */
describe('idempotent retries and concurrent commands', () => {
  let e2e: E2eApi;
  let cast: Cast;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
  });

  afterAll(() => e2e.dispose());

  describe('Idempotency-Key', () => {
    it('answers a retried command with the first response and appends one set of events', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const send = () => cast.respondent.http.post(`/disputes/${id}/acknowledge`, {}, { 'idempotency-key': 'ack-1' });
      const first = await send();
      const again = await send();

      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await history(cast.respondent, id)).map((e) => e.type)).toEqual(['DisputeRaised', 'AcknowledgementGiven']);
    });

    it('raises one case for a retried raise, at the same Location', async () => {
      const headers = { 'idempotency-key': 'raise-1' };
      const body = raiseBody(cast.orgs.council, { summary: 'Retried raise' });
      const first = await cast.complainant.http.post('/disputes', body, headers);
      const again = await cast.complainant.http.post('/disputes', body, headers);

      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(again.body).toEqual(first.body);
      const listed = (await cast.complainant.http.get('/disputes')).body as { items: { summary: string }[] };
      expect(listed.items.filter((item) => item.summary === 'Retried raise')).toHaveLength(1);
      expectProblem(await cast.complainant.http.post('/disputes', { ...body, summary: 'Another' }, headers), 422, 'IDEMPOTENCY.KEY_REUSED');
    });

    it('signs one organisation and registers one person for retried requests', async () => {
      const org = { name: 'Soham Town Council', sector: 'statutory', type: 'town council' };
      const a = await e2e.admin.post('/organisations', org, { 'idempotency-key': 'org-1' });
      const b = await e2e.admin.post('/organisations', org, { 'idempotency-key': 'org-1' });
      expect(b.body).toEqual(a.body);
      const named = ((await e2e.admin.get('/organisations')).body as { items: { name: string }[] }).items.filter((o) => o.name === org.name);
      expect(named).toHaveLength(1);

      const person = { name: 'Secretariat 9', email: 'secretariat9@example.org', roles: ['secretariat'] };
      const p1 = await e2e.admin.post('/people', person, { 'idempotency-key': 'person-1' });
      const p2 = await e2e.admin.post('/people', person, { 'idempotency-key': 'person-1' });
      expect(p1.status).toBe(201);
      expect(p2.body).toEqual(p1.body);
      const token = (p1.body as { token: string }).token;
      expect((await e2e.client(token).get('/disputes')).status).toBe(200);
      // Tokens are stored hashed: the replay gave it back from memory; no file holds it.
      for (const file of await readdir(e2e.dataDir)) {
        expect((await readFile(join(e2e.dataDir, file)).catch(() => Buffer.alloc(0))).includes(token)).toBe(false);
      }
    });

    it('keeps keys apart per caller: the same key from two people is two requests', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const headers = { 'idempotency-key': 'shared-key' };
      expect((await cast.complainant.http.post(`/disputes/${id}/add-note`, { text: 'From the food bank' }, headers)).status).toBe(200);
      expect((await cast.respondent.http.post(`/disputes/${id}/add-note`, { text: 'From the council' }, headers)).status).toBe(200);
      expect((await history(cast.complainant, id)).filter((e) => e.type === 'NoteAdded')).toHaveLength(2);
    });

    it('does not keep a refusal: the same key runs again once the case allows it', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const headers = { 'idempotency-key': 'lodge-after-ack' };
      expectProblem(await cast.complainant.http.post(`/disputes/${id}/lodge-formal`, { grounds: 'No reply' }, headers), 409);
      await cast.respondent.http.post(`/disputes/${id}/acknowledge`, {});
      expect((await cast.complainant.http.post(`/disputes/${id}/lodge-formal`, { grounds: 'No reply' }, headers)).status).toBe(200);
      expect((await view(cast.complainant, id)).state).toBe('formal.awaitingAcknowledgement');
    });

    it('runs concurrent duplicates once', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const send = () => cast.complainant.http.post(`/disputes/${id}/add-note`, { text: 'Sent five times at once' }, { 'idempotency-key': 'burst-1' });
      const answers = await Promise.all([send(), send(), send(), send(), send()]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      expect((await history(cast.complainant, id)).filter((e) => e.type === 'NoteAdded')).toHaveLength(1);
    });
  });

  describe('concurrent commands on one case', () => {
    it('applies 200 notes sent at once without If-Match exactly once each, at contiguous revisions', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? cast.complainant : cast.respondent).http.post(`/disputes/${id}/add-note`, { text: `Note ${i}` })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
      const revisions = answers.map((a) => (a.body as CommandAnswer).revision).sort((x, y) => x - y);
      expect(revisions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      for (const answer of answers) expect(answer.headers.get('etag')).toBe(`"${(answer.body as CommandAnswer).revision}"`);

      const events = await history(cast.complainant, id);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 201 }, (_, i) => i));
      const notes = events.filter((e) => e.type === 'NoteAdded').map((e) => e.data.text as string);
      expect(notes.sort()).toEqual(Array.from({ length: 200 }, (_, i) => `Note ${i}`).sort());
    });

    it('applies exactly one of 200 commands pinned to the same revision; the other 199 are 412 problem details', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => cast.complainant.http.post(`/disputes/${id}/add-note`, { text: `Pinned ${i}` }, { 'if-match': '"0"' })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(199).fill(412)]);
      for (const loser of answers.filter((a) => a.status !== 200)) expectProblem(loser, 412, 'CONCURRENCY.STALE_REVISION');
      expect((await history(cast.complainant, id)).map((e) => [e.revision, e.type])).toEqual([
        [0, 'DisputeRaised'],
        [1, 'NoteAdded'],
      ]);
    });

    it('mixes 100 pinned and 100 unpinned commands sent at once: every unpinned one lands, a pinned one only at its revision', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          cast.complainant.http.post(`/disputes/${id}/add-note`, { text: `Mixed ${i}` }, i % 2 === 0 ? { 'if-match': '"0"' } : {}),
        ),
      );
      const pinned = answers.filter((_, i) => i % 2 === 0);
      expect(answers.filter((_, i) => i % 2 === 1).map((a) => a.status)).toEqual(Array(100).fill(200));
      const pinnedWinners = pinned.filter((a) => a.status === 200);
      expect(pinnedWinners.length).toBeLessThanOrEqual(1);
      for (const loser of pinned.filter((a) => a.status !== 200)) expectProblem(loser, 412, 'CONCURRENCY.STALE_REVISION');
      // A pinned winner was applied at revision 1, the one it was pinned to follow.
      for (const winner of pinnedWinners) expect((winner.body as CommandAnswer).revision).toBe(1);
      const events = await history(cast.complainant, id);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: events.length }, (_, i) => i));
      expect(events.length).toBe(1 + 100 + pinnedWinners.length);
    });

    it('applies one of 50 identical acknowledgements sent at once; the other 49 are 409s naming the new state', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const answers = await Promise.all(Array.from({ length: 50 }, () => cast.respondent.http.post(`/disputes/${id}/acknowledge`, {})));
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(49).fill(409)]);
      for (const loser of answers.filter((a) => a.status !== 200)) {
        const problem = expectProblem(loser, 409, 'DISPUTE.NOT_ALLOWED_IN_STATE');
        expect(problem.state).toBe('informal.inDiscussion');
        expect(problem.detail).toContain('informal.inDiscussion');
        expect(problem.allowed).not.toContain('acknowledge');
      }
      expect((await history(cast.complainant, id)).map((e) => [e.revision, e.type])).toEqual([
        [0, 'DisputeRaised'],
        [1, 'AcknowledgementGiven'],
      ]);
    });

    it('lets only one of two racing state changes through; the other is told the new state', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await cast.respondent.http.post(`/disputes/${id}/acknowledge`, {});
      const [withdraw, agree] = await Promise.all([
        cast.complainant.http.post(`/disputes/${id}/withdraw`, { reasonCode: 'other', reason: 'Changed our minds' }),
        cast.complainant.http.post(`/disputes/${id}/agree-resolution`, { terms: 'Agreed', actions: [] }),
      ]);
      expect([withdraw.status, agree.status].sort()).toEqual([200, 409]);
      expectProblem([withdraw, agree].find((a) => a.status === 409)!, 409, 'DISPUTE.NOT_ALLOWED_IN_STATE');
      expect((await history(cast.complainant, id)).filter((e) => e.type === 'CaseClosed')).toHaveLength(1);
    });
  });

  describe('read-your-writes', () => {
    it('shows the caller\'s own command in the case list at once', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await cast.respondent.http.post(`/disputes/${id}/acknowledge`, {});
      const listed = (await cast.respondent.http.get(`/disputes?state=informal.inDiscussion`)).body as { items: { id: string }[] };
      expect(listed.items.map((item) => item.id)).toContain(id);
    });

    it('shows another client\'s write once asked for its position', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      const { position } = (await cast.respondent.http.post(`/disputes/${id}/acknowledge`, {})).body as CommandAnswer;
      const listed = (await cast.secretariat.http.get(`/disputes?state=informal.inDiscussion&minPosition=${position}`)).body as { items: { id: string }[] };
      expect(listed.items.map((item) => item.id)).toContain(id);
    });
  });
});
