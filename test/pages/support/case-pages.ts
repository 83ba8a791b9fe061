import { type Person } from '../../e2e/support/e2e-world.js';
import { COMMAND_LABELS } from '../../../libs/web/src/pages/cases/case-words.js';
import { type PageUser } from './page-world.js';

type Command = keyof typeof COMMAND_LABELS;

/** The commands a case page offers (its buttons and case-file links), by the command in each link. */
export async function offeredCommands(user: PageUser): Promise<string[]> {
  const hrefs = await user.page.locator('main a[href*="/act/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.split('/act/')[1]?.split('?')[0] ?? '').sort();
}

/** The case's `allowed` list as GET /disputes/{id} gives it to the same person. */
export async function apiAllowed(person: Person, caseId: string): Promise<string[]> {
  const response = await person.http.get(`/disputes/${caseId}`);
  return [...(response.body as { allowed: string[] }).allowed].sort();
}

/**
 * Opens the case page, checks its buttons are exactly the API's `allowed` list for this person,
 * and follows the one for `command` to its form.
 */
export async function openForm(user: PageUser, person: Person, caseId: string, command: Command): Promise<void> {
  await user.goto(`/cases/${caseId}`);
  expect({ caseId, offered: await offeredCommands(user) }).toEqual({ caseId, offered: await apiAllowed(person, caseId) });
  await user.click(COMMAND_LABELS[command]);
  expect(user.path()).toBe(`/cases/${caseId}/act/${command}`);
}

/** Filling a GOV.UK form as a person would: by the labels they read. */
export function formOf(user: PageUser) {
  const page = user.page;
  return {
    fill: (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value),
    choose: (label: string) => page.getByLabel(label, { exact: true }).check(),
    select: (label: string, option: string) => page.getByLabel(label, { exact: true }).selectOption({ label: option }),
    /** A GOV.UK date input, by the id its boxes share. */
    date: async (id: string, iso: string) => {
      const [year, month, day] = iso.split('-');
      await page.fill(`#${id}-day`, String(Number(day)));
      await page.fill(`#${id}-month`, String(Number(month)));
      await page.fill(`#${id}-year`, year ?? '');
    },
    submit: (text: string) => user.click(text),
  };
}

/** Sends a form and expects to land back on the case page with the success banner. */
export async function expectDone(user: PageUser, caseId: string): Promise<void> {
  expect({ path: user.path(), errors: await user.errors() }).toEqual({ path: `/cases/${caseId}`, errors: [] });
  expect(await user.text('.govuk-notification-banner')).toContain('done');
}

/** The plain-English stage box of the case page. */
export const stageText = (user: PageUser) => user.text('.app-stage');
