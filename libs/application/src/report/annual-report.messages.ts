import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type AnnualReport } from '#reporting';
import { type Principal } from '../principal.js';
import { type AnnualReportRequest, AnnualReportQueries } from './annual-report.queries.js';

/** GET /reports/annual/{year}: `principal` is null for a caller without a token (the public edition). */
export class GetAnnualReport extends Query<AnnualReport> {
  constructor(
    readonly principal: Principal | null,
    readonly request: AnnualReportRequest,
  ) {
    super();
  }
}

@QueryHandler(GetAnnualReport)
export class GetAnnualReportHandler implements IQueryHandler<GetAnnualReport> {
  constructor(@Inject(AnnualReportQueries) private readonly reports: AnnualReportQueries) {}
  execute(q: GetAnnualReport): Promise<AnnualReport> {
    return this.reports.report(q.principal, q.request);
  }
}
