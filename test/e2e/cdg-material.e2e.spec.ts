import { type Cast, castFor, E2eApi, expectProblem, history, type Person, raise, run, START, view } from './support/e2e-world.js';

/**
 * CDG-only notes are for the secretariat, the chair, the case's current appointees and auditors:
 * every read path over HTTP (the case, its history, as of a time, the replay, the list, the work
 * queue), read by a partner of each side, the appointee, the secretariat, the chair and an auditor.
 * And an appointee removed by a conflict declaration or an upheld objection loses the case.
 */
describe('CDG-only material over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId = '';
  const PARTIES_NOTE = 'The council will bring its budget papers';
  const CDG_NOTE = 'Secretariat only: the council officer is under investigation';
  const MEDIATOR_NOTE = 'Mediator to CDG: the food bank may settle for eight weeks';

  const toTriage = async (id: string) => {
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
    await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Still apart' });
  };
  const toMediation = async (id: string) => {
    await toTriage(id);
    await run(cast.chair, id, 'choose-route', { route: 'mediation', consentFrom: [cast.orgs.charity, cast.orgs.council] });
    await run(cast.secretariat, id, 'appoint-mediator', { personId: cast.mediator.id });
  };

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
    await toMediation(caseId);
    await run(cast.respondent, caseId, 'add-note', { text: PARTIES_NOTE });
    await run(cast.secretariat, caseId, 'add-note', { text: CDG_NOTE, visibility: 'cdg' });
    await run(cast.mediator, caseId, 'add-note', { text: MEDIATOR_NOTE, visibility: 'cdg' });
  });

  afterAll(() => e2e.dispose());

  type Reader = 'complainant' | 'respondent' | 'mediator' | 'secretariat' | 'chair' | 'auditor';
  const SEES_CDG: Record<Reader, boolean> = { complainant: false, respondent: false, mediator: true, secretariat: true, chair: true, auditor: true };
  const READERS = Object.entries(SEES_CDG) as [Reader, boolean][];
  const who = (reader: Reader) => cast[reader] as Person;

  /** What a read path gave this reader, as text, after checking it was answered. */
  const read = async (reader: Reader, path: string): Promise<string> => {
    const response = await who(reader).http.get(path);
    expect(response.status).toBe(200);
    return response.text;
  };

  it.each(READERS)('GET /disputes/{id} for the %s (sees CDG notes: %s)', async (reader, sees) => {
    const notes = ((await view(who(reader), caseId))['notes'] as { text: string }[]).map((n) => n.text);
    expect(notes).toEqual(sees ? [PARTIES_NOTE, CDG_NOTE, MEDIATOR_NOTE] : [PARTIES_NOTE]);
  });

  it.each(READERS)('GET /disputes/{id}/history for the %s (sees CDG notes: %s)', async (reader, sees) => {
    const notes = (await history(who(reader), caseId)).filter((e) => e.type === 'NoteAdded').map((e) => e.data['text']);
    expect(notes).toEqual(sees ? [PARTIES_NOTE, CDG_NOTE, MEDIATOR_NOTE] : [PARTIES_NOTE]);
    const text = await read(reader, `/disputes/${caseId}/history`);
    expect(text.includes(CDG_NOTE)).toBe(sees);
    expect(text.includes(MEDIATOR_NOTE)).toBe(sees);
  });

  it.each(READERS)('GET /disputes/{id}/history?asOf= for the %s (sees CDG notes: %s)', async (reader, sees) => {
    const text = await read(reader, `/disputes/${caseId}/history?asOf=${encodeURIComponent('2030-01-01T00:00:00Z')}`);
    expect(text.includes(PARTIES_NOTE)).toBe(true);
    expect(text.includes(CDG_NOTE)).toBe(sees);
    expect(text.includes(MEDIATOR_NOTE)).toBe(sees);
  });

  it.each(READERS)('GET /disputes/{id}/history?asOfPosition=, the case bundle and its printed timeline for the %s (sees CDG notes: %s)', async (reader, sees) => {
    const asOf = await read(reader, `/disputes/${caseId}/history?asOfPosition=1000000`);
    const bundle = await read(reader, `/disputes/${caseId}/bundle`);
    const page = await who(reader).http.get(`/disputes/${caseId}/bundle`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    for (const text of [asOf, bundle, page.text]) {
      expect(text.includes(CDG_NOTE)).toBe(sees);
      expect(text.includes(MEDIATOR_NOTE)).toBe(sees);
    }
    expect(bundle.includes(PARTIES_NOTE)).toBe(true);
    expect((JSON.parse(bundle) as { withheld: number }).withheld).toBe(sees ? 0 : 2);
  });

  it.each(READERS)('GET /disputes/{id}/replay for the %s (only the secretariat and auditors replay, and they see it)', async (reader) => {
    const response = await who(reader).http.get(`/disputes/${caseId}/replay`);
    if (reader === 'secretariat' || reader === 'auditor') {
      expect(response.status).toBe(200);
      expect(response.text).toContain(CDG_NOTE);
    } else {
      expectProblem(response, 403);
      expect(response.text).not.toContain(CDG_NOTE);
    }
  });

  it.each(READERS)('GET /disputes and GET /work-queue for the %s carry no CDG-only text', async (reader) => {
    const list = await read(reader, '/disputes');
    expect(list).toContain(caseId);
    for (const text of [list, await read(reader, '/work-queue')]) {
      expect(text).not.toContain(CDG_NOTE);
      expect(text).not.toContain(MEDIATOR_NOTE);
    }
  });

  describe('an appointee who is no longer appointed', () => {
    it('loses the CDG notes when mediation ends, but keeps the case it served on', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toMediation(id);
      await run(cast.secretariat, id, 'add-note', { text: CDG_NOTE, visibility: 'cdg' });
      await run(cast.mediator, id, 'end-mediation', { summary: 'No common ground' });
      const seen = await cast.mediator.http.get(`/disputes/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.text).not.toContain(CDG_NOTE);
      expect((await cast.mediator.http.get(`/disputes/${id}/history`)).text).not.toContain(CDG_NOTE);
      expect((await cast.mediator.http.get(`/disputes/${id}/bundle`)).text).not.toContain(CDG_NOTE);
      expect((await cast.mediator.http.get(`/disputes/${id}/bundle`, { accept: 'text/html' })).text).not.toContain(CDG_NOTE);
      // Not even in the state as it was while they were appointed.
      const asOf = (await cast.mediator.http.get(`/disputes/${id}/history?asOf=2030-01-01T00:00:00Z`)).text;
      expect(asOf).toContain('"state"');
      expect(asOf).not.toContain(CDG_NOTE);
    });

    it('loses the case altogether from a declared conflict on: 404 on every read, gone from the list and the queue', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toMediation(id);
      await run(cast.mediator, id, 'record-session', { heldOn: '2026-03-02', attendees: ['Food bank', 'Council'], summary: 'First session' });
      await run(cast.mediator, id, 'declare-conflict', { interest: 'I advised the council on this grant' });

      for (const path of [`/disputes/${id}`, `/disputes/${id}/history`, `/disputes/${id}/bundle`]) expectProblem(await cast.mediator.http.get(path), 404);
      expect((await cast.mediator.http.get('/disputes')).text).not.toContain(id);
      expect((await cast.mediator.http.get('/work-queue')).text).not.toContain(id);
      expectProblem(await cast.mediator.http.post(`/disputes/${id}/add-note`, { text: 'Still here?' }), 404);
      // Their past entries stay in the history for everyone who may read it.
      const types = (await history(cast.secretariat, id)).filter((e) => e.actor.personId === cast.mediator.id).map((e) => e.type);
      expect(types).toEqual(['MediationSessionHeld', 'ConflictDeclared']);
    });

    it('loses the case when the chair upholds an objection to them', async () => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toMediation(id);
      await run(cast.respondent, id, 'object-to-appointment', { personId: cast.mediator.id, grounds: 'Advised the food bank last year' });
      expect((await cast.mediator.http.get(`/disputes/${id}`)).status).toBe(200);
      await run(cast.chair, id, 'rule-on-objection', { personId: cast.mediator.id, upheld: true, reason: 'Too close' });
      expectProblem(await cast.mediator.http.get(`/disputes/${id}`), 404);
      expect((await cast.mediator.http.get('/disputes')).text).not.toContain(id);
    });
  });
});
