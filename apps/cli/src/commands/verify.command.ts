import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Command } from 'commander';
import { SystemClock } from '#application';
import { type ChainBeginning, CLI_OPERATOR, CASE_BUNDLE_FORMAT, type FailureView, LogAudit, verifyBundle, withCaseId } from '#audit';
import { type Checkpoint, CHECKPOINT_FORMAT, LOG_EXPORT_FORMAT, loadOrCreateSigningKey, openExportFile, readCheckpoint, verifyExport } from '#event-store';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { existingStoreFile, settingsFromEnvironment, withStore } from './data-dir.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { runCommand } from './run-command.js';

interface VerifyOptions extends OutputOptions {
  readonly case?: string;
  readonly file?: string;
  readonly checkpoint?: string;
  readonly trust?: string;
}

/**
 * `verify`: the hash chain of the data directory's store (every stream, or `--case`), or, with
 * `--file`, of an export or a case bundle on its own (no data directory, no server), against an
 * earlier checkpoint when given.
 */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check the hash chain and name every event that was changed, removed, reordered or inserted: of the store in DATA_DIR, or of an export or case bundle (--file) on its own, against an earlier signed checkpoint (--checkpoint)')
    .option('--case <id>', 'check only this case (in DATA_DIR)')
    .option('--file <path>', 'check this export (.ndjson) or case bundle (.json) instead: needs no data directory and no server')
    .option('--checkpoint <path>', 'with --file: also prove the history up to this checkpoint (GET /audit/checkpoint, cli checkpoint) was not rewritten since')
    .option('--trust <fingerprint>', 'accept only checkpoints signed by this key (its fingerprint, as GET /audit/public-key gives it)')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(runCommand((options: VerifyOptions) => (options.file === undefined ? verifyDataDir(options) : verifyFile(options.file, options))));
}

async function verifyDataDir(options: VerifyOptions): Promise<ExitCode> {
  if (options.checkpoint !== undefined) throw new CliError('--checkpoint goes with --file: export the log first (cli export), then verify the file against it.', EXIT.usage);
  const settings = settingsFromEnvironment();
  const output = new Output(options);
  existingStoreFile(settings);
  const key = loadOrCreateSigningKey(settings.dataDir);
  const progress = output.progress('Verifying');
  const report = await withStore(settings, (store) =>
    new LogAudit(store, key, new SystemClock()).verify(CLI_OPERATOR, { ...(options.case !== undefined && { caseId: options.case }), onProgress: (p) => progress.update(p.position, p.head) }),
  );
  progress.stop();
  output.answer({ ...report, signingKey: { fingerprint: key.fingerprint, publicKey: key.publicKeyPem } }, () => [
    `${report.ok ? '✓' : '✗'} ${report.caseId ? `Case ${report.caseId}: ` : ''}${report.events} events in ${report.streams} stream${report.streams === 1 ? '' : 's'}, to position ${report.head}: ${report.ok ? 'every chain holds.' : failuresCount(report.failures.length + report.failuresNotListed)}`,
    ...failureLines(report.failures, report.failuresNotListed),
    beginningLine(report.chain),
    `Checkpoints from this data directory are signed by ${key.fingerprint} (GET /audit/public-key):`,
    key.publicKeyPem.trimEnd(),
  ]);
  return report.ok ? EXIT.ok : EXIT.findings;
}

