import { answered, castFor, type Cast, E2eApi, expectProblem, raise, run } from './support/e2e-world.js';

/** GET /reports/annual/{year} over real HTTP: who may read which edition, the three formats, asOf. */
describe('GET /reports/annual/{year}', () => {
  let e2e: E2eApi;
  let cast: Cast;
  const path = '/reports/annual/2025';

  beforeAll(async () => {
    e2e = await E2eApi.start('2026-03-02T10:00:00.000Z');
    cast = await castFor(e2e);
    const first = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, first, 'acknowledge');
    await raise(cast.complainant, cast.orgs.council, { clauses: ['3.4'], dates: {} });
    await run(cast.complainant, first, 'withdraw', { reasonCode: 'resolved-outside' });
  });
  afterAll(() => e2e.dispose());

  describe('who may read which edition', () => {
    it('serves the public edition to anyone, without a token', async () => {
      const r = await e2e.client().get(`${path}?edition=public`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ year: 2025, edition: 'public' });
    });

    it('serves the public edition to a partner too', async () => {
      expect((await cast.complainant.http.get(`${path}?edition=public`)).status).toBe(200);
    });

    it('asks for a token for the CDG edition (401), also when the edition is left to its default', async () => {
      expectProblem(await e2e.client().get(`${path}?edition=cdg`), 401, 'AUTH.UNAUTHENTICATED');
      expectProblem(await e2e.client().get(path), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('refuses the CDG edition to a partner, a mediator and a panelist (403)', async () => {
      for (const who of [cast.complainant, cast.mediator, cast.panelChair]) expectProblem(await who.http.get(`${path}?edition=cdg`), 403, 'REPORT.CDG_EDITION_ONLY');
    });

    it('serves the CDG edition to the secretariat, the chair and auditors', async () => {
      for (const who of [cast.secretariat, cast.chair, cast.auditor]) {
        const r = await who.http.get(`${path}?edition=cdg`);
        expect({ status: r.status, edition: (r.body as { edition: string }).edition }).toEqual({ status: 200, edition: 'cdg' });
        expect(r.headers.get('cache-control')).toBe('private, no-store');
      }
    });

    it('refuses a bad token even on the public edition (401)', async () => {
      expectProblem(await e2e.client('not-a-token').get(`${path}?edition=public`), 401);
    });
  });

  describe('what it refuses as bad input (400)', () => {
    it.each([
      ['an unknown edition', `${path}?edition=full`, 'edition'],
      ['a year before the Compact', '/reports/annual/2006?edition=public', 'year'],
      ['a year that has not started', '/reports/annual/2026?edition=public', 'year'],
      ['a year that is not four digits', '/reports/annual/25?edition=public', 'year'],
      ['an unknown parameter', `${path}?edition=public&format=pdf`, 'format'],
      ['an asOf that is not a position', `${path}?edition=public&asOf=yesterday`, 'asOf'],
      ['an asOf beyond the log', `${path}?edition=public&asOf=999999`, 'asOf'],
    ])('refuses %s', async (_what, url, field) => {
      const problem = expectProblem(await e2e.client().get(url), 400);
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    });

    it('refuses an Accept it cannot meet (406)', async () => {
      expectProblem(await e2e.client().get(`${path}?edition=public`, { accept: 'application/pdf' }), 406, 'REPORT.NOT_ACCEPTABLE');
    });
  });

  describe('the three formats, by Accept', () => {
    it('answers JSON by default with the figures, the year, the edition, the log position and the engine version', async () => {
      const r = await cast.secretariat.http.get(`${path}?edition=cdg`);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const report = r.body as { logPosition: number; engineVersion: string; tables: { id: string; rows: { key: string; cells: Record<string, unknown> }[] }[] };
      expect(report.logPosition).toBe(Number(await e2e.headPosition()));
      expect(report.engineVersion).toBe('0.1.0');
      const summary = report.tables.find((t) => t.id === 'summary')!;
      expect(summary.rows.find((row) => row.key === 'cases-opened')?.cells['this-year']).toBe(2);
      expect(summary.rows.find((row) => row.key === 'cases-closed')?.cells['this-year']).toBe(1);
    });

    it('answers CSV with one table per section, each with a header row', async () => {
      const r = await e2e.client().get(`${path}?edition=public`, { accept: 'text/csv' });
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      const blocks = r.text.split('\r\n\r\n');
      expect(blocks[0]?.split('\r\n')[0]).toBe('table,field,value');
      expect(blocks.map((b) => b.split('\r\n')[1]?.split(',')[0])).toEqual(['report', 'summary', 'outcomes', 'highest-stage', 'clauses', 'direction', 'organisation-types', 'working-days', 'deadlines', 'agreed-actions', 'extensions', 'suspensions', 'reopenings', 'clause-checks', 'lessons']);
      expect(r.text).toContain('summary,cases-opened,cases,Cases opened,fewer than 3,');
    });

    it('answers HTML from a browser\'s Accept, with a CSP that allows no script', async () => {
      const r = await e2e.client().get(`${path}?edition=public`, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(r.text).toContain('<h1 class="govuk-heading-xl">Annual report 2025 to 2026</h1>');
      expect(r.text).not.toContain('<script');
      expect(r.text).not.toMatch(/\sstyle=/);
    });

    it('serves the stylesheets the page links to from /assets/, cacheable for good at the hashed URL', async () => {
      const page = await e2e.client().get(`${path}?edition=public`, { accept: 'text/html' });
      const href = /href="(\/assets\/compact\.css\?v=[0-9a-f]+)"/.exec(page.text)?.[1];
      const css = await e2e.client().get(href!);
      expect({ status: css.status, type: css.headers.get('content-type'), cache: css.headers.get('cache-control') }).toEqual({
        status: 200,
        type: 'text/css; charset=utf-8',
        cache: 'public, max-age=31536000, immutable',
      });
      expect(css.text).toContain('.govuk-table');
      expect(css.text).not.toContain('GDS Transport');
      const again = await e2e.client().get('/assets/compact.css', { 'if-none-match': css.headers.get('etag')! });
      expect(again.status).toBe(304);
      expectProblem(await e2e.client().get('/assets/secret.txt'), 404);
    });
  });

  describe('reproducible as of a log position', () => {
    it('gives identical JSON and CSV bytes live and recomputed from the log at the same position, and again later', async () => {
      const head = await e2e.headPosition();
      for (const accept of ['application/json', 'text/csv']) {
        const live = await cast.auditor.http.get(`${path}?edition=cdg`, { accept });
        const asOf = await cast.auditor.http.get(`${path}?edition=cdg&asOf=${head}`, { accept });
        expect(asOf.text).toBe(live.text);
      }
      const before = answered<{ logPosition: number }>(await cast.auditor.http.get(`${path}?edition=cdg&asOf=${head}`));
      await raise(cast.complainant, cast.orgs.council);
      const later = await cast.auditor.http.get(`${path}?edition=cdg&asOf=${head}`);
      expect(later.body).toEqual(before);
      const live = answered<{ logPosition: number }>(await cast.auditor.http.get(`${path}?edition=cdg`));
      expect(BigInt(live.logPosition)).toBeGreaterThan(head);
    });

    it('recomputes an earlier position from the log: before the first case there is nothing', async () => {
      const r = answered<{ logPosition: number; tables: { id: string; rows: { key: string; cells: Record<string, unknown> }[] }[] }>(
        await cast.auditor.http.get(`${path}?edition=cdg&asOf=3`),
      );
      expect(r.logPosition).toBe(3);
      expect(r.tables[0]!.rows.find((row) => row.key === 'cases-opened')?.cells['this-year']).toBe(0);
    });
  });
});
