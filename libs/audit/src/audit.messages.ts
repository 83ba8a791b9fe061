import { Query } from '@nestjs/cqrs';
import { type Principal } from '#application';
import { type Checkpoint } from '#event-store';
import { type CaseBundle } from './bundle/case-bundle.js';
import { type LogVerification } from './log-audit.js';
import { type ProjectionCheck } from './projection-check.js';

/* What the edge (HTTP) asks of the audit side. Plain readonly envelopes. */

/** GET /audit/verify: every stream's hash chain, or one case's. */
export class VerifyLog extends Query<LogVerification> {
  constructor(
    readonly principal: Principal,
    readonly caseId?: string,
  ) {
    super();
  }
}

/** GET /audit/checkpoint: the log's heads, signed. */
export class GetCheckpoint extends Query<Checkpoint> {
  constructor(
    readonly principal: Principal,
    readonly position?: bigint,
  ) {
    super();
  }
}

/** GET /audit/public-key: the key checkpoints are signed with. */
export class GetSigningPublicKey extends Query<{ readonly algorithm: 'Ed25519'; readonly publicKey: string; readonly fingerprint: string }> {}

/** GET /disputes/{id}/bundle: the case's events, chain, signed head and timeline, as the caller may read them. */
export class GetCaseBundle extends Query<CaseBundle> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
  ) {
    super();
  }
}

/** GET /audit/projections: the read models rebuilt from the log and compared with the live ones. */
export class CheckProjections extends Query<ProjectionCheck> {
  constructor(readonly principal: Principal) {
    super();
  }
}
