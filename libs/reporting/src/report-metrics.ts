/**
 * The counters the report projection keeps, per reporting year. Each case contributes to some of
 * them (case-contribution.ts); the projection keeps their sums; the report reads the sums of one
 * year. `dim1` and `dim2` break a counter down ('' when unused).
 */
export const METRIC = {
  opened: 'opened',
  openedUrgent: 'opened.urgent',
  openedDirection: 'opened.direction',
  openedClause: 'opened.clause',
  /** dim1: sector:type of the complainant. */
  openedComplainantType: 'opened.complainant-type',
  /** dim1: sector:type, once per respondent. */
  openedRespondentType: 'opened.respondent-type',
  openedComplainant: 'opened.complainant',
  openedRespondent: 'opened.respondent',
  /** dim1: clause (3.2, 3.4), dim2: met | not-met | not-checkable. */
  openedCheck: 'opened.check',
  closed: 'closed',
  closedOutcome: 'closed.outcome',
  closedHighestStage: 'closed.highest-stage',
  closedDirection: 'closed.direction',
  closedClause: 'closed.clause',
  /** Levels: +1 in the year an open spell starts, -1 in the year it ends; the sum up to a year is what was open at its end. */
  levelOpen: 'level.open',
  levelOpenDirection: 'level.open.direction',
  levelOpenClause: 'level.open.clause',
  /** dim1: stage 1–3, dim2: working days (a histogram). */
  durationStage: 'duration.stage',
  /** dim2: working days from raising to closure. */
  durationClosure: 'duration.closure',
  /** dim1: step, dim2: met | missed. */
  deadlineStep: 'deadline.step',
  /** dim1: organisation owing it, dim2: met | missed. */
  deadlineOrganisation: 'deadline.organisation',
  /** dim1: organisation; cases in which it missed a deadline it owed as a respondent. */
  lateRespondentCases: 'late-respondent.cases',
  /** dim1: organisation; deadlines it missed as a respondent. */
  lateRespondentMissed: 'late-respondent.missed',
  /** dim1: on-time | late | missed | unfinished. */
  action: 'action',
  /** dim1: respondent | consent. */
  extension: 'extension',
  /** dim1: new | renewal. */
  suspension: 'suspension',
  /** dim1: granted | refused | undecided (by the end of the year the request was made in). */
  reopening: 'reopening',
  /** dim1: clause, '' for none. */
  lesson: 'lesson',
} as const;

export type Metric = (typeof METRIC)[keyof typeof METRIC];

/** One counter of one year. */
export interface TotalKey {
  readonly year: number;
  readonly metric: Metric;
  readonly dim1: string;
  readonly dim2: string;
}

export interface TotalRow extends TotalKey {
  readonly value: number;
}

const SEP = '\u001f';

export const encodeTotalKey = (k: TotalKey): string => [k.year, k.metric, k.dim1, k.dim2].join(SEP);

export function decodeTotalKey(key: string): TotalKey {
  const [year, metric, dim1, dim2] = key.split(SEP);
  return { year: Number(year), metric: metric as Metric, dim1: dim1 ?? '', dim2: dim2 ?? '' };
}

/** Direction of a case between sectors: across when any respondent is of the other sector. */
export const DIRECTIONS = ['vcs-to-statutory', 'statutory-to-vcs', 'within-sector'] as const;
export type Direction = (typeof DIRECTIONS)[number];
