import { type ChainFailure, compareFailures } from './chain-failure.js';
import { type Checkpoint, compareWithCheckpoint } from './checkpoint.js';
import { type ExportFile } from './log-export.js';
import { type VerificationReport, verifyLog, type VerifyOptions } from './log-verification.js';

export interface ExportVerification extends VerificationReport {
  /** Compared with this checkpoint (already read and its signature checked). */
  readonly checkpoint: { readonly position: bigint; readonly takenAt: string; readonly fingerprint: string } | null;
}

/**
 * Verifies an export file on its own (no store, no server): every stream's chain, the log's
 * positions, the end line (a file cut short, or an end line that does not sum up the events above
 * it), and, given a checkpoint signed earlier, that the history up to its position is the one it
 * signed.
 */
/** A stream whose chain is already reported broken differs from a checkpoint for that reason: say it once. */
export function beyondChain(fromCheckpoint: readonly ChainFailure[], chainFailures: readonly ChainFailure[]): ChainFailure[] {
  const broken = new Set(chainFailures.map((f) => f.streamId));
  return fromCheckpoint.filter((f) => f.streamId === null ? chainFailures.length === 0 : !broken.has(f.streamId));
}

export async function verifyExport(file: ExportFile, options: Omit<VerifyOptions, 'headsAt'> & { readonly checkpoint?: Checkpoint } = {}): Promise<ExportVerification> {
  const checkpoint = options.checkpoint;
  const report = await verifyLog(file, { ...options, ...(checkpoint && { headsAt: BigInt(checkpoint.position) }) });
  const extra: ChainFailure[] = [];
  const logFailure = (kind: ChainFailure['kind'], detail: string) => extra.push({ kind, streamId: null, revision: null, position: null, eventId: null, type: null, detail });
  const { end } = file;
  if (end === null) {
    logFailure('removed', `The file stops before its end line, after position ${report.heads.position}: events after it may be missing.`);
  } else if (end.events !== report.heads.events || BigInt(end.position) !== report.heads.position) {
    logFailure('removed', `The end line counts ${end.events} events to position ${end.position}; the file holds ${report.heads.events} to position ${report.heads.position}.`);
  } else if (end.logHash !== report.heads.logHash && report.ok) {
    // Only when no event explains it: a changed event changes the log hash too.
    logFailure('changed', 'The end line\'s log hash is not the one the events above it give: the file was changed after it was written.');
  }
  if (checkpoint) {
    const at = BigInt(checkpoint.position);
    if (report.heads.position < at) logFailure('removed', `The checkpoint covers the log to position ${at}; the file ends at ${report.heads.position}.`);
    else extra.push(...beyondChain(compareWithCheckpoint(report.headsAt ?? report.heads, checkpoint), report.failures));
  }
  const failures = [...report.failures, ...extra].sort(compareFailures);
  return {
    ...report,
    ok: failures.length === 0 && report.failuresNotListed === 0,
    failures,
    checkpoint: checkpoint ? { position: BigInt(checkpoint.position), takenAt: checkpoint.takenAt, fingerprint: checkpoint.signedBy.fingerprint } : null,
  };
}
