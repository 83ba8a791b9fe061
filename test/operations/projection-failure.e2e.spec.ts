import { upcaster } from '#application';
import { type JsonObject } from '#core';
import { EVENT_STORE, type EventStore } from '#event-store';
import { answered, type Cast, castFor, E2eApi, raise, run, START } from '../e2e/support/e2e-world.js';

interface ListItem {
  readonly id: string;
  readonly state: string;
  readonly revision: number;
  readonly projectionFailure?: { position: number; eventId: string; eventType: string; error: string; skippedEvents: number };
}
interface CasesHealth {
  readonly halted: { count: number; streams: { streamId: string; position: number; eventType: string; error: string; skippedEvents: number }[] };
}

/**
 * A read model that cannot apply an event of a case must not fold the case's later events onto a
 * state that lacks it: the case is marked failed (list and /health), its later events wait for a
 * rebuild, and every other case goes on. Real runner, real SQLite files, a real HTTP server.
 */
describe('a case event the read model cannot apply', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let broken: string;
  let healthy: string;
  let badPosition: bigint;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    broken = await raise(cast.complainant, cast.orgs.council);
    healthy = await raise(cast.complainant, cast.orgs.council, { summary: 'The other dispute' });
  });

  afterAll(() => e2e.dispose());

  /** The running server's store (a restart opens another). */
  const store = (): EventStore => e2e.app.get<EventStore>(EVENT_STORE);
  const metadata = (schemaVersion: number, actor: JsonObject): JsonObject => ({ schemaVersion, actor, occurredAt: '2026-03-02T11:00:00.000Z' });
  const respondent = (): JsonObject => ({ personId: cast.respondent.id, role: 'partner', organisationId: cast.orgs.council });
  const list = async (): Promise<ListItem[]> => {
    const head = await store().headPosition();
    return answered<{ items: ListItem[] }>(await cast.secretariat.http.get(`/disputes?minPosition=${head}`)).items;
  };
  const casesHealth = async (): Promise<CasesHealth> =>
    ((await e2e.client().get('/health')).body as { details: { projections: { cases: CasesHealth } } }).details.projections.cases;

  it('marks the case failed, with the event and the error, and applies none of its later events', async () => {
    // A note stored at a schema version this code has no upcaster for, written behind the application's back.
    const bad = await store().append(
      `dispute-${broken}`,
      [{ id: '00000000-0000-4000-8000-00000000a001', type: 'NoteAdded', data: { noteId: 'N1', note: 'Phoned: a reply by Friday' }, metadata: metadata(0, respondent()) }],
      0n,
    );
    badPosition = bad.position;
    // The respondent's acknowledgement after it: valid, but the case's row must not take it without the note.
    await store().append(
      `dispute-${broken}`,
      [{ id: '00000000-0000-4000-8000-00000000a002', type: 'AcknowledgementGiven', data: { organisationId: cast.orgs.council }, metadata: metadata(1, respondent()) }],
      bad.nextExpectedRevision,
    );
    // Another case goes on through the real command path.
    await run(cast.respondent, healthy, 'acknowledge');

    const items = await list();
    const failed = items.find((i) => i.id === broken);
    expect(failed).toMatchObject({
      state: 'informal.awaitingAcknowledgement',
      revision: 0,
      projectionFailure: { position: Number(bad.position), eventId: '00000000-0000-4000-8000-00000000a001', eventType: 'NoteAdded', skippedEvents: 1 },
    });
    expect(failed?.projectionFailure?.error).toMatch(/No upcaster for NoteAdded from schema version 0/);
    expect(items.find((i) => i.id === healthy)).toMatchObject({ state: 'informal.inDiscussion' });
    expect(items.find((i) => i.id === healthy)).not.toHaveProperty('projectionFailure');

    expect((await casesHealth()).halted).toEqual({
      count: 1,
      streams: [
        {
          streamId: `dispute-${broken}`,
          position: Number(bad.position),
          eventId: '00000000-0000-4000-8000-00000000a001',
          eventType: 'NoteAdded',
          error: expect.stringMatching(/No upcaster/),
          skippedEvents: 1,
        },
      ],
    });
  });

  it('stays failed across a restart, while later cases are still listed', async () => {
    await e2e.restartAt(START);
    const later = await raise(cast.complainant, cast.orgs.council, { summary: 'Raised after the restart' });
    const items = await list();
    expect(items.find((i) => i.id === broken)).toMatchObject({ state: 'informal.awaitingAcknowledgement', projectionFailure: { position: Number(badPosition) } });
    expect(items.find((i) => i.id === later)).not.toHaveProperty('projectionFailure');
  });

  it('is cleared by a rebuild once the code can read the event, which then applies the whole stream', async () => {
    // The fix, as it would be deployed: the missing upcaster.
    upcaster.register('NoteAdded', 0, (data) => ({ noteId: data['noteId'] ?? 'N1', text: data['note'] ?? '', visibility: 'parties' }));
    expect((await e2e.admin.post('/admin/projections/cases/rebuild', {})).status).toBe(200);

    const items = await list();
    expect(items.find((i) => i.id === broken)).toMatchObject({ state: 'informal.inDiscussion', revision: 2 });
    for (const item of items) expect(item).not.toHaveProperty('projectionFailure');
    expect((await casesHealth()).halted).toEqual({ count: 0, streams: [] });
  });
});
