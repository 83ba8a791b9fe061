import { type Sector } from '#domain';
import { type TotalRow } from './report-metrics.js';

/** A signatory as the log knows it: when it signed and, if it did, left the Compact. */
export interface ReportOrganisation {
  readonly organisationId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string;
  readonly signedOn: string;
  readonly leftOn: string | null;
}

export interface ReportLesson {
  readonly caseId: string;
  readonly lessonId: string;
  readonly recordedOn: string;
  readonly clause: string | null;
  readonly text: string;
}

/** The CDG edition lists lessons as written, up to this many (the first of the year): a report stays a report. */
export const LESSONS_LISTED = 500;

/** What the report of one year is built from: the report read model's sums, as of one log position. */
export interface ReportSource {
  /** Counters of the year and the year before, and level counters of every year up to the year. */
  readonly totals: readonly TotalRow[];
  readonly organisations: readonly ReportOrganisation[];
  /** The first LESSONS_LISTED lessons recorded in the year, by date (their text is for the CDG edition only). */
  readonly lessons: readonly ReportLesson[];
  /** How many lessons the year has in all. */
  readonly lessonCount: number;
  readonly lastEventAt: string | null;
}
