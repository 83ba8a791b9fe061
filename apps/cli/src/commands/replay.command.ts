import { QueryBus } from '@nestjs/cqrs';
import { type Command, Option } from 'commander';
import { CASE_PARTS, type CasePart, GetDisputeReplay } from '#application';
import { CLI_OPERATOR } from '#audit';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { settingsFromEnvironment, withApplication } from './data-dir.js';
import { EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

interface ReplayOptions extends OutputOptions {
  readonly case: string;
  readonly as?: CasePart;
}

/** `replay --case ID [--as part]`: the state after each event, as GET /disputes/{id}/replay gives it. */
export function addReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('show the state of a case after each of its events (state, stage, open deadlines, allowed commands), from the same machine that runs it; reads DATA_DIR')
    .requiredOption('--case <id>', 'the case id')
    .addOption(new Option('--as <part>', 'show the commands this part of the case could send at each step').choices([...CASE_PARTS]))
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(
      runCommand(async (options: ReplayOptions) => {
        const output = new Output(options);
        const replay = await withApplication(settingsFromEnvironment(), (app) => app.get(QueryBus).execute(new GetDisputeReplay(CLI_OPERATOR, options.case, options.as)));
        output.answer(replay, () => [
          `Case ${options.case}: ${replay.steps.length} events${options.as ? `; allowed commands for the ${options.as}` : ''}`,
          '',
          ...replay.steps.flatMap((step) => {
            const e = step.event;
            const actor = e.actor as { name?: string | null; role: string; organisationName?: string | null };
            const by = [actor.name ?? actor.role, actor.organisationName ? `for ${actor.organisationName}` : null].filter(Boolean).join(' ');
            const open = step.view.deadlines.filter((d) => d.status === 'open' || d.status === 'paused').map((d) => `${d.step} due ${d.dueOn}${d.status === 'paused' ? ' (paused)' : ''}`);
            return [
              `#${e.revision} (position ${e.position}) ${e.occurredAt}  ${e.type} by ${by}`,
              `    → ${step.state}${step.stage === null ? '' : ` (stage ${step.stage})`}`,
              `    deadlines: ${open.length > 0 ? open.join('; ') : 'none open'}`,
              ...(options.as ? [`    allowed (${options.as}): ${step.view.allowed.length > 0 ? step.view.allowed.join(', ') : 'nothing'}`] : []),
            ];
          }),
        ]);
        return EXIT.ok;
      }),
    );
}
