import { COMPACT_CLAUSES, compactClause, DEADLINE_RULES, OUTCOMES } from '#domain';
import { type Edition } from './annual-report.js';
import { ACTION_RESULTS, EXTENSION_KINDS } from './case-facts.js';
import { SMALL_COUNT } from './disclosure-control.js';
import { type DraftCell, type DraftTable, FigureBook, NONE, percent, text } from './report-draft.js';
import { DIRECTIONS, METRIC } from './report-metrics.js';
import { LESSONS_LISTED, type ReportOrganisation, type ReportSource } from './report-source.js';
import { reportingPeriod } from './reporting-year.js';
import { countOf, percentileOf } from './percentiles.js';
import { YearFigures } from './year-figures.js';

/** Wording shared by every format. */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  'resolved-informally': 'Resolved informally',
  'resolved-formally': 'Resolved at the formal stage',
  'resolved-by-mediation': 'Resolved by mediation',
  upheld: 'Upheld by a panel',
  'partly-upheld': 'Partly upheld by a panel',
  'not-upheld': 'Not upheld by a panel',
  withdrawn: 'Withdrawn by the complainant',
  'not-pursued': 'Not pursued by the complainant',
  'referred-externally': 'Referred to an outside body',
};

export const STAGE_LABELS: Readonly<Record<string, string>> = {
  '1': 'Stage 1: informal discussion',
  '2': 'Stage 2: formal complaint',
  '3': 'Stage 3: Compact Development Group',
  '4': 'Referred to an outside body',
};

export const DIRECTION_LABELS: Readonly<Record<string, string>> = {
  'vcs-to-statutory': 'Voluntary and community sector against statutory bodies',
  'statutory-to-vcs': 'Statutory bodies against the voluntary and community sector',
  'within-sector': 'Within one sector',
};

export const SECTOR_LABELS: Readonly<Record<string, string>> = { statutory: 'Statutory', vcs: 'Voluntary and community' };

const OWED_BY_LABELS: Readonly<Record<string, string>> = {
  respondent: 'Respondent',
  complainant: 'Complainant',
  parties: 'Both parties',
  cdg: 'Compact Development Group',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'on-time': 'Completed on time',
  late: 'Completed late',
  missed: 'Missed (not done by the secretariat’s check)',
  unfinished: 'Ended unfinished (the case closed or reopened first)',
};

const EXTENSION_LABELS: Readonly<Record<string, string>> = {
  respondent: 'The respondent’s one-off extension of its written response',
  consent: 'Extensions agreed by both parties',
};

const REOPENING_LABELS: Readonly<Record<string, string>> = {
  granted: 'Granted',
  refused: 'Refused',
  undecided: 'Not decided by the end of the year',
};

const CHECK_LABELS: Readonly<Record<string, string>> = {
  '3.2': '3.2 notice: at least 12 weeks before a change',
  '3.4': '3.4 consultation: at least 12 weeks',
};

const CHECK_RESULTS = ['met', 'not-met', 'not-checkable'] as const;

const clauseOrder = (id: string) => {
  const i = COMPACT_CLAUSES.findIndex((c) => c.id === id);
  return i < 0 ? COMPACT_CLAUSES.length : i;
};
const byClause = (a: string, b: string) => clauseOrder(a) - clauseOrder(b) || a.localeCompare(b);

/** The rows of the summary, each a figure of the year, in order. */
export interface Headline {
  readonly key: string;
  readonly label: string;
  readonly unit: 'cases' | 'count' | 'percent' | 'working days';
  readonly cell: DraftCell;
}

/** One year's tables as drafts, with the figure book the public edition protects. */
export interface YearDraft {
  readonly year: number;
  readonly book: FigureBook;
  readonly tables: DraftTable[];
  readonly headline: Headline[];
}

/** A breakdown of organisation types as the edition shows it: the CDG sees every type, the public pooled ones. */
interface TypeGroup {
  readonly key: string;
  readonly sector: string;
  readonly label: string;
  readonly members: readonly string[];
}

