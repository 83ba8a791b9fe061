import { type Browser, chromium } from 'playwright-core';
import { castFor, type Cast, E2eApi, raise, run } from './support/e2e-world.js';

/** The browser's globals, for the functions evaluated in the page (the project compiles without the DOM library). */
type InPage = { getComputedStyle(element: unknown): { display: string; breakInside: string; borderCollapse: string; fontFamily: string }; document: { getElementById(id: string): unknown } };

/**
 * The HTML annual report in a real browser (Debian's Chromium, scripts off): it loads with its
 * stylesheets and no CSP complaint, every table shows the same figures as the JSON, every chart
 * has a text alternative, and printing drops the navigation.
 */
describe('the annual report page in Chromium', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let browser: Browser;

  beforeAll(async () => {
    e2e = await E2eApi.start('2026-03-02T10:00:00.000Z');
    cast = await castFor(e2e);
    for (let i = 0; i < 4; i++) {
      const id = await raise(cast.complainant, cast.orgs.council, { clauses: i % 2 ? ['3.4'] : ['3.2', '4.1'] });
      await run(cast.respondent, id, 'acknowledge');
      if (i < 3) await run(cast.complainant, id, 'withdraw', { reasonCode: 'resolved-outside' });
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await e2e.dispose();
  });

  /** A page's tables as text, by section id. */
  async function openReport(edition: 'public' | 'cdg') {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      ...(edition === 'cdg' ? { extraHTTPHeaders: { authorization: `Bearer ${cast.secretariat.token}` } } : {}),
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => problems.push(m.text()));
    page.on('requestfailed', (r) => problems.push(`failed ${r.url()}`));
    const response = await page.goto(`${e2e.baseUrl}/reports/annual/2025?edition=${edition}`);
    return { context, page, problems, status: response?.status() };
  }

  it.each(['public', 'cdg'] as const)('shows the %s edition with its stylesheets, no script and no CSP complaint', async (edition) => {
    const { context, page, problems, status } = await openReport(edition);
    expect(status).toBe(200);
    expect(await page.title()).toContain('Compact annual report 2025 to 2026');
    // The stylesheet applied: GOV.UK's table class is styled (collapsed borders), in a system font.
    expect(await page.$eval('.govuk-table', (t) => (globalThis as unknown as InPage).getComputedStyle(t).borderCollapse)).toBe('collapse');
    expect(await page.$eval('h1', (h) => (globalThis as unknown as InPage).getComputedStyle(h).fontFamily)).toContain('system-ui');
    expect(await page.$$('script')).toHaveLength(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows in every table the figures the JSON has', async () => {
    const json = (await cast.secretariat.http.get('/reports/annual/2025?edition=cdg')).body as {
      tables: { id: string; columns: { key: string }[]; rows: { cells: Record<string, unknown> }[] }[];
    };
    const { context, page } = await openReport('cdg');
    for (const table of json.tables) {
      const shown = await page.$$eval(`#${table.id} table tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
      const expected = table.rows.map((row) => table.columns.map((c) => row.cells[c.key] ?? null));
      expect({ table: table.id, rows: shown.length }).toEqual({ table: table.id, rows: expected.length });
      shown.forEach((cells, i) =>
        cells.forEach((text, j) => {
          const value = expected[i]![j];
          if (typeof value === 'number') {
            const number = Number(text.replace(/,/g, '').replace('%', '').replace(' points', '').replace('−', '-').replace('+', '').replace(' WD', ''));
            expect({ table: table.id, row: i, column: j, value: text === 'no change' ? 0 : number }).toEqual({ table: table.id, row: i, column: j, value });
          } else if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
            expect({ table: table.id, row: i, column: j, text }).toEqual({ table: table.id, row: i, column: j, text: value });
          }
        }),
      );
    }
    await context.close();
  });

  it('gives every chart a title and a description that reads out its values, beside its data table', async () => {
    const { context, page } = await openReport('public');
    const charts = await page.$$eval('svg[role="img"]', (svgs) =>
      svgs.map((svg) => ({
        labelled: (svg.getAttribute('aria-labelledby') ?? '').split(' ').every((id: string) => (globalThis as unknown as InPage).document.getElementById(id) !== null),
        title: svg.querySelector('title')?.textContent ?? '',
        desc: svg.querySelector('desc')?.textContent ?? '',
        table: svg.closest('section')?.querySelector('table') !== null,
      })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) {
      expect(chart.labelled && chart.table).toBe(true);
      expect(chart.title.length).toBeGreaterThan(0);
      expect(chart.desc).toMatch(/: .+\.$/);
    }
    await context.close();
  });

  it('leaves the contents and the skip link out when printed, and keeps figures whole on a page', async () => {
    const { context, page } = await openReport('public');
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.app-contents', (n) => (globalThis as unknown as InPage).getComputedStyle(n).display)).toBe('none');
    expect(await page.$eval('.govuk-skip-link', (n) => (globalThis as unknown as InPage).getComputedStyle(n).display)).toBe('none');
    expect(await page.$eval('.app-figure', (n) => (globalThis as unknown as InPage).getComputedStyle(n).breakInside)).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await context.close();
  });
});
