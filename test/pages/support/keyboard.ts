import { type Page } from 'playwright-core';

/** What pressing Tab through a page showed. */
export interface KeyboardWalk {
  /** The first stop: it must be the skip link. */
  readonly first: string;
  /** Controls a mouse can use that Tab never reached (a radio group counts once). */
  readonly unreached: string[];
  /** Controls whose look did not change when they had the focus. */
  readonly focusNotShown: string[];
}

/** The browser's globals the walk reads (the project compiles without the DOM library). */
interface InPage {
  document: {
    activeElement: InPageElement | null;
    body: InPageElement & { prepend(node: InPageElement): void };
    createElement(tag: string): InPageElement & { tabIndex: number };
    querySelectorAll(selector: string): Iterable<InPageElement>;
  };
  getComputedStyle(element: InPageElement, pseudo?: string): Record<'outlineStyle' | 'outlineWidth' | 'outlineColor' | 'boxShadow' | 'backgroundColor' | 'color' | 'textDecorationThickness' | 'borderWidth', string>;
}
interface InPageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  getClientRects(): { length: number };
  closest(selector: string): InPageElement | null;
  blur(): void;
  focus(): void;
  nextElementSibling: InPageElement | null;
  type?: string;
  name?: string;
  disabled?: boolean;
}

const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, summary';

/**
 * Walks a page with the Tab key only, as a keyboard user does, from the top: which controls it
 * reaches, and whether each shows that it has the focus (its outline, shadow, colours or, for a
 * GOV.UK checkbox or radio, its drawn box change), which WCAG 2.4.7 asks and axe cannot see.
 */
export async function walkWithTab(page: Page, maxStops = 250): Promise<KeyboardWalk> {
  const controls = await page.evaluate((selector) => {
    const w = globalThis as unknown as InPage;
    const found: { key: string; label: string; group: string }[] = [];
    let i = 0;
    for (const el of w.document.querySelectorAll(selector)) {
      if (el.getClientRects().length === 0 || el.disabled === true || el.closest('[hidden]')) continue;
      el.dataset['kb'] = String(i);
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? el.getAttribute('name') ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
      found.push({ key: String(i), label, group: el.type === 'radio' ? `radio:${el.name ?? ''}` : String(i) });
      i++;
    }
    // Tab starts where a freshly loaded page starts it, at the top, whatever the page was doing before.
    const start = w.document.createElement('span');
    start.tabIndex = -1;
    w.document.body.prepend(start);
    start.focus();
    return found;
  }, CONTROLS);

  const reached = new Set<string>();
  const focusNotShown: string[] = [];
  let first = '';
  let previous = '';
  for (let stop = 0; stop < maxStops; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((previousKey) => {
      const w = globalThis as unknown as InPage;
      const el = w.document.activeElement;
      if (!el || el.tagName === 'BODY') return null;
      // Still in the same date box: leave its focus where Tab put it (focusing it again would go back to its day).
      if (el.dataset['kb'] === previousKey) return { key: previousKey, text: '', href: '', shown: true };
      const look = () => {
        const own = w.getComputedStyle(el);
        // A GOV.UK checkbox or radio is drawn by its label; the input itself is transparent.
        const drawn = el.type === 'checkbox' || el.type === 'radio' ? w.getComputedStyle(el.nextElementSibling ?? el, '::before') : own;
        return [own.outlineStyle, own.outlineWidth, own.outlineColor, own.boxShadow, own.backgroundColor, own.color, own.textDecorationThickness, drawn.boxShadow, drawn.borderWidth].join('|');
      };
      const withFocus = look();
      el.blur();
      const without = look();
      el.focus();
      return { key: el.dataset['kb'] ?? '', text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50), href: el.getAttribute('href') ?? '', shown: withFocus !== without };
    }, previous);
    if (focused === null) break;
    if (stop === 0) first = `${focused.text} -> ${focused.href}`;
    // A date box keeps the focus while Tab moves through its day, month and year.
    if (focused.key === previous) continue;
    previous = focused.key;
    if (reached.has(focused.key)) break;
    reached.add(focused.key);
    if (!focused.shown) focusNotShown.push(controls.find((c) => c.key === focused.key)?.label ?? focused.text);
  }
  const reachedGroups = new Set(controls.filter((c) => reached.has(c.key)).map((c) => c.group));
  const unreached = [...new Map(controls.filter((c) => !reachedGroups.has(c.group)).map((c) => [c.group, c.label])).values()];
  return { first, unreached, focusNotShown };
}
