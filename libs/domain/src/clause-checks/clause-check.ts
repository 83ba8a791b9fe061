import type { IsoDate } from '../calendar/iso-date.js';
import { checkConsultation } from './consultation-check.js';
import { checkNotice } from './notice-check.js';

export type ClauseCheckResult = 'met' | 'not-met' | 'not-checkable';

/** The arithmetic clauses the system can check; everything else is for people to judge. */
export type CheckableClause = '3.2' | '3.4';

export interface ClauseCheck {
  readonly clause: CheckableClause;
  readonly result: ClauseCheckResult;
  /** One sentence naming the dates, fit to show on the case as it is. */
  readonly detail: string;
  /** The inputs and derived dates, so the report and the audit trail need no re-computation. */
  readonly dates: Record<string, string | boolean | null>;
}

/** Dates a dispute may record for the clause checks; all optional because parties often lack some. */
export interface ClauseDates {
  /** 3.2: the day notice of the change was received. */
  noticeReceived?: IsoDate;
  /** 3.2: the day the change took (or will take) effect. */
  changeEffective?: IsoDate;
  /** 3.2: both sides recorded written agreement to shorter notice (true, or the day they agreed). */
  shorterNoticeAgreed?: boolean | IsoDate;
  /** 3.4: the day consultation materials were received. */
  consultationOpened?: IsoDate;
  /** 3.4: the day the consultation closed. */
  consultationClosed?: IsoDate;
  /** 3.4: the recorded reason for a period shorter than 12 weeks. */
  shorterConsultationReason?: string;
}

const CHECKS: ReadonlyArray<readonly [CheckableClause, (dates: ClauseDates) => ClauseCheck]> = [
  ['3.2', checkNotice],
  ['3.4', checkConsultation],
];

/** One check per cited checkable clause, always in clause order, ignoring duplicates and other clauses. */
export function checkClauses(clauses: readonly string[], dates: ClauseDates): ClauseCheck[] {
  const cited = new Set(clauses.map((clause) => clause.trim()));
  return CHECKS.filter(([clause]) => cited.has(clause)).map(([, check]) => check(dates));
}
