import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CaseBundle, verifyBundle } from '#audit';
import { type Checkpoint, readCheckpoint } from '#event-store';
import { CASES_PROJECTION, ReadModels } from '#projections';
import { answered, type Cast, castFor, E2eApi, expectProblem, history, raise, run, START } from './support/e2e-world.js';

interface Step {
  event: { type: string; position: number };
  state: string;
  stage: number | null;
  view: { allowed: string[]; deadlines: { step: string; dueOn: string; status: string }[] };
}

interface Verification {
  ok: boolean;
  streams: number;
  events: number;
  failures: { kind: string; caseId: string | null; eventId: string | null; revision: number | null }[];
  chain: { sealedOnAppendFrom: number; sealedByUpgrade: unknown };
}

/** Issue 11 over HTTP: replay for a chosen part of the case, history as of a position, verify, checkpoints, bundles, the read models checked. */
describe('the auditors’ routes', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId = '';
  const CDG_NOTE = 'Secretariat only: the budget papers are late';

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, caseId, 'acknowledge');
    await run(cast.secretariat, caseId, 'add-note', { text: CDG_NOTE, visibility: 'cdg' });
    await run(cast.complainant, caseId, 'lodge-formal', { grounds: 'No progress informally' });
  });

  afterAll(() => e2e.dispose());

  const auditor = () => cast.auditor.http;

  describe('GET /disputes/{id}/replay?as=', () => {
    it('shows at each step what the part asked for could send then, from the same machine', async () => {
      const steps = answered<{ as: string; steps: Step[] }>(await auditor().get(`/disputes/${caseId}/replay?as=respondent`));
      expect(steps.as).toBe('respondent');
      expect(steps.steps.map((s) => [s.event.type, s.state])).toEqual([
        ['DisputeRaised', 'informal.awaitingAcknowledgement'],
        ['AcknowledgementGiven', 'informal.inDiscussion'],
        ['NoteAdded', 'informal.inDiscussion'],
        ['FormalComplaintLodged', 'formal.awaitingAcknowledgement'],
      ]);
      expect(steps.steps[0]?.view.allowed).toContain('acknowledge');
      expect(steps.steps[1]?.view.allowed).not.toContain('acknowledge');
      expect(steps.steps[3]?.view.allowed).toContain('acknowledge');
      expect(steps.steps[0]?.view.deadlines).toEqual([
        expect.objectContaining({ step: 'acknowledgement', status: 'open', dueOn: '2026-03-09' }),
        expect.objectContaining({ step: 'informal-resolution', status: 'open', dueOn: '2026-03-30' }),
      ]);
      const complainant = answered<{ steps: Step[] }>(await auditor().get(`/disputes/${caseId}/replay?as=complainant`));
      expect(complainant.steps[1]?.view.allowed).toContain('lodge-formal');
      const mediator = answered<{ steps: Step[] }>(await auditor().get(`/disputes/${caseId}/replay?as=mediator`));
      expect(mediator.steps.every((s) => s.view.allowed.length === 0)).toBe(true);
    });

    it('shows the caller’s own allowed commands without as (none for an auditor), and refuses an unknown part', async () => {
      const own = answered<{ steps: Step[] }>(await auditor().get(`/disputes/${caseId}/replay`));
      expect(own.steps.every((s) => s.view.allowed.length === 0)).toBe(true);
      expectProblem(await auditor().get(`/disputes/${caseId}/replay?as=judge`), 400);
    });
  });

  describe('GET /disputes/{id}/history?asOfPosition=', () => {
    it('gives the events up to that position and the state the case was in then', async () => {
      const events = await history(cast.auditor, caseId);
      const second = events[1]!.position;
      const asOf = answered<{ asOfPosition: number; events: { type: string }[]; state: { state: string } }>(await auditor().get(`/disputes/${caseId}/history?asOfPosition=${second}`));
      expect(asOf.asOfPosition).toBe(second);
      expect(asOf.events.map((e) => e.type)).toEqual(['DisputeRaised', 'AcknowledgementGiven']);
      expect(asOf.state.state).toBe('informal.inDiscussion');
      const both = answered<{ events: unknown[] }>(await auditor().get(`/disputes/${caseId}/history?asOfPosition=${events[3]!.position}&asOf=${encodeURIComponent(START)}`));
      expect(both.events).toHaveLength(events.filter((e) => e.occurredAt <= START).length);
      expectProblem(await auditor().get(`/disputes/${caseId}/history?asOfPosition=first`), 400);
    });
  });

  describe('GET /audit/verify', () => {
    it('answers { ok, streams, events, failures } for the whole log and says where the chain begins', async () => {
      const report = answered<Verification>(await auditor().get('/audit/verify'));
      expect(report).toMatchObject({ ok: true, failures: [], chain: { sealedOnAppendFrom: 1, sealedByUpgrade: null } });
      expect(report.events).toBe(Number(await e2e.headPosition()));
      expect(report.streams).toBeGreaterThan(10);
      const one = answered<Verification & { caseId: string }>(await auditor().get(`/audit/verify?case=${caseId}`));
      expect(one).toMatchObject({ ok: true, streams: 1, events: 4, caseId });
    });

    it('is for auditors only, and a case nobody has is a 404', async () => {
      expectProblem(await cast.secretariat.http.get('/audit/verify'), 403);
      expectProblem(await e2e.client().get('/audit/verify'), 401);
      expectProblem(await auditor().get('/audit/verify?case=no-such-case'), 404);
    });
  });

  describe('checkpoints and the public key', () => {
    it('signs the log’s heads with the key /audit/public-key serves to anyone', async () => {
      const key = answered<{ algorithm: string; publicKey: string; fingerprint: string }>(await e2e.client().get('/audit/public-key'));
      expect(key).toMatchObject({ algorithm: 'Ed25519', publicKey: expect.stringContaining('BEGIN PUBLIC KEY'), fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
      const checkpoint = answered<Checkpoint>(await auditor().get('/audit/checkpoint'));
      expect(checkpoint).toMatchObject({ scope: 'log', position: String(await e2e.headPosition()), signedBy: { fingerprint: key.fingerprint } });
      expect(checkpoint.streams[`dispute-${caseId}`]).toEqual({ revision: '3', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(readCheckpoint(checkpoint, key.fingerprint)).toMatchObject({ ok: true });
      const earlier = answered<Checkpoint>(await auditor().get('/audit/checkpoint?position=3'));
      expect(earlier.position).toBe('3');
      expectProblem(await cast.chair.http.get('/audit/checkpoint'), 403);
    });
  });

  describe('GET /disputes/{id}/bundle', () => {
    it('gives a party the case with the CDG-only note withheld, and the bundle still verifies offline', async () => {
      const response = await cast.complainant.http.get(`/disputes/${caseId}/bundle`);
      const bundle = answered<CaseBundle>(response);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.json"`);
      expect(response.text).not.toContain(CDG_NOTE);
      expect(bundle).toMatchObject({ caseId, withheld: 1, chain: { ok: true, failures: [] }, exportedFor: { personId: cast.complainant.id } });
      expect(bundle.events.map((e) => ('withheld' in e ? 'withheld' : e.type))).toEqual(['DisputeRaised', 'AcknowledgementGiven', 'withheld', 'FormalComplaintLodged']);
      expect(bundle.timeline.map((t) => t.type)).toEqual(['DisputeRaised', 'AcknowledgementGiven', 'FormalComplaintLodged']);
      expect(bundle.timeline[1]).toMatchObject({ by: { name: 'Council officer', role: 'partner' }, actingFor: { name: 'Fenland District Council' }, stateAfter: 'informal.inDiscussion' });
      expect(bundle.timeline[0]?.deadlines).toEqual([
        expect.objectContaining({ step: 'acknowledgement', dueOn: '2026-03-09', status: 'open', owedByNames: ['Fenland District Council'] }),
        expect.objectContaining({ step: 'informal-resolution', dueOn: '2026-03-30', status: 'open', owedByNames: ['Wisbech Food Bank', 'Fenland District Council'] }),
      ]);
      const key = answered<{ fingerprint: string }>(await e2e.client().get('/audit/public-key'));
      expect(verifyBundle(bundle, { trustedFingerprint: key.fingerprint })).toMatchObject({ ok: true, events: 4, withheld: 1, failures: [], signature: { ok: true } });
    });

    it('gives an auditor every event, and nobody outside the case anything', async () => {
      const bundle = answered<CaseBundle>(await auditor().get(`/disputes/${caseId}/bundle`));
      expect(bundle.withheld).toBe(0);
      expect(JSON.stringify(bundle)).toContain(CDG_NOTE);
      expect(verifyBundle(bundle).ok).toBe(true);
      expectProblem(await cast.outsider.http.get(`/disputes/${caseId}/bundle`), 404);
    });

    it('prints the timeline as a page for Accept: text/html, with the party’s view and the pages’ security headers', async () => {
      const page = await cast.complainant.http.get(`/disputes/${caseId}/bundle`, { accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(page.text).toContain('The record’s hash chain holds: 4 events, 1 of them CDG-only and left out below');
      expect(page.text).toContain('2 March 2026, 10:00');
      expect(page.text).toContain('for Fenland District Council');
      expect(page.text).toContain('acknowledgement: 9 March 2026, owed by Fenland District Council');
      expect(page.text).not.toContain(CDG_NOTE);
      expectProblem(await cast.complainant.http.get(`/disputes/${caseId}/bundle`, { accept: 'text/csv' }), 406, 'BUNDLE.NOT_ACCEPTABLE');
    });

    it('is found out when an event in it is changed after it was made', async () => {
      const bundle = answered<CaseBundle>(await auditor().get(`/disputes/${caseId}/bundle`));
      const changed = JSON.parse(JSON.stringify(bundle).replace('No progress informally', 'No progress at all')) as unknown;
      expect(verifyBundle(changed).failures.map((f) => [f.kind, f.revision])).toEqual([['changed', 3n]]);
    });
  });

  describe('GET /audit/projections', () => {
    it('finds the read models as the log gives them, then names a tampered row by case', async () => {
      const clean = answered<{ ok: boolean; cases: unknown[]; projections: { name: string }[] }>(await auditor().get('/audit/projections'));
      expect(clean).toMatchObject({ ok: true, cases: [], others: [] });
      expect(clean.projections.map((p) => p.name)).toEqual(e2e.app.get(ReadModels).names);

      const db = new Database(join(e2e.dataDir, `${CASES_PROJECTION}.sqlite`));
      db.prepare('UPDATE cases SET state = ? WHERE case_id = ?').run('closed', caseId);
      db.close();
      const found = answered<{ ok: boolean; cases: { caseId: string; differences: { table: string; kind: string; columns: string[] }[] }[] }>(await auditor().get('/audit/projections'));
      expect(found.ok).toBe(false);
      expect(found.cases).toEqual([{ caseId, differences: [expect.objectContaining({ table: 'cases', kind: 'different', columns: ['state'] })] }]);
      expectProblem(await cast.secretariat.http.get('/audit/projections'), 403);
    });
  });

  it('names the event whose stored data was changed in the SQLite file behind the server’s back', async () => {
    const events = await history(cast.auditor, caseId);
    const lodged = events.find((e) => e.type === 'FormalComplaintLodged')!;
    const db = new Database(join(e2e.dataDir, 'events.sqlite'));
    db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run('No progress', 'No headway', lodged.position);
    db.close();
    const report = answered<Verification>(await auditor().get('/audit/verify'));
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'changed', caseId, revision: 3, eventId: (lodged as unknown as { eventId: string }).eventId })]);
    expectProblem(await auditor().get('/audit/checkpoint'), 409, 'AUDIT.LOG_DOES_NOT_VERIFY');
  });
});
