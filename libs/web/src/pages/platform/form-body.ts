/** A submitted form: each field's value, or its values when it was sent more than once (checkboxes). */
export type FormBody = Record<string, string | string[] | FormRow[]>;
/** One row of a repeated group (`actions[0].description`), e.g. an agreed action. */
export type FormRow = Record<string, string>;

/** Rows of a repeated group a form may send; a form never shows more. */
const MAX_ROWS = 50;
const ROW_FIELD = /^([A-Za-z]\w{0,40})\[(\d{1,2})\]\.([A-Za-z][\w-]{0,40})$/;
const FIELD = /^[A-Za-z_][\w-]{0,60}$/;

/**
 * `application/x-www-form-urlencoded` as the pages read it: plain field names (others are ignored,
 * so `__proto__` and friends never reach an object), repeated names as lists, and `group[i].field`
 * as rows of a group. Into null-prototype objects.
 */
export function parseForm(text: string): FormBody {
  const body: FormBody = Object.create(null) as FormBody;
  for (const [name, value] of new URLSearchParams(text)) {
    const row = ROW_FIELD.exec(name);
    if (row) {
      const [, group, index, field] = row as unknown as [string, string, string, string];
      const i = Number(index);
      if (i >= MAX_ROWS) continue;
      const rows = Array.isArray(body[group]) && isRows(body[group]) ? (body[group] as FormRow[]) : [];
      body[group] = rows;
      rows[i] ??= Object.create(null) as FormRow;
      rows[i][field] = value;
      continue;
    }
    if (!FIELD.test(name)) continue;
    const previous = body[name];
    if (previous === undefined) body[name] = value;
    else if (typeof previous === 'string') body[name] = [previous, value];
    else if (!isRows(previous)) (previous as string[]).push(value);
  }
  // Rows arrive by index: holes (row 3 sent without row 2) are closed up.
  for (const [name, value] of Object.entries(body)) if (Array.isArray(value) && isRows(value)) body[name] = (value as FormRow[]).filter(Boolean);
  return body;
}

const isRows = (value: unknown): boolean => Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null);

/** One field as text ('' when absent); the first value when it was sent twice. */
export function textOf(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** A field sent any number of times (checkboxes), as a list. */
export function listOf(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** The rows of a repeated group, leaving out rows whose every field is blank. */
export function rowsOf(body: FormBody | undefined, name: string): FormRow[] {
  const value = body?.[name];
  if (!Array.isArray(value) || !isRows(value)) return [];
  return (value as FormRow[]).filter((row) => Object.values(row).some((v) => v.trim() !== ''));
}
