import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Cast, castFor, E2eApi, expectProblem, type Person, raise, run, START, view } from './support/e2e-world.js';

interface EvidenceItem {
  readonly evidenceId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly byPersonId: string;
  readonly byPersonName: string | null;
  readonly at: string;
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Evidence read back: uploaded with add-evidence, listed on the case, downloaded byte for byte by exactly those who may see the case. */
describe('evidence over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let caseId: string;
  /** Every byte value, so nothing survives by accident of being text. */
  const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096)]);
  const filename = 'Minutes – 3 March "final".pdf';

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    caseId = await raise(cast.complainant, cast.orgs.council);
    await run(cast.complainant, caseId, 'add-evidence', { filename, contentType: 'application/pdf', contentBase64: bytes.toString('base64') });
  });

  afterAll(() => e2e.dispose());

  const download = (who: Person | null, id: string, sha256: string) =>
    fetch(`${e2e.baseUrl}/disputes/${id}/evidence/${sha256}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  it('lists each piece on the case: filename, size, sha256, who added it (id and name), when', async () => {
    const { evidence } = (await view(cast.respondent, caseId)) as unknown as { evidence: EvidenceItem[] };
    expect(evidence).toEqual([
      {
        evidenceId: 'E1',
        filename,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256Of(bytes),
        byPersonId: cast.complainant.id,
        byPersonName: 'Food bank officer',
        at: START,
      },
    ]);
  });

  it('gives back the same bytes as uploaded, as an attachment with its content type, never sniffed', async () => {
    const response = await download(cast.respondent, caseId, sha256Of(bytes));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="Minutes ? 3 March \\"final\\".pdf"; filename*=UTF-8\'\'Minutes%20%E2%80%93%203%20March%20%22final%22.pdf',
    );
  });

  it('serves everyone who may see the case: parties, the secretariat, the chair, auditors', async () => {
    for (const who of [cast.complainant, cast.respondent, cast.secretariat, cast.chair, cast.auditor]) {
      expect((await download(who, caseId, sha256Of(bytes))).status).toBe(200);
    }
  });

  it('answers 404 to an unrelated partner, for an unknown hash, and for a hash that belongs to another case', async () => {
    expect((await download(cast.outsider, caseId, sha256Of(bytes))).status).toBe(404);
    expect((await download(cast.mediator, caseId, sha256Of(bytes))).status).toBe(404);
    expect((await download(cast.respondent, caseId, 'f'.repeat(64))).status).toBe(404);
    expect((await download(cast.respondent, caseId, 'not-a-hash')).status).toBe(404);

    const other = await raise(cast.outsider, cast.orgs.council);
    const elsewhere = Buffer.from('the youth trust\'s own letter');
    await run(cast.outsider, other, 'add-evidence', { filename: 'letter.txt', contentType: 'text/plain', contentBase64: elsewhere.toString('base64') });
    const problem = expectProblem(await cast.respondent.http.get(`/disputes/${caseId}/evidence/${sha256Of(elsewhere)}`), 404, 'EVIDENCE.NOT_FOUND');
    expect(problem.detail).toContain(sha256Of(elsewhere));
    expectProblem(await cast.complainant.http.get(`/disputes/${other}/evidence/${sha256Of(elsewhere)}`), 404, 'DISPUTE.NOT_FOUND');
    expect((await download(null, caseId, sha256Of(bytes))).status).toBe(401);
  });

  it('stores the bytes only once the upload is decided: a refused one writes no file', async () => {
    const refusedBytes = Buffer.from(`an auditor may not add evidence ${Date.now()}`);
    const sha256 = sha256Of(refusedBytes);
    const upload = { filename: 'note.txt', contentType: 'text/plain', contentBase64: refusedBytes.toString('base64') };
    expectProblem(await cast.auditor.http.post(`/disputes/${caseId}/add-evidence`, upload), 403);
    expectProblem(await cast.outsider.http.post(`/disputes/${caseId}/add-evidence`, upload), 404);
    expect(existsSync(join(e2e.dataDir, 'evidence', sha256.slice(0, 2), sha256))).toBe(false);

    await run(cast.respondent, caseId, 'add-evidence', upload);
    expect(existsSync(join(e2e.dataDir, 'evidence', sha256.slice(0, 2), sha256))).toBe(true);
  });
});
