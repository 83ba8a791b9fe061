import { createHash } from 'node:crypto';
import { type Browser } from 'playwright-core';
import { type Cast, castFor, E2eApi, type Person, raise, run, START } from '../e2e/support/e2e-world.js';
import { formOf } from './support/case-pages.js';
import { walkWithTab } from './support/keyboard.js';
import { axeViolations, launchBrowser, PageUser, screenshot } from './support/page-world.js';

/** One page as someone reaches it: a path, or the steps that lead to it (a form sent, a refusal shown). */
interface PageVisit {
  readonly name: string;
  readonly who: keyof Cast | 'admin' | null;
  readonly path?: string;
  readonly reach?: (user: PageUser) => Promise<void>;
  readonly status?: number;
  /** Kept as docs/screenshots/page-<name>.png with SCREENSHOTS=1: the whole page, or its first screen for a long one. */
  readonly screenshot?: boolean | 'first-screen';
}

/**
 * Every page, each in the state its people meet it (filled, refused, empty), in headless Chromium:
 * axe-core finds no WCAG 2.2 A or AA violation, Tab alone reaches every control starting with the
 * skip link, and every control shows when it has the focus. A person does a job with the keyboard
 * only. With SCREENSHOTS=1 the main pages are saved for the README.
 */
describe('every page: axe-core finds nothing and the keyboard reaches everything', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let admin: Person;
  let browser: Browser;
  const ids = { informal: '', formal: '', appointing: '', routing: '', closed: '', sha: '' };
  const users = new Map<string, PageUser>();

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    admin = await e2e.person('Administrator 1', ['admin']);
    ids.informal = await raise(cast.complainant, cast.orgs.council, { clauses: ['3.2', '4.1'] });
    await run(cast.respondent, ids.informal, 'acknowledge');
    await run(cast.complainant, ids.informal, 'add-note', { text: 'We asked for a meeting' });
    const letter = 'Our letter of 2 February';
    await run(cast.complainant, ids.informal, 'add-evidence', { filename: 'letter.txt', contentType: 'text/plain', contentBase64: Buffer.from(letter).toString('base64') });
    ids.sha = createHash('sha256').update(letter).digest('hex');
    const toCdg = async (id: string) => {
      await run(cast.respondent, id, 'acknowledge');
      await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
      await run(cast.respondent, id, 'acknowledge');
      await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
      await run(cast.complainant, id, 'refer-to-cdg', { reason: 'The response does not address the notice' });
    };
    ids.formal = await raise(cast.complainant, cast.orgs.council, { summary: 'Consultation closed after four weeks', clauses: ['3.4'] });
    await run(cast.respondent, ids.formal, 'acknowledge');
    await run(cast.complainant, ids.formal, 'lodge-formal', { grounds: 'No progress informally' });
    ids.routing = await raise(cast.complainant, cast.orgs.council, { summary: 'Funding offered for one year only', clauses: ['3.3'] });
    await toCdg(ids.routing);
    ids.appointing = await raise(cast.complainant, cast.orgs.council, { summary: 'Monitoring asked for at short notice', clauses: ['4.2'] });
    await toCdg(ids.appointing);
    await run(cast.chair, ids.appointing, 'choose-route', { route: 'mediation', consentFrom: [cast.orgs.charity, cast.orgs.council] });
    await e2e.person('Council mediator', ['mediator'], cast.orgs.council);
    ids.closed = await raise(cast.complainant, cast.orgs.council, { summary: 'Grant cut at four weeks notice' });
    await run(cast.respondent, ids.closed, 'acknowledge');
    await run(cast.complainant, ids.closed, 'withdraw', { reasonCode: 'resolved-outside' });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const user of users.values()) await user.close();
    await browser?.close();
    await e2e?.dispose();
  });

  /** Each person's signed-in browser (JavaScript on only so that axe can run: the pages have none). */
  async function as(who: PageVisit['who']): Promise<PageUser> {
    const key = who ?? 'nobody';
    let user = users.get(key);
    if (!user) {
      const person = who === null ? undefined : who === 'admin' ? admin : (cast[who] as Person);
      user = await PageUser.open(browser, e2e.baseUrl, person, { javaScript: true });
      users.set(key, user);
    }
    return user;
  }

  const raiseAnswers = async (user: PageUser) => {
    const form = formOf(user);
    await user.goto('/raise');
    await form.choose('Fenland District Council');
    await form.submit('Continue');
    await form.choose('Clause 3.2');
    await form.submit('Continue');
    await form.fill('Summary', 'Grant cut at four weeks notice');
    await form.fill('What happened?', 'Our grant was cut with four weeks notice.');
    await form.fill('What do you want to happen?', 'Twelve weeks notice');
    await form.submit('Continue');
    await form.choose('No');
    await form.submit('Continue');
    await form.date('noticeReceived', '2026-02-02');
    await form.submit('Continue');
  };

  const VISITS: readonly PageVisit[] = [
    { name: 'sign-in', who: null, path: '/', screenshot: true },
    {
      name: 'sign-in-error',
      who: null,
      reach: async (user) => {
        await user.goto('/');
        await user.page.fill('#token', 'not-a-token');
        await user.click('Sign in');
      },
      status: 400,
      screenshot: true,
    },
    { name: 'work-queue', who: 'respondent', path: '/', screenshot: true },
    { name: 'cdg-queue', who: 'secretariat', path: '/', screenshot: true },
    { name: 'chair-queue', who: 'chair', path: '/' },
    { name: 'nothing-to-do', who: 'outsider', path: '/' },
    { name: 'case-list', who: 'secretariat', path: '/cases', screenshot: true },
    { name: 'case-list-filtered', who: 'complainant', path: '/cases?state=closed&clause=3.2' },
    { name: 'case', who: 'complainant', path: `/cases/{informal}`, screenshot: true },
    { name: 'case-cdg', who: 'secretariat', path: `/cases/{appointing}` },
    { name: 'case-closed', who: 'complainant', path: `/cases/{closed}` },
    { name: 'raise-respondents', who: 'complainant', path: '/raise', screenshot: true },
    {
      name: 'raise-error',
      who: 'complainant',
      reach: async (user) => {
        await user.goto('/raise/about');
        await formOf(user).fill('Summary', '');
        await user.click('Continue');
      },
      status: 400,
      screenshot: true,
    },
    { name: 'raise-clauses', who: 'complainant', path: '/raise/clauses', screenshot: true },
    { name: 'raise-urgency', who: 'complainant', path: '/raise/urgency' },
    { name: 'raise-consultation', who: 'complainant', path: '/raise/consultation' },
    { name: 'raise-check', who: 'complainant', reach: raiseAnswers, screenshot: true },
    { name: 'form-acknowledge', who: 'respondent', path: '/cases/{formal}/act/acknowledge' },
    { name: 'form-add-note', who: 'complainant', path: '/cases/{informal}/act/add-note' },
    { name: 'form-add-evidence', who: 'complainant', path: '/cases/{informal}/act/add-evidence' },
    { name: 'form-agree-resolution', who: 'complainant', path: '/cases/{informal}/act/agree-resolution' },
    { name: 'form-withdraw', who: 'complainant', path: '/cases/{informal}/act/withdraw' },
    { name: 'form-choose-route', who: 'chair', path: '/cases/{routing}/act/choose-route', screenshot: true },
    {
      name: 'appoint-conflict',
      who: 'secretariat',
      reach: async (user) => {
        await user.goto(`/cases/${ids.appointing}/act/appoint-mediator`);
        await formOf(user).choose('Council mediator');
        await user.click('Appoint');
      },
      status: 409,
      screenshot: true,
    },
    { name: 'form-suspend', who: 'secretariat', path: '/cases/{appointing}/act/suspend' },
    { name: 'form-extend', who: 'secretariat', path: '/cases/{routing}/act/extend-deadline' },
    { name: 'directory', who: 'secretariat', path: '/directory', screenshot: true },
    { name: 'directory-mediators', who: 'secretariat', path: '/directory?role=mediator' },
    { name: 'person', who: 'admin', path: '/directory/{mediator}' },
    { name: 'signatories', who: 'admin', path: '/signatories', screenshot: true },
    { name: 'register-person', who: 'admin', path: '/directory/register' },
    {
      name: 'token-issued',
      who: 'admin',
      reach: async (user) => {
        await user.goto('/directory/register');
        await formOf(user).fill('Name', 'Mediator 9');
        await formOf(user).fill('Email address', 'mediator9@example.org');
        await formOf(user).choose('mediator');
        await user.click('Register');
      },
    },
    { name: 'grant-role', who: 'admin', path: '/directory/{mediator}/act/grant-role' },
    { name: 'sign-organisation', who: 'admin', path: '/signatories/new' },
    { name: 'organisation-leaves', who: 'admin', path: '/signatories/{parish}/leave' },
    { name: 'report-choose', who: 'secretariat', path: '/annual-report' },
    { name: 'report', who: 'secretariat', path: '/annual-report/2025?edition=cdg', screenshot: 'first-screen' },
    { name: 'report-public', who: 'complainant', path: '/annual-report/2025' },
    { name: 'history', who: 'auditor', path: '/cases/{informal}/history', screenshot: true },
    { name: 'replay', who: 'auditor', path: '/cases/{informal}/replay?step=2', screenshot: true },
    { name: 'integrity', who: 'auditor', path: '/integrity', screenshot: true },
    { name: 'integrity-verify', who: 'auditor', path: '/integrity/verify', screenshot: true },
    { name: 'integrity-verify-case', who: 'auditor', path: '/integrity/verify?case={informal}' },
    { name: 'integrity-verify-error', who: 'auditor', path: '/integrity/verify?case=not-a-case', status: 400 },
    { name: 'integrity-projections', who: 'auditor', path: '/integrity/projections', screenshot: true },
    { name: 'case-timeline', who: 'auditor', path: '/cases/{informal}/timeline', screenshot: 'first-screen' },
    { name: 'integrity-refused', who: 'secretariat', path: '/integrity/verify', status: 403 },
    { name: 'not-found', who: 'outsider', path: '/cases/{informal}', status: 404, screenshot: true },
    { name: 'refused', who: 'complainant', path: '/cases/{informal}/replay', status: 403 },
    {
      name: 'signed-out',
      // Someone no other test here uses: they stay signed out.
      who: 'otherPanelist',
      reach: async (user) => {
        await user.goto('/');
        await user.click('Sign out');
      },
    },
  ];

  const pathOf = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => (name in ids ? ids[name as keyof typeof ids] : name === 'mediator' ? cast.mediator.id : name === 'parish' ? cast.orgs.parish : name));

  it.each(VISITS.map((v) => [v.name, v] as const))('%s: no axe violation, every control reached by Tab from the skip link, focus always shown', async (_name, visit) => {
    const user = await as(visit.who);
    let status: number;
    if (visit.reach) {
      const statuses: number[] = [];
      const listen = (r: { status(): number; request(): { resourceType(): string } }) => void (r.request().resourceType() === 'document' && statuses.push(r.status()));
      user.page.on('response', listen);
      await visit.reach(user);
      user.page.off('response', listen);
      status = statuses.at(-1) ?? 0;
    } else {
      status = await user.goto(pathOf(visit.path ?? '/'));
    }
    // The browser reports the page's own error status in its console: expected here, so only other problems count.
    const problems = user.problems.splice(0).filter((p) => !(visit.status && p.includes(`status of ${visit.status}`)));
    expect({ page: visit.name, status, problems }).toEqual({ page: visit.name, status: visit.status ?? 200, problems: [] });
    expect({ page: visit.name, violations: await axeViolations(user.page) }).toEqual({ page: visit.name, violations: [] });
    if (visit.screenshot) await screenshot(user.page, visit.name, { fullPage: visit.screenshot === true });
    const walk = await walkWithTab(user.page);
    expect({ page: visit.name, ...walk }).toEqual({ page: visit.name, first: 'Skip to main content -> #main-content', unreached: [], focusNotShown: [] });
  }, 60_000);

  it.each(['complainant', 'secretariat', 'chair', 'mediator', 'panelChair', 'auditor', 'admin'] as const)('leads the %s from every link of the navigation to a page', async (who) => {
    const user = await as(who);
    await user.goto('/');
    const hrefs = await user.page.locator('.govuk-service-navigation a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(3);
    const statuses = await Promise.all(hrefs.map(async (href) => [href, (await user.context.request.get(`${e2e.baseUrl}${href}`)).status()] as const));
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
  });

  it('gives the clause checks’ dates in words, as the rest of the case page does', async () => {
    const user = await as('complainant');
    await user.goto(`/cases/${ids.informal}`);
    expect(await user.text('main')).toContain('Notice received 2 February 2026; earliest change 28 April 2026; change took effect 2 March 2026');
  });

  it('lets the council acknowledge a dispute with the keyboard alone: sign in, the work queue, the form, the case', async () => {
    const id = await raise(cast.complainant, cast.orgs.council, { summary: 'Keyboard only' });
    const user = await PageUser.open(browser, e2e.baseUrl, undefined, { javaScript: true });
    const page = user.page;
    const tabTo = async (test: (text: string, id: string) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => {
          const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null; id: string } | null } }).document.activeElement;
          return { text: (el?.textContent ?? '').trim().replace(/\s+/g, ' '), id: el?.id ?? '' };
        });
        if (test(at.text, at.id)) return;
      }
      throw new Error('Tab never reached it');
    };
    await user.goto('/');
    await tabTo((_, elementId) => elementId === 'token');
    await page.keyboard.type(cast.respondent.token);
    await Promise.all([page.waitForURL(`${e2e.baseUrl}/`), page.keyboard.press('Enter')]);
    expect(await user.heading()).toBe('Your work');
    await tabTo((text) => text.startsWith('Start') && text.includes('Keyboard only'));
    await Promise.all([page.waitForURL(/\/act\/acknowledge$/), page.keyboard.press('Enter')]);
    await tabTo((text) => text === 'Acknowledge');
    await Promise.all([page.waitForURL(`${e2e.baseUrl}/cases/${id}`), page.keyboard.press('Enter')]);
    expect(await user.text('.govuk-notification-banner')).toContain('done');
    await user.close();
  }, 60_000);
});
