import { Inject, Injectable } from '@nestjs/common';
import { AppError, KeyedMutex, NotFoundError, StaleRevisionError, type JsonObject } from '#core';
import {
  type DirectoryLookup,
  type DisputeCommand,
  decideDispute,
  initialDisputeSnapshot,
  maySeeCase,
  schemaVersionOf,
  WorkingDayCalendar,
} from '#domain';
import { EVENT_STORE, type EventStore, type EventToAppend, WrongExpectedRevisionError } from '#event-store';
import { DirectoryReadModel } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { COMMAND_OBSERVER, type CommandObserver } from '../command-observer.js';
import { type CommandResult, type WriteOptions } from '../command-result.js';
import { disputeStream, type EventMetadata } from '#events';
import { newId, uuidFromName } from '../ids.js';
import { type CaseCommandRequest, type RaiseDisputeBody } from '../messages.js';
import { type Principal } from '../principal.js';
import { chooseActor } from './actor-selection.js';
import { DisputeRepository, type LoadedCase } from './dispute-repository.js';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store.js';
import { readEvidenceUpload } from './evidence-upload.js';

/** Re-reads after a concurrent write elsewhere (another process) before giving up. */
const MAX_ATTEMPTS = 5;

/** A command the machine accepted: its time, who it was done as, and the events and state it gives. */
interface Decided {
  readonly at: string;
  readonly actor: ReturnType<typeof chooseActor>;
  readonly decision: ReturnType<typeof decideDispute>;
}

/** One command to write: who sends it, on which case, and with which options and command id. */
interface PendingWrite {
  readonly principal: Principal;
  readonly caseId: string;
  readonly command: DisputeCommand;
  readonly options: WriteOptions;
  readonly commandId: string;
  /** Work that must succeed before the decided command's events are appended (storing an upload's bytes). */
  readonly beforeAppend?: () => Promise<void>;
  /** The case id was minted for this command, so its stream cannot exist yet: there is nothing to read. */
  readonly newCase?: boolean;
}

/**
 * The one write path for cases: load the stream (or take the case as cached), fold it through
 * the machine, decide, append at the revision it was decided on. Commands on one case queue in this process; a conflict with another writer
 * is re-read and re-decided unless the caller pinned a revision (If-Match).
 */
