import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseBundles } from './bundle/case-bundle.js';
import { CheckProjections, GetCaseBundle, GetCheckpoint, GetSigningPublicKey, VerifyLog } from './audit.messages.js';
import { LogAudit } from './log-audit.js';
import { ProjectionAudit } from './projection-audit.js';

/* Thin bus handlers: the work is in LogAudit, CaseBundles and ProjectionAudit. */

@QueryHandler(VerifyLog)
export class VerifyLogHandler implements IQueryHandler<VerifyLog> {
  constructor(@Inject(LogAudit) private readonly audit: LogAudit) {}
  execute(q: VerifyLog) {
    return this.audit.verify(q.principal, q.caseId === undefined ? {} : { caseId: q.caseId });
  }
}

@QueryHandler(GetCheckpoint)
export class GetCheckpointHandler implements IQueryHandler<GetCheckpoint> {
  constructor(@Inject(LogAudit) private readonly audit: LogAudit) {}
  execute(q: GetCheckpoint) {
    return this.audit.checkpoint(q.principal, q.position);
  }
}

@QueryHandler(GetSigningPublicKey)
export class GetSigningPublicKeyHandler implements IQueryHandler<GetSigningPublicKey> {
  constructor(@Inject(LogAudit) private readonly audit: LogAudit) {}
  async execute() {
    return this.audit.publicKey();
  }
}

@QueryHandler(GetCaseBundle)
export class GetCaseBundleHandler implements IQueryHandler<GetCaseBundle> {
  constructor(@Inject(CaseBundles) private readonly bundles: CaseBundles) {}
  execute(q: GetCaseBundle) {
    return this.bundles.bundle(q.principal, q.caseId);
  }
}

@QueryHandler(CheckProjections)
export class CheckProjectionsHandler implements IQueryHandler<CheckProjections> {
  constructor(@Inject(ProjectionAudit) private readonly projections: ProjectionAudit) {}
  execute(q: CheckProjections) {
    return this.projections.check(q.principal);
  }
}

export const AUDIT_HANDLERS = [VerifyLogHandler, GetCheckpointHandler, GetSigningPublicKeyHandler, GetCaseBundleHandler, CheckProjectionsHandler];
