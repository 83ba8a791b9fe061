import { Inject, Injectable } from '@nestjs/common';
import { type FieldError, ValidationError } from '#core';
import { isValidIsoDate, londonDateOf, STEP_NAMES, viewerKeys } from '#domain';
import { CaseListReadModel, type CaseSummaryRow, type CaseVisibility } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { type Principal } from '../principal.js';
import { type DisputeList, type DisputeListFilters, type DisputeSummary } from './read-side.types.js';
import { ReadYourWrites } from './read-your-writes.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Every state a case can rest in, and every prefix of one (`formal`, `cdg.panel`); never a passing state. */
export const LISTABLE_STATES: ReadonlySet<string> = new Set(
  [...STEP_NAMES, 'actionsOpen', 'suspended', 'closed'].flatMap((s) =>
    s.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

/** Who may see what, in list terms: the keys maySeeCase matches against a case's audience (case-visibility.ts). */
export const visibilityOf = (p: Principal): CaseVisibility => viewerKeys(p);

interface Cursor {
  readonly openedAt: string;
  readonly caseId: string;
}

/** Opaque to clients: base64url of where the page ended. */
export const encodeCursor = (row: { openedAt: string; id: string }): string =>
  Buffer.from(JSON.stringify([row.openedAt, row.id]), 'utf8').toString('base64url');

function decodeCursor(cursor: string, errors: FieldError[]): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { openedAt: value[0], caseId: value[1] };
    }
  } catch {
    // reported below
  }
  errors.push({ field: 'cursor', message: 'is not a cursor this server gave out' });
  return undefined;
}

const toSummary = ({ appointees: _appointees, ...row }: CaseSummaryRow): DisputeSummary => row;

/** GET /disputes: the case list from the projection, filtered to what the caller may see. */
@Injectable()
export class DisputeListQueries {
  constructor(
    @Inject(CaseListReadModel) private readonly cases: CaseListReadModel,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    principal: Principal,
    filters: DisputeListFilters = {},
    cursor: string | null = null,
    limit: number = DEFAULT_PAGE_SIZE,
    minPosition?: bigint,
  ): Promise<DisputeList> {
    const errors: FieldError[] = [];
    const checked = checkFilters(filters, errors);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      errors.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    }
    const after = cursor === null || cursor === undefined || cursor === '' ? undefined : decodeCursor(cursor, errors);
    if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

    await this.readYourWrites.settle(principal, minPosition);
    const today = londonDateOf(this.clock.now().toISOString());
    const rows = this.cases.list({ ...checked, visibility: visibilityOf(principal), today, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

function checkFilters(f: DisputeListFilters, errors: FieldError[]): DisputeListFilters {
  const text = (field: keyof DisputeListFilters) => {
    const v = f[field];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) errors.push({ field, message: 'must be a non-empty string' });
  };
  text('organisationId');
  text('clause');
  if (f.state !== undefined && (typeof f.state !== 'string' || !LISTABLE_STATES.has(f.state))) {
    errors.push({ field: 'state', message: `must be one of ${[...LISTABLE_STATES].join(', ')}` });
  }
  if (f.stage !== undefined && !(Number.isInteger(f.stage) && f.stage >= 1 && f.stage <= 4)) {
    errors.push({ field: 'stage', message: 'must be 1, 2, 3 or 4' });
  }
  if (f.overdue !== undefined && typeof f.overdue !== 'boolean') errors.push({ field: 'overdue', message: 'must be true or false' });
  for (const field of ['openedFrom', 'openedTo'] as const) {
    if (f[field] !== undefined && !isValidIsoDate(f[field])) errors.push({ field, message: 'must be a date YYYY-MM-DD' });
  }
  if (f.openedFrom && f.openedTo && isValidIsoDate(f.openedFrom) && isValidIsoDate(f.openedTo) && f.openedFrom > f.openedTo) {
    errors.push({ field: 'openedTo', message: 'must not be before openedFrom' });
  }
  const picked: Record<string, unknown> = {};
  for (const key of ['state', 'stage', 'organisationId', 'clause', 'overdue', 'openedFrom', 'openedTo'] as const) {
    if (f[key] !== undefined) picked[key] = f[key];
  }
  return picked as DisputeListFilters;
}
