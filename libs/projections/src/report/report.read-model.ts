import type Database from 'better-sqlite3';
import { LESSONS_LISTED, type Metric, type ReportLesson, type ReportOrganisation, type ReportSource, reportingPeriod, type TotalRow } from '#reporting';
import { storedCheckpoint } from '../projection-runner.js';
import { statement } from '../statement-cache.js';
import { REPORT_PROJECTION } from './report.projection.js';

/**
 * Reads what the annual report of a year is built from: the sums of the year and the year before,
 * the level sums up to the year, the signatories, and the year's lessons. A few hundred rows,
 * whatever the number of cases.
 */
export class ReportReadModel {
  constructor(private readonly db: () => Database.Database) {}

  /** The year's source and the log position it reflects, read in one transaction so that both agree. */
  read(year: number): { readonly position: bigint; readonly source: ReportSource } {
    const db = this.db();
    return db.transaction(() => ({ position: storedCheckpoint(db, REPORT_PROJECTION), source: this.sourceFor(db, year) }))();
  }

  private sourceFor(db: Database.Database, year: number): ReportSource {
    const totals = (
      statement(
        db,
        `SELECT year, metric, dim1, dim2, value FROM report_totals
         WHERE year IN (?, ?) OR (year <= ? AND metric LIKE 'level.%')
         ORDER BY year, metric, dim1, dim2`,
      ).all(year, year - 1, year) as { year: number; metric: string; dim1: string; dim2: string; value: number }[]
    ).map((r): TotalRow => ({ year: r.year, metric: r.metric as Metric, dim1: r.dim1, dim2: r.dim2, value: r.value }));
    const organisations = (
      statement(db, 'SELECT organisation_id, name, sector, type, signed_on, left_on FROM report_organisations ORDER BY organisation_id').all() as {
        organisation_id: string;
        name: string;
        sector: string;
        type: string;
        signed_on: string;
        left_on: string | null;
      }[]
    ).map(
      (r): ReportOrganisation => ({
        organisationId: r.organisation_id,
        name: r.name,
        sector: r.sector as ReportOrganisation['sector'],
        type: r.type,
        signedOn: r.signed_on,
        leftOn: r.left_on,
      }),
    );
    const { from, to } = reportingPeriod(year);
    const lessons = (
      statement(
        db,
        'SELECT case_id, lesson_id, recorded_on, clause, text FROM report_lessons WHERE recorded_on BETWEEN ? AND ? ORDER BY recorded_on, case_id, lesson_id LIMIT ?',
      ).all(from, to, LESSONS_LISTED) as { case_id: string; lesson_id: string; recorded_on: string; clause: string | null; text: string }[]
    ).map((r): ReportLesson => ({ caseId: r.case_id, lessonId: r.lesson_id, recordedOn: r.recorded_on, clause: r.clause, text: r.text }));
    const lessonCount = statement(db, 'SELECT count(*) AS n FROM report_lessons WHERE recorded_on BETWEEN ? AND ?').get(from, to) as { n: number };
    const log = statement(db, 'SELECT last_event_at FROM report_log WHERE id = 1').get() as { last_event_at: string | null } | undefined;
    return { totals, organisations, lessons, lessonCount: lessonCount.n, lastEventAt: log?.last_event_at ?? null };
  }
}
