import { type ApiClient, type ApiResponse } from '../support/api-client.js';
import { type Cast, castFor, E2eApi, expectProblem, raise, START } from './support/e2e-world.js';

/**
 * What one request may cost the server. Timings are compared with a baseline measured in the same
 * test (a body of the same size that is cheap to refuse), with wide margins, never with a fixed
 * number of milliseconds: the machine is shared.
 */
describe('the cost of a hostile request', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;
  let secretariat: ApiClient;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
    secretariat = e2e.client(cast.secretariat.token);
  });

  afterAll(() => e2e.dispose());

  const post = (command: string, body: string) => secretariat.send('POST', `/disputes/${caseId}/${command}`, { body, headers: { 'content-type': 'application/json' } });

  /** Sends the request and, while it is in flight, asks /health/live again and again: its round trip and the slowest liveness answer. */
  async function timedAlongsideLiveness(send: () => Promise<ApiResponse>): Promise<{ response: ApiResponse; ms: number; slowestLiveMs: number }> {
    let inFlight = true;
    let slowestLiveMs = 0;
    const started = performance.now();
    const request = send().finally(() => {
      inFlight = false;
    });
    const probing = (async () => {
      do {
        const asked = performance.now();
        expect((await e2e.client().get('/health/live')).status).toBe(200);
        slowestLiveMs = Math.max(slowestLiveMs, performance.now() - asked);
      } while (inFlight);
    })();
    const response = await request;
    const ms = performance.now() - started;
    await probing;
    return { response, ms, slowestLiveMs };
  }

  it('refuses a body of 80,000 unknown fields at once with a 400 problem, while /health/live is answered promptly meanwhile', async () => {
    const evidence = { filename: 'letter.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0=' };
    const hostile = JSON.stringify({ ...Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, 1])), ...evidence });
    // As large, but cheap to refuse: one field whose value is not base64.
    const cheap = JSON.stringify({ ...evidence, contentBase64: '!'.repeat(hostile.length - 80) });
    expect(hostile.length).toBeGreaterThan(850_000);

    const baselines = [];
    for (let i = 0; i < 3; i++) {
      const baseline = await timedAlongsideLiveness(() => post('add-evidence', cheap));
      expectProblem(baseline.response, 400);
      baselines.push(baseline.ms);
    }
    // Twenty times the slowest baseline: the refusal used to take a few hundred times as long.
    const budget = 20 * Math.max(...baselines);

    const attempts = [];
    for (let i = 0; i < 2; i++) {
      const attempt = await timedAlongsideLiveness(() => post('add-evidence', hostile));
      expectProblem(attempt.response, 400, 'REQUEST.TOO_MANY_FIELDS');
      attempts.push(attempt);
    }
    // The better of two attempts, so that one pause of a loaded machine does not decide.
    const refusedIn = Math.min(...attempts.map((a) => a.ms));
    const liveAnsweredIn = Math.min(...attempts.map((a) => a.slowestLiveMs));
    expect(refusedIn).toBeLessThan(budget);
    expect(liveAnsweredIn).toBeLessThan(budget);
  }, 120_000);

  it('reads no more body than the route takes: 413 for 300 KB on add-note, while add-evidence takes it', async () => {
    const text = 'x'.repeat(300_000);
    const tooLarge = expectProblem(await post('add-note', JSON.stringify({ text })), 413, 'REQUEST.BODY_TOO_LARGE');
    expect(tooLarge.detail).toBeDefined();
    const evidence = JSON.stringify({ filename: 'f.txt', contentType: 'text/plain', contentBase64: Buffer.from(text).toString('base64') });
    expect((await post('add-evidence', evidence)).status).toBe(200);
  });

  it('appended nothing for the refusals (only the evidence it took)', async () => {
    const events = (await cast.secretariat.http.get(`/disputes/${caseId}/history`)).body as { events: { type: string }[] };
    expect(events.events.map((e) => e.type)).toEqual(['DisputeRaised', 'EvidenceAdded']);
  });
});