async function verifyFile(path: string, options: VerifyOptions): Promise<ExitCode> {
  if (options.case !== undefined) throw new CliError('--case checks a case in DATA_DIR; a case bundle (--file) holds one case already.', EXIT.usage);
  const output = new Output(options);
  const checkpoint = options.checkpoint === undefined ? undefined : await readCheckpointFile(options.checkpoint, options.trust);
  const format = await formatOf(path);
  if (format === CASE_BUNDLE_FORMAT) {
    const report = verifyBundle(JSON.parse(await readFile(path, 'utf8')), { ...(checkpoint && { checkpoint }), ...(options.trust !== undefined && { trustedFingerprint: options.trust }) });
    output.answer({ file: path, kind: 'case bundle', ...report }, () => [
      `${report.ok ? '✓' : '✗'} Case bundle ${path}: case ${report.caseId}, ${report.events} events${report.withheld > 0 ? ` (${report.withheld} withheld from its reader: CDG-only, checked through their seals)` : ''}: ${report.failures.length === 0 ? 'the chain holds.' : failuresCount(report.failures.length)}`,
      ...failureLines(report.failures, 0),
      report.signature.ok
        ? `Its head is signed by ${report.signature.fingerprint}${options.trust ? ' (the key you trust).' : ': compare with GET /audit/public-key, or pass --trust <fingerprint>.'}`
        : `✗ Its signature does not hold: ${report.signature.reason}.`,
      ...checkpointLines(report.checkpoint, options.trust, report.failures.length === 0),
    ]);
    return report.ok ? EXIT.ok : EXIT.findings;
  }
  const file = await openExportFile(path);
  const progress = output.progress('Verifying');
  const report = await verifyExport(file, { ...(checkpoint && { checkpoint }), onProgress: (p) => progress.update(p.position, p.head) });
  progress.stop();
  const failures = report.failures.map(withCaseId);
  output.answer({ file: path, kind: 'log export', ...report, failures, headsAt: undefined, heads: { position: report.heads.position, events: report.heads.events, logHash: report.heads.logHash } }, () => [
    `${report.ok ? '✓' : '✗'} Export ${path}: ${report.events} events in ${report.streams} streams, to position ${report.heads.position}: ${report.ok ? 'every chain holds.' : failuresCount(report.failures.length + report.failuresNotListed)}`,
    ...failureLines(failures, report.failuresNotListed),
    ...checkpointLines(report.checkpoint, options.trust, failures.length === 0),
    `Log hash at position ${report.heads.position}: ${report.heads.logHash}`,
  ]);
  return report.ok ? EXIT.ok : EXIT.findings;
}

/** The export's first line names its format; a bundle is one JSON document. */
async function formatOf(path: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = '';
  try {
    for await (const line of lines) {
      first = line;
      break;
    }
  } finally {
    lines.close();
  }
  const inFirstLine = /"format"\s*:\s*"([^"]+)"/.exec(first)?.[1];
  if (inFirstLine === LOG_EXPORT_FORMAT) return LOG_EXPORT_FORMAT;
  let whole: unknown;
  try {
    whole = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new CliError(`${path} is neither a log export (${LOG_EXPORT_FORMAT}, one JSON object a line) nor a case bundle (${CASE_BUNDLE_FORMAT}).`);
  }
  const format = (whole as { format?: unknown } | null)?.format;
  if (format === CHECKPOINT_FORMAT) throw new CliError(`${path} is a checkpoint: give it with --checkpoint, and the export or bundle with --file.`, EXIT.usage);
  if (format !== CASE_BUNDLE_FORMAT) throw new CliError(`${path} is neither a log export (${LOG_EXPORT_FORMAT}) nor a case bundle (${CASE_BUNDLE_FORMAT}).`);
  return CASE_BUNDLE_FORMAT;
}

async function readCheckpointFile(path: string, trust: string | undefined): Promise<Checkpoint> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new CliError(`${path} is not a checkpoint (not JSON).`);
  }
  const reading = readCheckpoint(value, trust);
  if (!reading.ok) throw new CliError(`✗ The checkpoint ${path} cannot be relied on: ${reading.reason}.`, EXIT.findings);
  return reading.checkpoint;
}

const failuresCount = (n: number): string => `${n} failure${n === 1 ? '' : 's'}.`;

function failureLines(failures: readonly FailureView[], notListed: number): string[] {
  return [...failures.map((f) => `  ✗ ${f.kind}${f.caseId ? ` (case ${f.caseId})` : ''}: ${f.detail}`), ...(notListed > 0 ? [`  … and ${notListed} more.`] : [])];
}

function beginningLine(chain: ChainBeginning): string {
  if (chain.sealedByUpgrade === null) return 'The chain begins at position 1: every event was sealed as it was written.';
  const u = chain.sealedByUpgrade;
  return `The chain begins at position 1, but positions 1 to ${u.throughPosition} (${u.events} events) were sealed on ${u.at} by the upgrade that brought the chain, so a change made to them before then cannot show; every event from position ${chain.sealedOnAppendFrom} on was sealed as it was written.`;
}

function checkpointLines(checkpoint: { position: bigint; takenAt: string; fingerprint: string } | null, trust: string | undefined, chainHolds: boolean): string[] {
  if (checkpoint === null) return ['No checkpoint given: a history rewritten and sealed again from scratch would pass. Keep checkpoints (GET /audit/checkpoint) and verify against one with --checkpoint.'];
  return [
    `Checked against the checkpoint of position ${checkpoint.position}, taken ${checkpoint.takenAt}, signed by ${checkpoint.fingerprint}${trust ? ' (the key you trust)' : ' (not checked against a key you trust: pass --trust <fingerprint>)'}${chainHolds ? '.' : ': see the failures above.'}`,
  ];
}
