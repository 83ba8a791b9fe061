import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppError } from '#core';
import { WorkingDayCalendar } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CASES_PROJECTION, DeadlineBookReadModel, ReadModels } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { RunSystemCommand } from '../messages.js';

export interface DeadlineSchedulerOptions {
  /** How often to read the book; 0 runs only once, at start (tests drive runOnce()). Default 30 s. */
  readonly intervalMs?: number;
  /** Longest wait for the book to catch up with the log before a run reads it. */
  readonly catchUpMs?: number;
  /** False for processes that must only read (a CLI rebuild): start() then does nothing. */
  readonly enabled?: boolean;
}

export const DEFAULT_SCHEDULER_INTERVAL_MS = 30_000;

/** The scheduler's DeadlineSchedulerOptions, as the application module is given them. */
export const DEADLINE_SCHEDULER_OPTIONS = Symbol('DEADLINE_SCHEDULER_OPTIONS');

/** Refusals remembered (oldest forgotten first); a forgotten one is at most tried, and logged, once more. */
const REMEMBERED_REFUSALS = 10_000;

/** Counts of commands the command path accepted (a repeat it answered from the first write counts too). */
export interface SchedulerRunReport {
  /** The London date the run judged lateness on. */
  readonly today: string;
  readonly missedDeadlines: number;
  readonly missedActions: number;
  readonly resumed: number;
  /** Commands the case refused: each logged once and not sent again while the case stays as it was. */
  readonly refused: number;
  /** Commands not sent because the case refused them before and has not changed since. */
  readonly skipped: number;
  /** Commands that failed for another reason: logged; the next run tries again. */
  readonly failed: number;
}

type SystemCommand = RunSystemCommand['command'];

/**
 * Durable deadlines. Each run reads the deadline book (a projection of the log, so a restart
 * loses nothing) and records, through the normal command path, every due date that has passed.
 * Each command carries an idempotency key derived from what it records, so the command path
 * recognises a repeat (a second run, a second instance) and appends nothing: every miss is
 * recorded exactly once. Lateness is the domain's: due day before today's London date.
 *
 * A command the case refuses (the book and the case disagree) is a failure recorded once: one log
 * line, one refusal in the write path's metric (commands_total with the error code), and it is not
 * sent again until the case's revision moves on. It cannot loop on every tick.
 */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('DeadlineScheduler');
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<SchedulerRunReport>>();
  private stopped = false;
  /** `${caseId}:${idempotencyKey}@${caseRevision}` of commands the case refused at that revision. */
  private readonly refusals = new Set<string>();

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(DeadlineBookReadModel) private readonly book: DeadlineBookReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    @Optional() @Inject(DEADLINE_SCHEDULER_OPTIONS) private readonly options: DeadlineSchedulerOptions = {},
  ) {}

  /** Runs once now, then every interval; a tick is skipped while a run is still going. */
  start(): void {
    if (this.options.enabled === false) return;
    this.stopped = false;
    void this.tick();
    const interval = this.options.intervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS;
    if (interval > 0 && !this.timer) {
      this.timer = setInterval(() => {
        if (this.running.size === 0) void this.tick();
      }, interval);
      this.timer.unref();
    }
  }

  /** Stops the timer and waits for a run in progress (so the read models can close after it). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  /** One pass over the book. Never throws for a single case: each command's failure is logged and counted. */
  runOnce(): Promise<SchedulerRunReport> {
    const run = this.run();
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    return run;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`Deadline run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async run(): Promise<SchedulerRunReport> {
    // Read the book only once it reflects the log as it is now, so a step just taken is not recorded missed.
    await this.readModels.waitFor(await this.store.headPosition(), this.options.catchUpMs ?? 2_000, [CASES_PROJECTION]);
    const today = this.calendar.londonDate(this.clock.now().toISOString());
    const counts = { missedDeadlines: 0, missedActions: 0, resumed: 0, refused: 0, skipped: 0, failed: 0 };
    const issue = async (
      entry: { caseId: string; caseRevision: bigint },
      command: SystemCommand,
      idempotencyKey: string,
      counter: 'missedDeadlines' | 'missedActions' | 'resumed',
    ) => {
      // Shutting down: leave the rest for the next start (nothing is lost, the book keeps it).
      if (this.stopped) return;
      const { caseId } = entry;
      const refusal = `${caseId}:${idempotencyKey}@${String(entry.caseRevision)}`;
      if (this.refusals.has(refusal)) {
        counts.skipped++;
        return;
      }
      try {
        await this.commands.execute(new RunSystemCommand(caseId, command, { idempotencyKey }));
        counts[counter]++;
      } catch (error) {
        if (error instanceof AppError) {
          counts.refused++;
          this.remember(refusal);
          this.logger.warn(
            `${command.name} on case ${caseId} (${idempotencyKey}) refused at revision ${String(entry.caseRevision)}, not sent again until the case changes: ${error.message}`,
          );
        } else {
          counts.failed++;
          this.logger.error(`${command.name} on case ${caseId} (${idempotencyKey}) failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };

    // Resume first: a case coming back from suspension gets its clocks moved, not missed.
    for (const s of this.book.endedSuspensions(today)) {
      await issue(s, { name: 'resume', payload: {} }, `resume:${s.caseId}:${s.until}`, 'resumed');
    }
    for (const d of this.book.overdueDeadlines(today)) {
      await issue(d, { name: 'record-missed-deadline', payload: { deadlineId: d.deadlineId } }, `missed:${d.deadlineId}`, 'missedDeadlines');
    }
    for (const a of this.book.actionsToCheck(today)) {
      await issue(
        a,
        { name: 'record-missed-action', payload: { actionId: a.actionId } },
        `missed-action:${a.caseId}:${a.actionId}:${a.dueDate}`,
        'missedActions',
      );
    }
    const report: SchedulerRunReport = { today, ...counts };
    if (counts.missedDeadlines + counts.missedActions + counts.resumed + counts.refused + counts.failed > 0) {
      this.logger.log(
        `Deadline run for ${today}: ${counts.missedDeadlines} deadlines and ${counts.missedActions} actions recorded missed, ` +
          `${counts.resumed} cases resumed, ${counts.refused} refused, ${counts.failed} failed`,
      );
    }
    return report;
  }

  private remember(refusal: string): void {
    this.refusals.add(refusal);
    if (this.refusals.size > REMEMBERED_REFUSALS) this.refusals.delete(this.refusals.values().next().value as string);
  }
}
