import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Command } from 'commander';
import { RuleViolationError } from '#core';
import { SystemClock } from '#application';
import { CaseBundles, CLI_OPERATOR, LogAudit } from '#audit';
import { exportLog, loadOrCreateSigningKey, storeLog } from '#event-store';
import { renderCaseTimelinePage, standalonePage } from '#web';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { settingsFromEnvironment, withApplication, withStore } from './data-dir.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { runCommand } from './run-command.js';

interface ExportOptions extends OutputOptions {
  readonly case?: string;
  readonly out?: string;
  readonly checkpoint?: string;
}

/**
 * `export --case ID`: the case bundle (JSON) beside its printable timeline (HTML). `export`: the
 * whole log as NDJSON (docs/export-format.md), streamed, with a signed checkpoint of its head on
 * request. Both read DATA_DIR; the server may go on running.
 */
export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description('write a case bundle and its printable timeline (--case), or the whole log as NDJSON (docs/export-format.md), from DATA_DIR')
    .option('--case <id>', 'export this case: case-<id>.json (every event and its chain, signed) and case-<id>.html (the timeline)')
    .option('--out <path>', 'where to write (default: case-<id>.json, or compact-disputes-log.ndjson, in the current directory); never overwritten')
    .option('--checkpoint <path>', 'with the whole log: also write a checkpoint of its head, signed with the data directory\'s key')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(runCommand((options: ExportOptions) => (options.case === undefined ? exportWholeLog(options) : exportCase(options.case, options))));
}

async function exportCase(caseId: string, options: ExportOptions): Promise<ExitCode> {
  if (options.checkpoint !== undefined) throw new CliError('A case bundle carries its own signed checkpoint: --checkpoint goes with the whole log.', EXIT.usage);
  const output = new Output(options);
  const file = resolve(options.out ?? `case-${caseId.replace(/[^\w.-]/g, '_')}.json`);
  const page = file.replace(/\.json$/i, '') + '.html';
  for (const path of [file, page]) if (existsSync(path)) throw new CliError(`${path} exists already: choose another --out, or move it away.`);
  const bundle = await withApplication(settingsFromEnvironment(), (app) => app.get(CaseBundles).bundle(CLI_OPERATOR, caseId));
  writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`, { flag: 'wx' });
  writeFileSync(page, standalonePage(renderCaseTimelinePage(bundle, basename(file))), { flag: 'wx' });
  output.answer({ caseId, bundle: file, timeline: page, events: bundle.events.length, chain: bundle.chain, signedBy: bundle.checkpoint?.signedBy.fingerprint ?? null }, () => [
    `${bundle.chain.ok ? '✓' : '✗'} Case ${caseId}: ${bundle.events.length} events, ${bundle.chain.ok ? 'the chain holds' : `${bundle.chain.failures.length} chain failures`}.`,
    `  bundle:   ${file}`,
    `  timeline: ${page} (printable, self-contained)`,
    bundle.checkpoint ? `  signed by ${bundle.checkpoint.signedBy.fingerprint}; check it offline with: npm run cli -- verify --file ${file}` : '  not signed: its chain does not verify.',
  ]);
  return bundle.chain.ok ? EXIT.ok : EXIT.findings;
}

async function exportWholeLog(options: ExportOptions): Promise<ExitCode> {
  const settings = settingsFromEnvironment();
  const output = new Output(options);
  const file = resolve(options.out ?? 'compact-disputes-log.ndjson');
  const checkpointFile = options.checkpoint === undefined ? null : resolve(options.checkpoint);
  for (const path of [file, checkpointFile]) if (path !== null && existsSync(path)) throw new CliError(`${path} exists already: choose another path, or move it away.`);
  const partial = `${file}.partial-${process.pid}`;
  return withStore(settings, async (store) => {
    const head = await store.headPosition();
    const out = createWriteStream(partial, { flags: 'wx' });
    const progress = output.progress('Exporting');
    let end;
    try {
      end = await exportLog(storeLog(store, { densePositions: store.densePositions === true, upTo: head }), async (line) => {
        if (!out.write(`${line}\n`)) await once(out, 'drain');
      }, { exportedAt: new Date().toISOString(), onProgress: (p) => progress.update(p.position, p.head) });
      out.end();
      await once(out, 'finish');
      renameSync(partial, file);
    } catch (error) {
      out.destroy();
      rmSync(partial, { force: true });
      throw error;
    } finally {
      progress.stop();
    }
    let signed: string | null = null;
    let refused: string | null = null;
    if (checkpointFile !== null) {
      const key = loadOrCreateSigningKey(settings.dataDir);
      try {
        const checkpoint = await new LogAudit(store, key, new SystemClock()).checkpoint(CLI_OPERATOR, head);
        writeFileSync(checkpointFile, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
        signed = key.fingerprint;
      } catch (error) {
        if (!(error instanceof RuleViolationError)) throw error;
        refused = error.message;
      }
    }
    output.answer({ file, ...end, checkpoint: checkpointFile, signedBy: signed, refused }, () => [
      `Exported ${end.events} events to position ${end.position} into ${file}.`,
      `  log hash: ${end.logHash}`,
      ...(signed ? [`  checkpoint: ${checkpointFile}, signed by ${signed}`] : []),
      ...(refused ? [`✗ No checkpoint: ${refused}`] : []),
      `Check it offline with: npm run cli -- verify --file ${file}${signed ? ` --checkpoint ${checkpointFile}` : ''}`,
    ]);
    return refused ? EXIT.findings : EXIT.ok;
  });
}
