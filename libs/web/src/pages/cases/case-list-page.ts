import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type DisputeList, type DisputeListFilters, LISTABLE_STATES, ListDisputes, ListOrganisations, type Principal } from '#application';
import { COMPACT_CLAUSES, type OrganisationRecord, type Outcome } from '#domain';
import { weekdayDate } from '../platform/dates.js';
import { OUTCOME_WORDS, STATE_LABELS } from './case-words.js';
import { type PageQueryValues } from '../platform/page-query.js';

/** The list's filters as the page's form sends them: the API's query parameters, as text. */
const FILTER_NAMES = ['state', 'stage', 'organisationId', 'clause', 'overdue', 'openedFrom', 'openedTo'] as const;

/**
 * The case list page: the same query as GET /disputes (so the same cases, the same filters and the
 * same refusals of a bad filter), one page of 25 at a time.
 */
@Injectable()
export class CaseListPage {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /** The filters for the query: text as the form sent it, numbers and flags as the query takes them. */
  filtersOf(query: PageQueryValues): DisputeListFilters {
    const filters: Record<string, unknown> = {};
    for (const name of FILTER_NAMES) {
      const value = query[name]?.trim();
      if (value === undefined || value === '') continue;
      filters[name] = name === 'stage' ? Number(value) : name === 'overdue' ? value === 'true' : value;
    }
    return filters as DisputeListFilters;
  }

  async list(principal: Principal, query: PageQueryValues): Promise<DisputeList> {
    return this.queries.execute(new ListDisputes(principal, this.filtersOf(query), query['cursor'] ?? null, 25));
  }

  async model(principal: Principal, query: PageQueryValues, list: DisputeList | null) {
    const organisations = ((await this.queries.execute(new ListOrganisations())) as { items: OrganisationRecord[] }).items;
    const selected = (name: string) => query[name] ?? '';
    const options = (items: readonly [string, string][], value: string) => [{ value: '', text: 'Any' }, ...items.map(([v, text]) => ({ value: v, text, selected: v === value }))];
    const page = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && e[0] !== 'cursor'));
    return {
      filters: {
        state: options([...LISTABLE_STATES].map((s) => [s, STATE_LABELS[s] ?? s] as [string, string]), selected('state')),
        stage: options([['1', 'Stage 1: informal'], ['2', 'Stage 2: formal'], ['3', 'Stage 3: CDG'], ['4', 'Stage 4: referred outside']], selected('stage')),
        organisationId: options(organisations.map((o) => [o.organisationId, o.name] as [string, string]), selected('organisationId')),
        clause: options(COMPACT_CLAUSES.map((c) => [c.id, `${c.id} ${c.description.slice(0, 60)}${c.description.length > 60 ? '…' : ''}`] as [string, string]), selected('clause')),
        overdue: selected('overdue') === 'true',
        openedFrom: selected('openedFrom'),
        openedTo: selected('openedTo'),
      },
      filtered: FILTER_NAMES.some((n) => (query[n] ?? '') !== ''),
      rows: (list?.items ?? []).map((c) => ({
        href: `/cases/${encodeURIComponent(c.id)}`,
        summary: c.summary,
        parties: `${c.parties.find((p) => p.organisationId === c.complainantId)?.name ?? ''} about ${c.parties.filter((p) => c.respondentIds.includes(p.organisationId)).map((p) => p.name).join(', ')}`,
        state: c.state === 'closed' && c.outcome ? `Closed: ${OUTCOME_WORDS[c.outcome as Outcome]}` : (STATE_LABELS[c.state] ?? c.state),
        opened: weekdayDate(c.openedAt),
        nextDue: c.nextDueOn ? weekdayDate(c.nextDueOn) : null,
        overdue: c.overdue,
        urgent: c.urgent,
      })),
      nextHref: list?.nextCursor ? `/cases?${new URLSearchParams([...page, ['cursor', list.nextCursor]]).toString()}` : null,
      firstHref: query['cursor'] ? `/cases${page.size ? `?${page.toString()}` : ''}` : null,
    };
  }
}
