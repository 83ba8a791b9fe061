import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, RuleViolationError } from '#core';
import { CLOCK, type Clock, type Principal } from '#application';
import { caseIdOfStream, disputeStream } from '#events';
import {
  type ChainFailure,
  type Checkpoint,
  EVENT_STORE,
  type EventStore,
  signCheckpoint,
  type SigningKey,
  type VerificationProgress,
  verifyStore,
  verifyStoredStream,
} from '#event-store';
import { assertAuditor } from './operator.js';
import { SIGNING_KEY } from './signing-key.provider.js';

/** A failure as the API and the CLI show it: the case id beside a case's stream. */
export interface FailureView extends ChainFailure {
  readonly caseId: string | null;
}

/** Where the chain's evidence starts (see ChainOrigin in the event store port). */
export interface ChainBeginning {
  /** From this position on, every event was sealed as it was written. */
  readonly sealedOnAppendFrom: bigint;
  /** Events sealed by the upgrade that brought the chain, after they were written; null when none. */
  readonly sealedByUpgrade: { readonly throughPosition: bigint; readonly events: number; readonly at: string } | null;
}

/** GET /audit/verify and `cli verify`: api.md's `{ ok, streams, events, failures }` and where the chain begins. */
export interface LogVerification {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly failures: FailureView[];
  readonly failuresNotListed: number;
  /** The last position checked. */
  readonly head: bigint;
  /** Only when one case was checked. */
  readonly caseId?: string;
  readonly chain: ChainBeginning;
  readonly checkedAt: string;
}

export const withCaseId = (failure: ChainFailure): FailureView => ({
  ...failure,
  caseId: failure.streamId === null ? null : caseIdOfStream(failure.streamId),
});

/** The integrity checks on the store: verification of the hash chain, signed checkpoints, the public key. */
@Injectable()
export class LogAudit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every stream's chain (or one case's), naming each event that broke it and how. Auditors only. */
  async verify(principal: Principal, options: { readonly caseId?: string; readonly onProgress?: (p: VerificationProgress) => void } = {}): Promise<LogVerification> {
    assertAuditor(principal, 'verify the log');
    const checkedAt = this.clock.now().toISOString();
    const chain = await this.chainBeginning();
    if (options.caseId !== undefined) {
      const checked = await verifyStoredStream(this.store, disputeStream(options.caseId));
      if (checked.events === 0) throw new NotFoundError(`No dispute ${options.caseId}.`, 'DISPUTE.NOT_FOUND');
      return { ok: checked.failures.length === 0, streams: 1, events: checked.events, failures: checked.failures.map(withCaseId), failuresNotListed: 0, head: await this.store.headPosition(), caseId: options.caseId, chain, checkedAt };
    }
    const report = await verifyStore(this.store, { ...(options.onProgress && { onProgress: options.onProgress }) });
    return { ok: report.ok, streams: report.streams, events: report.events, failures: report.failures.map(withCaseId), failuresNotListed: report.failuresNotListed, head: report.heads.position, chain, checkedAt };
  }

  /**
   * A checkpoint of the log as it stands (or as it stood at `position`), signed with the data
   * directory's key. Only a log that verifies is signed: a checkpoint vouches for what it covers.
   */
  async checkpoint(principal: Principal, position?: bigint): Promise<Checkpoint> {
    assertAuditor(principal, 'take checkpoints');
    const head = await this.store.headPosition();
    const upTo = position === undefined || position > head ? head : position;
    const report = await verifyStore(this.store, { upTo });
    if (!report.ok) {
      throw new RuleViolationError(`The log does not verify (${report.failures.length + report.failuresNotListed} failures; run GET /audit/verify): no checkpoint is signed over it.`, 'AUDIT.LOG_DOES_NOT_VERIFY');
    }
    return signCheckpoint(report.heads, this.key, this.clock.now().toISOString());
  }

  publicKey(): { readonly algorithm: 'Ed25519'; readonly publicKey: string; readonly fingerprint: string } {
    return { algorithm: 'Ed25519', publicKey: this.key.publicKeyPem, fingerprint: this.key.fingerprint };
  }

  get signingKey(): SigningKey {
    return this.key;
  }

  private async chainBeginning(): Promise<ChainBeginning> {
    const origin = (await this.store.chainOrigin?.()) ?? { sealedByUpgrade: null };
    return { sealedOnAppendFrom: (origin.sealedByUpgrade?.throughPosition ?? 0n) + 1n, sealedByUpgrade: origin.sealedByUpgrade };
  }
}