/**
 * The public edition names no organisation, and a type that only one or two signatories have would
 * name them all the same: such types are pooled per sector ("Other statutory bodies"), and a pool
 * of fewer than 3 signatories takes in the smallest other type of its sector until it has 3.
 */
export function organisationTypeGroups(
  keys: readonly string[],
  signatories: ReadonlyMap<string, number>,
  edition: Edition,
  spelling: ReadonlyMap<string, string> = new Map(),
): TypeGroup[] {
  // Grouped by the type in lower case; shown as a signatory wrote it ("NHS trust", not "Nhs trust").
  const typeOf = (key: string) => spelling.get(key) ?? key.slice(key.indexOf(':') + 1);
  const sectorOf = (key: string) => key.slice(0, key.indexOf(':'));
  if (edition === 'cdg') {
    return [...keys].sort().map((key) => ({ key, sector: sectorOf(key), label: capitalised(typeOf(key)), members: [key] }));
  }
  const groups: TypeGroup[] = [];
  for (const sector of ['statutory', 'vcs']) {
    const all = [...new Set([...keys, ...signatories.keys()])].filter((k) => sectorOf(k) === sector).sort();
    const size = (k: string) => signatories.get(k) ?? 0;
    const named = all.filter((k) => size(k) >= SMALL_COUNT);
    let pooled = all.filter((k) => size(k) < SMALL_COUNT);
    const pooledSize = () => pooled.reduce((s, k) => s + size(k), 0);
    while (pooled.length > 0 && pooledSize() < SMALL_COUNT && named.length > 0) {
      named.sort((a, b) => size(a) - size(b) || a.localeCompare(b));
      pooled = [...pooled, named.shift() as string];
    }
    for (const key of named.sort()) groups.push({ key, sector, label: capitalised(typeOf(key)), members: [key] });
    if (pooled.length > 0) {
      const label = sector === 'statutory' ? 'Other statutory bodies' : 'Other voluntary and community organisations';
      groups.push({ key: `${sector}:other`, sector, label: named.length === 0 ? `All ${sector === 'statutory' ? 'statutory bodies' : 'voluntary and community organisations'}` : label, members: pooled });
    }
  }
  return groups.filter((g) => g.members.some((m) => keys.includes(m)));
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Signatories of each sector:type during the year (signed by its end, not left before its start). */
export function signatoriesByType(organisations: readonly ReportOrganisation[], year: number): Map<string, number> {
  const { from, to } = reportingPeriod(year);
  const counts = new Map<string, number>();
  for (const o of organisations) {
    if (o.signedOn > to || (o.leftOn !== null && o.leftOn < from)) continue;
    const key = `${o.sector}:${o.type.trim().toLowerCase()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Builds every table of one year, as drafts, for the given edition. */
export function draftYear(source: ReportSource, year: number, edition: Edition): YearDraft {
  const f = new YearFigures(year, source.totals);
  const book = new FigureBook();
  const tables: DraftTable[] = [];
  const cdg = edition === 'cdg';

  const opened = book.count('opened', f.get(METRIC.opened));
  const closed = book.count('closed', f.get(METRIC.closed));
  const openAtEnd = book.count('open-at-year-end', f.openAtYearEnd());
  const urgent = book.count('urgent', f.get(METRIC.openedUrgent));

  // Outcomes and highest stage of the cases closed.
  const outcomeIds = OUTCOMES.map((o) => `outcome/${o}`);
  tables.push({
    id: 'outcomes',
    title: 'How the cases closed in the year ended',
    note: 'Each case closed in the year, counted once, with the outcome it had at the end of the year.',
    columns: [
      { key: 'outcome', label: 'Outcome', unit: 'text' },
      { key: 'cases', label: 'Cases', unit: 'cases' },
    ],
    rows: [
      ...OUTCOMES.map((o, i) => ({ key: o, cells: { outcome: text(OUTCOME_LABELS[o] ?? o), cases: book.count(outcomeIds[i] as string, f.get(METRIC.closedOutcome, o)) } })),
      { key: 'all', total: true as const, cells: { outcome: text('All cases closed'), cases: closed } },
    ],
  });
  book.sum('closed', outcomeIds);

  const stages = ['1', '2', '3', '4'];
  tables.push({
    id: 'highest-stage',
    title: 'How far the cases closed in the year went',
    note: 'The highest stage each case closed in the year reached before it closed.',
    columns: [
      { key: 'stage', label: 'Highest stage reached', unit: 'text' },
      { key: 'cases', label: 'Cases', unit: 'cases' },
    ],
    rows: [
      ...stages.map((s) => ({ key: `stage-${s}`, cells: { stage: text(STAGE_LABELS[s] ?? s), cases: book.count(`highest-stage/${s}`, f.get(METRIC.closedHighestStage, s)) } })),
      { key: 'all', total: true as const, cells: { stage: text('All cases closed'), cases: closed } },
    ],
  });
  book.sum('closed', stages.map((s) => `highest-stage/${s}`));

  // Clauses: a case may cite several, so each column adds up to the citations, not to the cases.
  const clauseIds = [...new Set([...f.dims(METRIC.openedClause), ...f.dims(METRIC.closedClause), ...f.dims(METRIC.levelOpenClause)])].sort(byClause);
  const clauseColumns = [
    { key: 'opened', metric: METRIC.openedClause, cap: 'opened' },
    { key: 'closed', metric: METRIC.closedClause, cap: 'closed' },
    { key: 'open-at-year-end', metric: METRIC.levelOpenClause, cap: 'open-at-year-end' },
  ] as const;
  // A column whose cases number fewer than 3 would give its clauses away: the public edition leaves it empty.
  const clauseColumnShown = (cap: string) => cdg || (book.counts.get(cap) ?? 0) >= 3;
  const clauseCell = (clause: string, column: (typeof clauseColumns)[number]): DraftCell =>
    clauseColumnShown(column.cap) ? book.count(`clause/${clause}/${column.key}`, f.get(column.metric, clause)) : NONE;
  tables.push({
    id: 'clauses',
    title: 'The Compact undertakings the cases were about',
    note: 'Cases citing each clause: opened in the year, closed in the year, and open at its end. A case can cite more than one clause.',
    columns: [
      { key: 'clause', label: 'Clause', unit: 'text' },
      { key: 'description', label: 'Undertaking', unit: 'text' },
      { key: 'opened', label: 'Opened', unit: 'cases' },
      { key: 'closed', label: 'Closed', unit: 'cases' },
      { key: 'open-at-year-end', label: 'Open at year end', unit: 'cases' },
    ],
    rows: [
      ...clauseIds.map((clause) => ({
        key: clause,
        cells: {
          clause: text(clause),
          description: text(compactClause(clause)?.description ?? ''),
          opened: clauseCell(clause, clauseColumns[0]),
          closed: clauseCell(clause, clauseColumns[1]),
          'open-at-year-end': clauseCell(clause, clauseColumns[2]),
        },
      })),
      {
        key: 'all',
        total: true as const,
        cells: {
          clause: text('All citations'),
          description: text(''),
          ...Object.fromEntries(
            clauseColumns.map((c) => [
              c.key,
              clauseColumnShown(c.cap) ? book.count(`clause/all/${c.key}`, clauseIds.reduce((s, id) => s + f.get(c.metric, id), 0)) : NONE,
            ]),
          ),
        },
      },
    ],
  });
  for (const c of clauseColumns) {
    if (!clauseColumnShown(c.cap)) continue;
    const ids = clauseIds.map((id) => `clause/${id}/${c.key}`);
    book.sum(`clause/all/${c.key}`, ids);
    book.cap(ids, c.cap);
  }

  // Direction between sectors.
  const directionColumns = [
    { key: 'opened', metric: METRIC.openedDirection, total: opened },
    { key: 'closed', metric: METRIC.closedDirection, total: closed },
    { key: 'open-at-year-end', metric: METRIC.levelOpenDirection, total: openAtEnd },
  ] as const;
  tables.push({
    id: 'direction',
    title: 'Who raised disputes against whom',
    note: 'A case is across sectors when any respondent is of the other sector than the complainant.',
    columns: [
      { key: 'direction', label: 'Direction', unit: 'text' },
      { key: 'opened', label: 'Opened', unit: 'cases' },
      { key: 'closed', label: 'Closed', unit: 'cases' },
      { key: 'open-at-year-end', label: 'Open at year end', unit: 'cases' },
    ],
    rows: [
      ...DIRECTIONS.map((d) => ({
        key: d,
        cells: {
          direction: text(DIRECTION_LABELS[d] ?? d),
          ...Object.fromEntries(directionColumns.map((c) => [c.key, book.count(`direction/${d}/${c.key}`, f.get(c.metric, d))])),
        },
      })),
      { key: 'all', total: true as const, cells: { direction: text('All cases'), opened, closed, 'open-at-year-end': openAtEnd } },
    ],
  });
  for (const c of directionColumns) book.sum((c.total as { count: string }).count, DIRECTIONS.map((d) => `direction/${d}/${c.key}`));

  // Organisation types.
  const typeKeys = [...new Set([...f.dims(METRIC.openedComplainantType), ...f.dims(METRIC.openedRespondentType)])];
  const spelling = new Map(source.organisations.map((o) => [`${o.sector}:${o.type.trim().toLowerCase()}`, o.type.trim()] as const).reverse());
  const groups = organisationTypeGroups(typeKeys, signatoriesByType(source.organisations, year), edition, spelling);
  const groupSum = (metric: typeof METRIC.openedComplainantType | typeof METRIC.openedRespondentType, members: readonly string[]) =>
    members.reduce((s, m) => s + f.get(metric, m), 0);
  const respondents = book.count('respondents', typeKeys.reduce((s, k) => s + f.get(METRIC.openedRespondentType, k), 0));
  tables.push({
    id: 'organisation-types',
    title: 'The kinds of organisation involved',
    note: cdg
      ? 'Cases opened in the year by the complainant’s type, and how many times an organisation of each type was a respondent.'
      : 'Cases opened in the year by the complainant’s type, and how many times an organisation of each type was a respondent. Types that fewer than 3 signatories share are pooled, so that no organisation is identified.',
    columns: [
      { key: 'sector', label: 'Sector', unit: 'text' },
      { key: 'type', label: 'Type of organisation', unit: 'text' },
      { key: 'complainant', label: 'As complainant', unit: 'cases' },
      { key: 'respondent', label: 'As respondent', unit: 'count' },
    ],
    rows: [
      ...groups.map((g) => ({
        key: g.key,
        cells: {
          sector: text(SECTOR_LABELS[g.sector] ?? g.sector),
          type: text(g.label),
          complainant: book.count(`type/${g.key}/complainant`, groupSum(METRIC.openedComplainantType, g.members)),
          respondent: book.count(`type/${g.key}/respondent`, groupSum(METRIC.openedRespondentType, g.members)),
        },
      })),
      { key: 'all', total: true as const, cells: { sector: text(''), type: text('All'), complainant: opened, respondent: respondents } },
    ],
  });
  book.sum('opened', groups.map((g) => `type/${g.key}/complainant`));
  book.sum('respondents', groups.map((g) => `type/${g.key}/respondent`));

  // Working days per stage and to closure.
  const durationRows = [
    ...['1', '2', '3'].map((s) => ({ key: `stage-${s}`, label: `In ${STAGE_LABELS[s]?.replace('Stage', 'stage') ?? s}`, histogram: f.histogram(METRIC.durationStage, s), id: `duration/stage-${s}` })),
    { key: 'closure', label: 'From raising to closure', histogram: f.histogram(METRIC.durationClosure, ''), id: 'closed' },
  ];
  const medianToClosure: DraftCell = { derived: percentileOf(durationRows[3]!.histogram, 50), from: ['closed'] };
  const p90ToClosure: DraftCell = { derived: percentileOf(durationRows[3]!.histogram, 90), from: ['closed'] };
  tables.push({
    id: 'working-days',
    title: 'How long each stage took',
    note: 'Working days in England and Wales (weekends and bank holidays excluded) from the day a case entered a stage to the day it left it, for each time a case left a stage in the year; and from the day a case was raised to the day it closed, for the cases closed in the year. Time suspended is included. Median and 90th percentile by nearest rank.',
    columns: [
      { key: 'measure', label: 'Measure', unit: 'text' },
      { key: 'cases', label: 'Cases', unit: 'cases' },
      { key: 'median', label: 'Median', unit: 'working days' },
      { key: 'p90', label: '90th percentile', unit: 'working days' },
    ],
    rows: durationRows.map((r) => ({
      key: r.key,
      cells: {
        measure: text(r.label),
        cases: book.count(r.id, countOf(r.histogram)),
        median: r.key === 'closure' ? medianToClosure : { derived: percentileOf(r.histogram, 50), from: [r.id] },
        p90: r.key === 'closure' ? p90ToClosure : { derived: percentileOf(r.histogram, 90), from: [r.id] },
      },
    })),
  });

  // Deadlines met and missed, per step.
  const steps = Object.keys(DEADLINE_RULES) as (keyof typeof DEADLINE_RULES)[];
  const stepIds = steps.filter((s) => f.get(METRIC.deadlineStep, s, 'met') + f.get(METRIC.deadlineStep, s, 'missed') > 0);
  const metAll = book.count('deadlines/all/met', steps.reduce((n, s) => n + f.get(METRIC.deadlineStep, s, 'met'), 0));
  const missedAll = book.count('deadlines/all/missed', steps.reduce((n, s) => n + f.get(METRIC.deadlineStep, s, 'missed'), 0));
  const metShare: DraftCell = {
    derived: percent(book.counts.get('deadlines/all/met') ?? 0, (book.counts.get('deadlines/all/met') ?? 0) + (book.counts.get('deadlines/all/missed') ?? 0)),
    from: ['deadlines/all/met', 'deadlines/all/missed'],
  };
  tables.push({
    id: 'deadlines',
    title: 'Deadlines met, step by step',
    note: 'Each deadline that was met or missed in the year, by the step it was for. Deadlines that stopped running (a case withdrawn, resolved or moved on) are not counted.',
    columns: [
      { key: 'step', label: 'Step', unit: 'text' },
      { key: 'owed-by', label: 'Owed by', unit: 'text' },
      { key: 'met', label: 'Met', unit: 'count' },
      { key: 'missed', label: 'Missed', unit: 'count' },
      { key: 'percent-met', label: 'Met (%)', unit: 'percent' },
    ],
    rows: [
      ...stepIds.map((s) => {
        const met = f.get(METRIC.deadlineStep, s, 'met');
        const missed = f.get(METRIC.deadlineStep, s, 'missed');
        return {
          key: s,
          cells: {
            step: text(DEADLINE_RULES[s].title),
            'owed-by': text(OWED_BY_LABELS[DEADLINE_RULES[s].owedBy] ?? DEADLINE_RULES[s].owedBy),
            met: book.count(`deadlines/${s}/met`, met),
            missed: book.count(`deadlines/${s}/missed`, missed),
            'percent-met': { derived: percent(met, met + missed), from: [`deadlines/${s}/met`, `deadlines/${s}/missed`] },
          },
        };
      }),
      { key: 'all', total: true as const, cells: { step: text('All deadlines'), 'owed-by': text(''), met: metAll, missed: missedAll, 'percent-met': metShare } },
    ],
  });
  book.sum('deadlines/all/met', stepIds.map((s) => `deadlines/${s}/met`));
  book.sum('deadlines/all/missed', stepIds.map((s) => `deadlines/${s}/missed`));

  // Agreed actions.
  const actionIds = ACTION_RESULTS.map((r) => `actions/${r}`);
  const actionValues = ACTION_RESULTS.map((r) => f.get(METRIC.action, r));
  const actionsAll = book.count('actions/all', actionValues.reduce((s, n) => s + n, 0));
  const onTimeShare: DraftCell = { derived: percent(actionValues[0] ?? 0, book.counts.get('actions/all') ?? 0), from: ['actions/on-time', 'actions/all'] };
  tables.push({
    id: 'agreed-actions',
    title: 'Agreed actions',
    note: 'Actions agreed in a resolution or accepted from a panel’s findings, counted in the year they were settled. On time means completed on or before the due date.',
    columns: [
      { key: 'result', label: 'What became of them', unit: 'text' },
      { key: 'actions', label: 'Actions', unit: 'count' },
    ],
    rows: [
      ...ACTION_RESULTS.map((r, i) => ({ key: r, cells: { result: text(ACTION_LABELS[r] ?? r), actions: book.count(actionIds[i] as string, actionValues[i] ?? 0) } })),
      { key: 'all', total: true as const, cells: { result: text('All actions settled'), actions: actionsAll } },
    ],
  });
  book.sum('actions/all', actionIds);

  // Extensions, suspensions, reopenings.
  const smallTable = (id: string, title: string, note: string, column: string, keys: readonly string[], labels: Readonly<Record<string, string>>, metric: typeof METRIC.extension | typeof METRIC.suspension | typeof METRIC.reopening, totalLabel: string) => {
    const ids = keys.map((k) => `${id}/${k}`);
    const values = keys.map((k) => f.get(metric, k));
    const total = book.count(`${id}/all`, values.reduce((s, n) => s + n, 0));
    tables.push({
      id,
      title,
      note,
      columns: [
        { key: 'kind', label: 'Kind', unit: 'text' },
        { key: column, label: column[0]!.toUpperCase() + column.slice(1), unit: 'count' },
      ],
      rows: [
        ...keys.map((k, i) => ({ key: k, cells: { kind: text(labels[k] ?? k), [column]: book.count(ids[i] as string, values[i] ?? 0) } })),
        { key: 'all', total: true as const, cells: { kind: text(totalLabel), [column]: total } },
      ],
    });
    book.sum(`${id}/all`, ids);
    return total;
  };
  const extensions = smallTable('extensions', 'Deadline extensions', 'Extensions granted in the year.', 'extensions', EXTENSION_KINDS, EXTENSION_LABELS, METRIC.extension, 'All extensions');
  const suspensions = smallTable(
    'suspensions',
    'Suspensions',
    'Cases suspended by consent in the year, and suspensions renewed while a case was suspended.',
    'suspensions',
    ['new', 'renewal'],
    { new: 'Suspensions begun', renewal: 'Renewals' },
    METRIC.suspension,
    'All suspensions',
  );
  const reopenings = smallTable(
    'reopenings',
    'Requests to reopen a closed case',
    'Requests made in the year, and what the chair had decided by its end.',
    'requests',
    ['granted', 'refused', 'undecided'],
    REOPENING_LABELS,
    METRIC.reopening,
    'All requests',
  );

  // Clause checks 3.2 and 3.4, for the cases opened in the year that cite them.
  tables.push({
    id: 'clause-checks',
    title: 'Notice and consultation checks',
    note: 'For the cases opened in the year that cite clause 3.2 or 3.4, whether the dates they recorded meet the undertaking.',
    columns: [
      { key: 'check', label: 'Check', unit: 'text' },
      { key: 'met', label: 'Met', unit: 'cases' },
      { key: 'not-met', label: 'Not met', unit: 'cases' },
      { key: 'not-checkable', label: 'Not checkable', unit: 'cases' },
      { key: 'cases', label: 'Cases citing the clause', unit: 'cases' },
    ],
    rows: (['3.2', '3.4'] as const).map((clause) => {
      const total = `checks/${clause}/all`;
      const citing = CHECK_RESULTS.reduce((s, r) => s + f.get(METRIC.openedCheck, clause, r), 0);
      // The same number as the clause's cases opened: one figure, so that both tables hide it together.
      const sameAsClause = clauseColumnShown('opened') && clauseIds.includes(clause) && f.get(METRIC.openedClause, clause) === citing;
      const clauseOpened = sameAsClause ? `clause/${clause}/opened` : total;
      book.sum(clauseOpened, CHECK_RESULTS.map((r) => `checks/${clause}/${r}`));
      return {
        key: clause,
        cells: {
          check: text(CHECK_LABELS[clause] ?? clause),
          ...Object.fromEntries(CHECK_RESULTS.map((r) => [r, book.count(`checks/${clause}/${r}`, f.get(METRIC.openedCheck, clause, r))])),
          cases: book.count(clauseOpened, citing),
        },
      };
    }),
  });

  // Lessons.
  const lessonClauses = f.dims(METRIC.lesson).sort((a, b) => (a === '' ? 1 : b === '' ? -1 : byClause(a, b)));
  const lessonsAll = book.count('lessons/all', lessonClauses.reduce((s, c) => s + f.get(METRIC.lesson, c), 0));
  tables.push({
    id: 'lessons',
    title: 'Lessons recorded, by clause',
    note: 'Lessons the secretariat, the chair, mediators and panels recorded in the year, by the clause they were about.',
    columns: [
      { key: 'clause', label: 'Clause', unit: 'text' },
      { key: 'description', label: 'Undertaking', unit: 'text' },
      { key: 'lessons', label: 'Lessons', unit: 'count' },
    ],
    rows: [
      ...lessonClauses.map((c) => ({
        key: c === '' ? 'none' : c,
        cells: {
          clause: text(c === '' ? 'None' : c),
          description: text(c === '' ? 'Not about one clause' : (compactClause(c)?.description ?? '')),
          lessons: book.count(`lessons/${c === '' ? 'none' : c}`, f.get(METRIC.lesson, c)),
        },
      })),
      { key: 'all', total: true as const, cells: { clause: text('All'), description: text(''), lessons: lessonsAll } },
    ],
  });
  book.sum('lessons/all', lessonClauses.map((c) => `lessons/${c === '' ? 'none' : c}`));

  if (cdg) tables.push(...organisationTables(f, source, year));

  const headline: Headline[] = [
    { key: 'cases-opened', label: 'Cases opened', unit: 'cases', cell: opened },
    { key: 'cases-closed', label: 'Cases closed', unit: 'cases', cell: closed },
    { key: 'open-at-year-end', label: 'Open at the end of the year', unit: 'cases', cell: openAtEnd },
    { key: 'urgent-track', label: 'Opened on the urgent track', unit: 'cases', cell: urgent },
    { key: 'median-days-to-closure', label: 'Median working days to closure', unit: 'working days', cell: medianToClosure },
    { key: 'p90-days-to-closure', label: '90th percentile working days to closure', unit: 'working days', cell: p90ToClosure },
    { key: 'deadlines-met', label: 'Deadlines met', unit: 'percent', cell: metShare },
    { key: 'actions-on-time', label: 'Agreed actions completed on time', unit: 'percent', cell: onTimeShare },
    { key: 'extensions', label: 'Deadline extensions', unit: 'count', cell: extensions },
    { key: 'suspensions', label: 'Suspensions', unit: 'count', cell: suspensions },
    { key: 'reopening-requests', label: 'Requests to reopen', unit: 'count', cell: reopenings },
    { key: 'lessons', label: 'Lessons recorded', unit: 'count', cell: lessonsAll },
    { key: 'notice-not-met', label: 'Notice checks (3.2) not met', unit: 'cases', cell: { count: 'checks/3.2/not-met' } },
    { key: 'consultation-not-met', label: 'Consultation checks (3.4) not met', unit: 'cases', cell: { count: 'checks/3.4/not-met' } },
  ];
  return { year, book, tables, headline };
}

/** CDG edition only: each organisation named, with its cases and its deadlines, and repeat late respondents. */
function organisationTables(f: YearFigures, source: ReportSource, year: number): DraftTable[] {
  const names = new Map(source.organisations.map((o) => [o.organisationId, o]));
  const ids = [
    ...new Set([
      ...f.dims(METRIC.openedComplainant),
      ...f.dims(METRIC.openedRespondent),
      ...f.dims(METRIC.deadlineOrganisation),
      ...f.dims(METRIC.lateRespondentCases),
    ]),
  ];
  const nameOf = (id: string) => names.get(id)?.name ?? id;
  ids.sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'en-GB') || a.localeCompare(b));
  const late = ids.filter((id) => f.get(METRIC.lateRespondentCases, id) >= 2);
  const cell = (n: number): DraftCell => ({ derived: n, from: [] });
  const lessons = source.lessons.filter((l) => reportingPeriod(year).from <= l.recordedOn && l.recordedOn <= reportingPeriod(year).to).slice(0, LESSONS_LISTED);
  return [
    {
      id: 'organisations',
      title: 'Organisations: cases and deadlines',
      note: 'For the CDG only. Cases opened in the year each organisation was party to, and the deadlines it owed that were met or missed in the year.',
      columns: [
        { key: 'organisation', label: 'Organisation', unit: 'text' },
        { key: 'complainant', label: 'Cases as complainant', unit: 'cases' },
        { key: 'respondent', label: 'Cases as respondent', unit: 'cases' },
        { key: 'deadlines-met', label: 'Deadlines met', unit: 'count' },
        { key: 'deadlines-missed', label: 'Deadlines missed', unit: 'count' },
        { key: 'percent-met', label: 'Met (%)', unit: 'percent' },
        { key: 'late-as-respondent', label: 'Cases late as respondent', unit: 'cases' },
      ],
      rows: ids.map((id) => {
        const met = f.get(METRIC.deadlineOrganisation, id, 'met');
        const missed = f.get(METRIC.deadlineOrganisation, id, 'missed');
        return {
          key: id,
          cells: {
            organisation: text(nameOf(id)),
            complainant: cell(f.get(METRIC.openedComplainant, id)),
            respondent: cell(f.get(METRIC.openedRespondent, id)),
            'deadlines-met': cell(met),
            'deadlines-missed': cell(missed),
            'percent-met': cell(percent(met, met + missed) as number),
            'late-as-respondent': cell(f.get(METRIC.lateRespondentCases, id)),
          },
        };
      }),
    },
    {
      id: 'repeat-late-respondents',
      title: 'Repeat late respondents',
      note: 'For the CDG only. Organisations that missed a deadline they owed as a respondent in two or more cases in the year.',
      columns: [
        { key: 'organisation', label: 'Organisation', unit: 'text' },
        { key: 'cases', label: 'Cases with a missed deadline', unit: 'cases' },
        { key: 'missed', label: 'Deadlines missed as respondent', unit: 'count' },
      ],
      rows: late.map((id) => ({
        key: id,
        cells: { organisation: text(nameOf(id)), cases: cell(f.get(METRIC.lateRespondentCases, id)), missed: cell(f.get(METRIC.lateRespondentMissed, id)) },
      })),
    },
    {
      id: 'lesson-texts',
      title: 'The lessons recorded',
      note: `For the CDG only. Each lesson recorded in the year, in the order they were recorded (the first ${LESSONS_LISTED}), as written.`,
      columns: [
        { key: 'clause', label: 'Clause', unit: 'text' },
        { key: 'recorded-on', label: 'Recorded on', unit: 'date' },
        { key: 'case', label: 'Case', unit: 'text' },
        { key: 'lesson', label: 'Lesson', unit: 'text' },
      ],
      rows: [
        ...lessons.map((l) => ({
          key: `${l.caseId}/${l.lessonId}`,
          cells: { clause: text(l.clause ?? 'None'), 'recorded-on': text(l.recordedOn), case: text(l.caseId), lesson: text(l.text) },
        })),
        ...(source.lessonCount > lessons.length
          ? [{ key: 'more', total: true as const, cells: { clause: text(''), 'recorded-on': text(''), case: text(''), lesson: text(`${source.lessonCount - lessons.length} more lessons are not listed here; each case’s history holds them.`) } }]
          : []),
      ],
    },
  ];
}
