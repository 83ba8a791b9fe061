import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Person } from '../../e2e/support/e2e-world.js';

/** Debian's Chromium, as CI installs it; scripts off in every page (the pages have none). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did wrong while it loaded: console errors (a CSP refusal shows there) and failed requests. */
export interface PageProblems {
  readonly problems: string[];
}

/**
 * One person's browser: a context of its own (its own cookies, so its own session), signed in
 * through the sign-in page with the person's token.
 */
export class PageUser implements PageProblems {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(m.text());
    });
    page.on('requestfailed', (r) => this.problems.push(`failed ${r.url()}`));
  }

  /**
   * `javaScript`: off by default, as the pages must work without it. axe-core needs it on to run
   * (the pages still run none of their own: the CSP forbids any script and they have none).
   */
  static async open(browser: Browser, baseUrl: string, person?: Person, { javaScript = false } = {}): Promise<PageUser> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    const user = new PageUser(context, await context.newPage(), baseUrl);
    if (person) await user.signIn(person.token);
    return user;
  }

  async signIn(token: string): Promise<void> {
    await this.goto('/');
    await this.page.fill('#token', token);
    await this.click('Sign in');
  }

  async goto(path: string): Promise<number> {
    const response = await this.page.goto(`${this.baseUrl}${path}`);
    return response?.status() ?? 0;
  }

  /** Presses a button, or follows a link, by its exact visible text, and waits for the page it leads to. */
  async click(text: string): Promise<void> {
    const button = this.page.getByRole('button', { name: text, exact: true });
    const target = (await button.count()) > 0 ? button.first() : this.page.getByRole('link', { name: text, exact: true }).first();
    // Until the next page has loaded, not just until the click: a form's 303 lands on another document.
    const navigated = this.page.waitForEvent('framenavigated', (frame) => frame === this.page.mainFrame());
    await target.click();
    await navigated;
    await this.page.waitForLoadState('load');
  }

  async heading(): Promise<string> {
    return ((await this.page.locator('h1').first().textContent()) ?? '').trim().replace(/\s+/g, ' ');
  }

  async text(selector = 'main'): Promise<string> {
    return ((await this.page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The error summary's entries, as a person reads them. */
  async errors(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list li').allTextContents()).map((t) => t.trim());
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** WCAG 2.2 A and AA, as axe-core checks them: what every page must pass with no violation at all. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The page's axe violations as short sentences (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

const SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

/** With SCREENSHOTS=1, saves the page as docs/screenshots/page-<name>.png (the README shows them). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (process.env['SCREENSHOTS'] !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // As a person first sees it: no control left focused by a previous step (the skip link would show).
  await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
  await page.screenshot({ path: join(SCREENSHOTS, `page-${name}.png`), fullPage });
}
