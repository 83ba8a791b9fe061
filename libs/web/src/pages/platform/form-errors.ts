import { type FieldError } from '#core';

/** A form's problems as GOV.UK shows them: a summary at the top linking to each field, and a message by each field. */
export interface FormErrors {
  readonly summary: readonly { readonly text: string; readonly href: string }[];
  readonly byField: Readonly<Record<string, string>>;
}

export const NO_ERRORS: FormErrors = { summary: [], byField: {} };

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The validation the API gives (`errors: [{ field, message }]`, from the same DTOs and the same
 * decider), in the words of the form: the field's name at the start of a message becomes its label
 * ("summary must not be empty" → "Summary must not be empty"), and each entry links to the field's
 * input. `fieldIds` maps a dotted field (`dates.noticeReceived`, `actions.0.dueDate`) to the id of
 * its input; unmapped fields link to the form's first input. Only the first problem of a field is kept.
 */
export function formErrorsOf(
  errors: readonly FieldError[],
  labels: Readonly<Record<string, string>>,
  fallbackId: string,
  fieldIds: (field: string) => string | undefined = () => undefined,
  /** GOV.UK's wording for a problem the DTO names ("is required" → "Enter a summary"), where the form has it. */
  phrase: (field: string, problem: string) => string | null = () => null,
): FormErrors {
  const byField: Record<string, string> = {};
  const summary: { text: string; href: string }[] = [];
  for (const error of errors) {
    const field = error.field;
    if (byField[field] !== undefined) continue;
    const label = labels[field] ?? labels[field.replace(/\.\d+\./, '.*.')];
    const named = error.message.startsWith(field);
    const problem = named ? error.message.slice(field.length).trim() : error.message;
    const text = (named && phrase(field, problem)) || (label !== undefined && named ? `${label} ${problem}` : capitalised(error.message));
    byField[field] = capitalised(text);
    summary.push({ text: capitalised(text), href: `#${fieldIds(field) ?? (label !== undefined ? field.replace(/\./g, '-') : fallbackId)}` });
  }
  return { summary, byField };
}

/** A problem that belongs to no one field (a refusal by the process), for the summary alone. */
export function formProblem(message: string, fallbackId: string): FormErrors {
  return { summary: [{ text: message, href: `#${fallbackId}` }], byField: {} };
}
