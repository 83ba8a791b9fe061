import { ForbiddenError, UnauthenticatedError, ValidationError } from '#core';
import { type Role, type WorkingDayCalendar } from '#domain';
import { type EventStore } from '#event-store';
import { REPORT_PROJECTION, type ReadModels, ReportReadModel } from '#projections';
import { type AnnualReport, buildAnnualReport, type Edition, FIRST_REPORTING_YEAR, reportingYearOf } from '#reporting';
import { type Clock } from '../clock.js';
import { type Principal } from '../principal.js';
import { engineVersion } from './engine-version.js';
import { type LogProgress, reportModelAsOf } from './report-from-log.js';

/** api.md: the CDG edition is for the secretariat, the chair and auditors; the public edition for anyone. */
export const CDG_EDITION_READERS: readonly Role[] = ['secretariat', 'chair', 'auditor'];

export interface AnnualReportRequest {
  readonly year: number;
  readonly edition: Edition;
  /** Recompute from the log as of this global position instead of reading the live read model. */
  readonly asOf?: bigint;
}

const LIVE_WAIT_MS = 2_000;
/** Recomputed read models kept for repeated asOf requests (each holds one in-memory SQLite file). */
const KEPT_RECOMPUTATIONS = 2;

/**
 * GET /reports/annual/{year}: who may read which edition, which years exist, and the figures as of
 * the live read model (once it has caught up with the log) or recomputed from the log as of a position.
 */
export class AnnualReportQueries {
  private readonly recomputed = new Map<bigint, Promise<{ model: ReportReadModel; close(): void }>>();

  constructor(
    private readonly readModels: ReadModels,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** Refuses what the caller may not read, with 401 for no token and 403 for a role that may not. */
  authorise(principal: Principal | null, edition: Edition): void {
    if (edition === 'public') return;
    if (principal === null) throw new UnauthenticatedError('The CDG edition of the annual report needs a bearer token; anyone may read edition=public.');
    if (!principal.roles.some((r) => CDG_EDITION_READERS.includes(r))) {
      throw new ForbiddenError('The CDG edition of the annual report is for the secretariat, the chair and auditors; anyone may read edition=public.', 'REPORT.CDG_EDITION_ONLY');
    }
  }

  /** The reporting years there can be a report of: from the Compact's first to the one under way. */
  yearRange(): { readonly first: number; readonly last: number } {
    return { first: FIRST_REPORTING_YEAR, last: reportingYearOf(this.calendar.londonDate(this.clock.now().toISOString())) };
  }

  async report(principal: Principal | null, request: AnnualReportRequest, onProgress?: (p: LogProgress) => void): Promise<AnnualReport> {
    const { first, last } = this.yearRange();
    if (!Number.isInteger(request.year) || request.year < first || request.year > last) {
      throw new ValidationError(`There is no annual report for ${request.year}: reporting years run from ${first} to ${last} (April to March).`, [
        { field: 'year', message: `must be a reporting year from ${first} to ${last}` },
      ]);
    }
    this.authorise(principal, request.edition);
    const { position, source } = request.asOf === undefined ? await this.live(request.year) : await this.asOf(request.asOf, request.year, onProgress);
    return buildAnnualReport(source, {
      year: request.year,
      edition: request.edition,
      logPosition: position,
      engineVersion: engineVersion(),
      calendar: this.calendar.version,
    });
  }

  private async live(year: number) {
    const head = await this.store.headPosition();
    await this.readModels.waitFor(head, LIVE_WAIT_MS, [REPORT_PROJECTION]);
    return new ReportReadModel(() => this.readModels.db(REPORT_PROJECTION)).read(year);
  }

  private async asOf(asOf: bigint, year: number, onProgress?: (p: LogProgress) => void) {
    const head = await this.store.headPosition();
    if (asOf < 0n || asOf > head) {
      throw new ValidationError(`asOf ${asOf} is beyond the log, whose last position is ${head}.`, [{ field: 'asOf', message: `must be a log position from 0 to ${head}` }]);
    }
    let built = this.recomputed.get(asOf);
    if (!built) {
      built = reportModelAsOf(this.store, this.calendar, asOf, onProgress);
      this.recomputed.set(asOf, built);
      built.catch(() => this.recomputed.delete(asOf));
      while (this.recomputed.size > KEPT_RECOMPUTATIONS) {
        const [oldest, evicted] = this.recomputed.entries().next().value as [bigint, Promise<{ close(): void }>];
        this.recomputed.delete(oldest);
        void evicted.then((m) => m.close(), () => undefined);
      }
    }
    return (await built).model.read(year);
  }

  /** Closes the recomputed read models (on shutdown). */
  async close(): Promise<void> {
    const kept = [...this.recomputed.values()];
    this.recomputed.clear();
    await Promise.all(kept.map((p) => p.then((m) => m.close(), () => undefined)));
  }
}
