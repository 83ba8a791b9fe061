import { type Command } from 'commander';
import { applicationProjections } from '#application';
import { checkProjections, type ProjectionDifference } from '#audit';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { settingsFromEnvironment, withStore } from './data-dir.js';
import { EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

/** `check-projections`: every read model rebuilt from the log in a scratch directory and compared with the live one, by case. */
export function addCheckProjectionsCommand(program: Command): void {
  program
    .command('check-projections')
    .description('rebuild the read models from the log in a scratch directory and compare them with the live ones in DATA_DIR, reporting every difference by case (the live files are only read; the server may go on running)')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(
      runCommand(async (options: OutputOptions) => {
        const settings = settingsFromEnvironment();
        const output = new Output(options);
        const bars = new Map<string, ReturnType<Output['progress']>>();
        const report = await withStore(settings, (store) =>
          checkProjections(store, settings.dataDir, applicationProjections(), {
            onProgress: (p) => {
              const bar = bars.get(p.name) ?? output.progress(`Rebuilding ${p.name.padEnd(9)}`);
              bars.set(p.name, bar);
              bar.update(p.position, p.head);
            },
          }),
        );
        for (const bar of bars.values()) bar.stop();
        const line = (d: ProjectionDifference) =>
          d.kind === 'different'
            ? `    ${d.projection}.${d.table} ${JSON.stringify(d.key)}: ${d.columns.map((c) => `${c} is ${JSON.stringify(d.live?.[c])}, the log gives ${JSON.stringify(d.rebuilt?.[c])}`).join('; ')}`
            : `    ${d.projection}.${d.table} ${JSON.stringify(d.key)}: ${d.kind === 'missing' ? 'missing from the live read model' : 'in the live read model, not in what the log gives'}`;
        output.answer(report, () => [
          ...report.projections.map((p) => `${p.differences === 0 ? '✓' : '✗'} ${p.name}: ${p.rows} rows in ${p.tables} tables as of position ${p.checkpoint}, ${p.differences === 0 ? 'as the log gives them' : `${p.differences} differences`}`),
          ...report.cases.flatMap((c) => [`  case ${c.caseId}:`, ...c.differences.map(line)]),
          ...(report.others.length > 0 ? ['  not about a case:', ...report.others.map(line)] : []),
          ...(report.differencesNotListed > 0 ? [`  … and ${report.differencesNotListed} more.`] : []),
          ...(report.ok ? [] : ['Rebuild them with `npm run cli -- rebuild` (server stopped) or POST /admin/projections/{name}/rebuild.']),
        ]);
        return report.ok ? EXIT.ok : EXIT.findings;
      }),
    );
}
