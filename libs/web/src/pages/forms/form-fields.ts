import { type FormBody, listOf, rowsOf, textOf } from '../platform/form-body.js';

/** How a field is asked for. The engine's DTO and decider say what is valid; a field only says how to ask. */
export type FieldKind = 'text' | 'textarea' | 'number' | 'date' | 'radios' | 'checkboxes' | 'select' | 'yes-no' | 'lines' | 'rows';

export interface Choice {
  readonly value: string;
  readonly text: string;
  readonly hint?: string;
}

/** Where a field's choices come from: fixed words, or the case and the directory as they are now. */
export type ChoiceSource =
  | readonly Choice[]
  | 'parties'
  | 'organisations'
  | 'other-organisations'
  | 'organisations-or-none'
  | 'appointees'
  | 'open-actions'
  | 'pending-objections'
  | 'mediators'
  | 'panelists'
  | 'clauses'
  | 'clause-list';

export interface FormField {
  /** The body field it fills, as the API names it. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly kind: FieldKind;
  /** Shown as "(optional)"; whether it may be left out is the engine's to say. */
  readonly optional?: boolean;
  readonly choices?: ChoiceSource;
  /** For long text: a character count up to the engine's limit. */
  readonly maxLength?: number;
  /** For rows: the fields of each row, and what one row is called ("Action 2"). */
  readonly rowFields?: readonly FormField[];
  readonly rowLabel?: string;
  /**
   * What the field holds, for GOV.UK's error wording ("Enter a summary", "Choose at least one
   * organisation"): a noun phrase with its article. Without it, messages start with the label.
   */
  readonly errorName?: string;
  /** The one question on its page: its label or legend is the page's heading. */
  readonly pageHeading?: boolean;
  /** For yes-no: the words of the two answers. */
  readonly yesNo?: readonly [string, string];
}

/** The id of a field's input (the first part of a date), for labels and the error summary's links. */
export const inputIdOf = (field: Pick<FormField, 'name' | 'kind'>, prefix = ''): string => `${prefix}${field.name}${field.kind === 'date' ? '-day' : ''}`;

const datePart = (body: FormBody | Record<string, string>, name: string, part: string): string => {
  const value = (body as Record<string, unknown>)[`${name}-${part}`];
  return typeof value === 'string' ? value.trim() : '';
};

/** A GOV.UK date input's three parts as `YYYY-MM-DD`, as typed (the engine says whether it is a real date); undefined when all are empty. */
export function dateOf(body: FormBody | Record<string, string>, name: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => datePart(body, name, part));
  if (!day && !month && !year) return undefined;
  return `${(year ?? '').padStart(4, '0')}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
}

function valueOf(field: FormField, body: FormBody | Record<string, string>): unknown {
  const text = () => (typeof (body as Record<string, unknown>)[field.name] === 'string' ? ((body as Record<string, string>)[field.name] as string) : textOf(body as FormBody, field.name));
  switch (field.kind) {
    case 'date':
      return dateOf(body, field.name);
    case 'number': {
      const value = text().trim();
      if (value === '') return undefined;
      return /^\d{1,6}$/.test(value) ? Number(value) : value;
    }
    case 'yes-no': {
      const value = text();
      return value === 'yes' ? true : value === 'no' ? false : undefined;
    }
    case 'checkboxes':
      return listOf(body as FormBody, field.name);
    case 'lines':
      return text()
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    case 'rows':
      return rowsOf(body as FormBody, field.name).map((row) => bodyOf(field.rowFields ?? [], row));
    default: {
      const value = text();
      return value.trim() === '' ? undefined : value;
    }
  }
}

/**
 * The request body a form's answers make, in the API's shape: what the same DTO validates and the
 * same command carries. An empty answer is left out, so the engine says what is missing.
 */
export function bodyOf(fields: readonly FormField[], body: FormBody | Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = valueOf(field, body);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

/** What the form shows back in each field after a refused submission (the answers as given). */
export function answersOf(fields: readonly FormField[], body: FormBody | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'date') out[field.name] = { day: datePart(body ?? {}, field.name, 'day'), month: datePart(body ?? {}, field.name, 'month'), year: datePart(body ?? {}, field.name, 'year') };
    else if (field.kind === 'checkboxes') out[field.name] = listOf(body, field.name);
    else if (field.kind === 'rows') out[field.name] = rowsOf(body, field.name);
    else out[field.name] = textOf(body, field.name);
  }
  return out;
}

/**
 * GOV.UK's wording for the problems the API's DTOs name most often, by the kind of field: "is
 * required" becomes "Enter …" or "Choose …". Anything else keeps the DTO's own words after the
 * field's name. Null when the field has no errorName or the problem is not one of these.
 */
export function govukPhrase(field: FormField | undefined, problem: string): string | null {
  const name = field?.errorName;
  if (field === undefined || name === undefined) return null;
  const choosing = field.kind === 'radios' || field.kind === 'select' || field.kind === 'yes-no' || field.kind === 'checkboxes';
  if (/^is required|^must not be empty|^must not be null/.test(problem)) return `${choosing ? 'Choose' : 'Enter'} ${name}`;
  if (problem.startsWith('must have at least one item')) return `Choose at least one ${name.replace(/^(a|an|the) /, '')}`;
  if (problem.startsWith('must be a real date')) return `${name.charAt(0).toUpperCase()}${name.slice(1)} must be a real date`;
  if (problem.startsWith('must be at most')) return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${problem}`;
  return null;
}