@Injectable()
export class DisputeCommandService {
  private readonly queue = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DisputeRepository) private readonly repository: DisputeRepository,
    @Inject(DirectoryReadModel) private readonly directory: DirectoryLookup,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVIDENCE_STORE) private readonly evidence: EvidenceStore,
    @Inject(COMMAND_OBSERVER) private readonly observer: CommandObserver,
  ) {}

  raise(principal: Principal, body: RaiseDisputeBody, options: WriteOptions = {}): Promise<CommandResult> {
    const commandId = this.commandIdFor(principal, 'raise', options);
    // With a key the case id is derived from it, so a retry lands on the same stream.
    const caseId = options.idempotencyKey ? commandId : newId();
    return this.execute({ principal, caseId, command: { name: 'raise', payload: { ...body, caseId } }, options, commandId, newCase: !options.idempotencyKey });
  }

  run(principal: Principal, caseId: string, command: CaseCommandRequest, options: WriteOptions = {}): Promise<CommandResult> {
    const commandId = this.commandIdFor(principal, `${caseId}:${command.name}`, options);
    if (command.name !== 'add-evidence') return this.execute({ principal, caseId, command, options, commandId });
    // The bytes are stored only once the command is decided, and before its event is appended:
    // a refused upload writes nothing, and no event ever names a file that is not there.
    const upload = readEvidenceUpload(command.payload);
    const beforeAppend = () => this.evidence.put(upload.sha256, upload.content);
    return this.execute({ principal, caseId, command: { name: 'add-evidence', payload: upload.payload }, options, commandId, beforeAppend });
  }

  /** Scheduler and CLI path: the actor is given, not chosen from a person's roles. */
  runAs(principal: Principal, caseId: string, command: DisputeCommand, options: WriteOptions = {}): Promise<CommandResult> {
    return this.execute({ principal, caseId, command, options, commandId: this.commandIdFor(principal, `${caseId}:${command.name}`, options) });
  }

  private commandIdFor(principal: Principal, scope: string, options: WriteOptions): string {
    return options.idempotencyKey ? uuidFromName(`${principal.personId}:${scope}:${options.idempotencyKey}`) : newId();
  }

  private async execute(write: PendingWrite): Promise<CommandResult> {
    const { caseId, command } = write;
    const started = performance.now();
    try {
      const result = await this.queue.run(caseId, () => this.attempt(write));
      this.observer.commandFinished(command.name, 'ok', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.observer.commandFinished(command.name, error instanceof AppError ? error.code : 'error', (performance.now() - started) / 1000);
      throw error;
    }
  }

  /** The checks and the machine's decision on the case as loaded; throws the refusal. */
  private decide(loaded: LoadedCase | null, { principal, caseId, command, options, commandId }: Omit<PendingWrite, 'beforeAppend'>): Decided | { readonly done: CommandResult } {
    const done = loaded?.commands.get(commandId);
    if (done) return { done: { id: caseId, revision: done.revision, position: done.position } };
    if (command.name !== 'raise' && (!loaded || !maySeeCase(loaded.snapshot.context, principal))) {
      throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    }
    if (options.expectedRevision !== undefined && (loaded?.revision ?? -1n) !== options.expectedRevision) {
      throw new StaleRevisionError(
        `The case is at revision ${String(loaded?.revision ?? -1n)}, not ${String(options.expectedRevision)}.`,
        options.expectedRevision,
        loaded?.revision ?? null,
      );
    }
    const at = this.clock.now().toISOString();
    const snapshot = loaded?.snapshot ?? initialDisputeSnapshot();
    const actor = chooseActor(principal, command.name, snapshot, at, options.onBehalfOf);
    return { at, actor, decision: decideDispute(snapshot, command, { at, actor, calendar: this.calendar, directory: this.directory }) };
  }

  private async attempt({ principal, caseId, command, options, commandId, beforeAppend, newCase }: PendingWrite): Promise<CommandResult> {
    // The first attempt decides on the cached case without reading the stream: every append of
    // this process goes through here, so the cache is the stream unless another process wrote
    // to it. Then the append's expected revision fails and the case is read again; a refusal
    // decided on an unread cache is checked on a fresh read before it is given. A case raised
    // under a newly minted id has no stream to read (null: known to be empty, unread).
    let unread: LoadedCase | null | undefined = newCase ? null : this.repository.cached(caseId);
    for (let attempt = 1; ; attempt++) {
      const loaded = unread !== undefined ? unread : await this.repository.load(caseId);
      let decided: Decided;
      try {
        const outcome = this.decide(loaded, { principal, caseId, command, options, commandId });
        // A command applied stays applied: the cache may lack one, never wrongly hold one.
        if ('done' in outcome) return outcome.done;
        decided = outcome;
      } catch (error) {
        if (unread === undefined || !(error instanceof AppError)) throw error;
        unread = undefined;
        attempt -= 1;
        continue;
      }
      unread = undefined;
      const { at, actor, decision } = decided;
      const metadata: Omit<EventMetadata, 'schemaVersion'> = {
        caseId,
        actor,
        occurredAt: at,
        correlationId: options.correlationId ?? commandId,
        causationId: commandId,
        commandId,
        command: command.name,
      };
      const events: EventToAppend[] = decision.events.map((e, i) => ({
        id: options.idempotencyKey ? uuidFromName(`${commandId}:${i}`) : newId(),
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: { schemaVersion: schemaVersionOf(e.type), ...metadata } as unknown as JsonObject,
      }));
      if (beforeAppend) await beforeAppend();
      try {
        const appendStarted = performance.now();
        const result = await this.store.append(disputeStream(caseId), events, loaded ? loaded.revision : 'no_stream');
        this.observer.appended((performance.now() - appendStarted) / 1000);
        this.repository.rememberAppended(loaded, caseId, decision.snapshot, result.nextExpectedRevision, result.position, commandId);
        return { id: caseId, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.repository.forget(caseId);
        if (options.expectedRevision !== undefined) {
          throw new StaleRevisionError('The case changed while this command was decided.', options.expectedRevision, error.actual);
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
