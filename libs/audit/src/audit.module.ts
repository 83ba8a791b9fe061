import { Module } from '@nestjs/common';
import { AUDIT_HANDLERS } from './audit.handlers.js';
import { CaseBundles } from './bundle/case-bundle.js';
import { LogAudit } from './log-audit.js';
import { ProjectionAudit } from './projection-audit.js';
import { signingKeyProvider } from './signing-key.provider.js';

/**
 * The auditors' side: verifying the hash chain, signed checkpoints, case bundles, and the read
 * models checked against the log. Sits beside the (global) ApplicationModule, whose store, clock,
 * settings and queries it uses; the signing key is made in the data directory on the first start.
 */
@Module({
  providers: [signingKeyProvider, LogAudit, CaseBundles, ProjectionAudit, ...AUDIT_HANDLERS],
  exports: [LogAudit, CaseBundles, ProjectionAudit],
})
export class AuditModule {}
