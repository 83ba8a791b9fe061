import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { AnnualReportQueries, ApplicationModule, type Principal } from '#application';
import { loadSettings } from '#config';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REPORT_PROJECTION, ReadModels } from '#projections';
import { EDITIONS, type Edition } from '#reporting';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '#web';

/** Whoever runs the CLI holds the data directory, so reads as an auditor would. */
const OPERATOR: Principal = { personId: 'cli-operator', name: 'Command line operator', roles: ['auditor'], organisationId: null };

const oneOf =
  <T extends string>(values: readonly T[], what: string) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`${what} must be one of ${values.join(', ')}.`);
    return value as T;
  };

/**
 * `report <year> [--edition cdg|public] [--format json|csv|html] [--out file] [--as-of position]`:
 * the same bytes GET /reports/annual/{year} answers, written to a file, with a progress bar while
 * the report read model catches up with the log (or, with --as-of, is recomputed from it).
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .argument('<year>', 'the reporting year: 2025 is 1 April 2025 to 31 March 2026', (v) => {
      if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('The year must be four digits, e.g. 2025.');
      return Number(v);
    })
    .option('--edition <edition>', `${EDITIONS.join(' or ')}`, oneOf(EDITIONS, 'The edition'), 'cdg' as Edition)
    .option('--format <format>', `${REPORT_FORMATS.join(', ')}`, oneOf(REPORT_FORMATS, 'The format'), 'html' as ReportFormat)
    .option('--out <file>', 'the file to write (default: standard output)')
    .option('--as-of <position>', 'recompute the report from the log as of this global position', (v) => {
      if (!/^\d{1,19}$/.test(v)) throw new InvalidArgumentError('The position must be a whole number.');
      return BigInt(v);
    })
    .description('write the Compact annual report of a reporting year as JSON, CSV or HTML')
    .action(async (year: number, options: { edition: Edition; format: ReportFormat; out?: string; asOf?: bigint }) => {
      const settings = loadSettings();
      const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), { logger: ['error'] });
      await app.init();
      const bar = new cliProgress.SingleBar(
        { format: 'Computing the report [{bar}] {percentage}% | {value}/{total} events', hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      try {
        const head = await app.get<EventStore>(EVENT_STORE).headPosition();
        bar.start(Math.max(1, Number(options.asOf ?? head)), 0);
        if (options.asOf === undefined) await followCatchUp(app.get(ReadModels), head, (position) => bar.update(Number(position)));
        const report = await app.get(AnnualReportQueries).report(OPERATOR, { year, edition: options.edition, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) }, (p) =>
          bar.update(Number(p.position)),
        );
        bar.update(Math.max(1, Number(report.logPosition)));
        bar.stop();
        const { body } = renderReport(report, options.format);
        if (options.out) {
          writeFileSync(options.out, body);
          console.error(`Wrote the ${options.edition} edition of ${report.period.label} (${options.format}, log position ${report.logPosition}) to ${options.out}.`);
        } else process.stdout.write(body);
      } finally {
        bar.stop();
        await app.close();
      }
    });
}

/** Moves the bar as the report read model applies the log, until it reaches `head`. */
async function followCatchUp(readModels: ReadModels, head: bigint, onPosition: (position: bigint) => void): Promise<void> {
  for (;;) {
    const status = (await readModels.status()).find((s) => s.name === REPORT_PROJECTION);
    const checkpoint = status?.checkpoint ?? head;
    onPosition(checkpoint);
    if (checkpoint >= head) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
