import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, type JsonObject, KeyedMutex, NotFoundError, RuleViolationError, StaleRevisionError } from '#core';
import {
  decideDeactivatePerson,
  decideGrantRole,
  decideMovePerson,
  decideOrganisationLeave,
  decideRegisterPerson,
  decideRevokeRole,
  decideRotateToken,
  decideSignOrganisation,
  type DirectoryEvent,
  directoryEventSchemaVersion,
  evolveOrganisation,
  evolvePerson,
  type OrganisationRecord,
  type PersonState,
  type Sector,
} from '#domain';
import { EVENT_STORE, type EventStore, WrongExpectedRevisionError } from '#event-store';
import { DIRECTORY_PROJECTION, DirectoryReadModel, ReadModels } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { type CommandResult, type WriteOptions } from '../command-result.js';
import { type EventMetadata, organisationStream, personStream } from '#events';
import { newId, sha256Hex, uuidFromName } from '../ids.js';
import { type RegisteredPerson } from '../messages.js';
import { type Principal, hasRole } from '../principal.js';
import { type Evolve, loadDirectoryStream } from './directory-stream.js';
import { principalOf } from './principal-of.js';

/** Re-reads after a concurrent write elsewhere (another process) before giving up. */
const MAX_ATTEMPTS = 5;

const newToken = (): string => randomBytes(32).toString('base64url');

/** Where a command writes, under which name and command id. */
interface Write {
  readonly streamId: string;
  readonly id: string;
  readonly command: string;
  readonly commandId: string;
}

/** What a command on an existing stream needs: where, what it is called, how to fold and decide. */
interface StreamChange<S> {
  readonly streamId: string;
  readonly id: string;
  readonly command: string;
  readonly evolve: Evolve<S>;
  readonly notFound: () => Error;
  readonly decide: (state: S) => DirectoryEvent[];
  /** A retried key whose first answer held a secret cannot be answered again: say so instead. */
  readonly onAlreadyApplied?: () => never;
}

/**
 * The directory's write side: organisations signed up and leaving, people registered, given and
 * relieved of roles, moved between organisations, deactivated, given new tokens. Admin work,
 * event-sourced like the cases: each command folds its stream, decides in the domain, appends at
 * the revision read (or the If-Match one), and answers once sign-in and appointments see it.
 */
@Injectable()
export class DirectoryService {
  private readonly queue = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(DirectoryReadModel) private readonly directory: DirectoryReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async signOrganisation(principal: Principal, body: { name: string; sector: Sector; type: string }, options: WriteOptions = {}): Promise<CommandResult> {
    this.requireAdmin(principal);
    const commandId = this.commandId(principal, 'sign-organisation', options);
    const organisationId = options.idempotencyKey ? commandId : newId();
    const events = decideSignOrganisation(organisationId, body);
    return this.create(principal, { streamId: organisationStream(organisationId), id: organisationId, command: 'sign-organisation', commandId }, events, options);
  }

  /**
   * Registrations of one email address queue in this process, and each decides on a directory that
   * has applied every event already in the log, so that two requests for one address cannot both
   * pass the one-person-per-address rule. (Two processes registering the same address at the same
   * instant still could: the rule reads a projection, not a stream.)
   */
  async registerPerson(principal: Principal, body: Parameters<typeof decideRegisterPerson>[1], options: WriteOptions = {}): Promise<RegisteredPerson> {
    this.requireAdmin(principal);
    const commandId = this.commandId(principal, 'register-person', options);
    const personId = options.idempotencyKey ? commandId : newId();
    const token = newToken();
    const emailKey = `email:${typeof body.email === 'string' ? body.email.trim().toLowerCase() : ''}`;
    const result = await this.queue.run(emailKey, async () => {
      await this.readModels.waitFor(await this.store.headPosition(), undefined, [DIRECTORY_PROJECTION]);
      const events = decideRegisterPerson(personId, body, sha256Hex(token), this.directory);
      return this.create(principal, { streamId: personStream(personId), id: personId, command: 'register-person', commandId }, events, options);
    });
    return { ...result, token };
  }

  grantRole(principal: Principal, personId: string, role: string, options: WriteOptions = {}): Promise<CommandResult> {
    return this.changePerson(principal, personId, 'grant-role', (person) => decideGrantRole(person, role), options);
  }

  revokeRole(principal: Principal, personId: string, role: string, options: WriteOptions = {}): Promise<CommandResult> {
    return this.changePerson(principal, personId, 'revoke-role', (person) => decideRevokeRole(person, role), options);
  }

  movePerson(principal: Principal, personId: string, organisationId: string | null, options: WriteOptions = {}): Promise<CommandResult> {
    return this.changePerson(principal, personId, 'move', (person) => decideMovePerson(person, organisationId, this.directory), options);
  }

  deactivatePerson(principal: Principal, personId: string, reason: string, options: WriteOptions = {}): Promise<CommandResult> {
    return this.changePerson(principal, personId, 'deactivate', (person) => decideDeactivatePerson(person, reason), options);
  }

  /**
   * A new token, shown once in the answer; the old one is refused as soon as this answers. Only the
   * hash is stored, so a retry of the same key that reaches here (its first answer lost) is refused
   * rather than answered with a token that was never stored.
   */
  async rotateToken(principal: Principal, personId: string, options: WriteOptions = {}): Promise<RegisteredPerson> {
    const token = newToken();
    const result = await this.changePerson(principal, personId, 'rotate-token', (person) => decideRotateToken(person, sha256Hex(token)), options, () => {
      throw new RuleViolationError(
        `The token of ${personId} was already rotated by an earlier request with this Idempotency-Key; that token was shown once and is not kept. Rotate again with a new key.`,
        'DIRECTORY.TOKEN_ALREADY_ROTATED',
      );
    });
    return { ...result, token };
  }

  organisationLeaves(principal: Principal, organisationId: string, reason: string, options: WriteOptions = {}): Promise<CommandResult> {
    this.requireAdmin(principal);
    return this.change<OrganisationRecord>(principal, options, {
      streamId: organisationStream(organisationId),
      id: organisationId,
      command: 'leave',
      evolve: evolveOrganisation,
      notFound: () => new NotFoundError(`No organisation ${organisationId}.`, 'ORGANISATION.NOT_FOUND'),
      decide: (organisation) => decideOrganisationLeave(organisation, reason),
    });
  }

  /** A bearer token to a principal: only ever compared by its hash; a deactivated person's is refused. */
  authenticate(token: string): Principal | null {
    const person = this.directory.personByTokenHash(sha256Hex(token));
    return person ? principalOf(person) : null;
  }

  private changePerson(
    principal: Principal,
    personId: string,
    command: string,
    decide: (person: PersonState) => DirectoryEvent[],
    options: WriteOptions,
    onAlreadyApplied?: () => never,
  ): Promise<CommandResult> {
    this.requireAdmin(principal);
    return this.change<PersonState>(principal, options, {
      streamId: personStream(personId),
      id: personId,
      command,
      evolve: evolvePerson,
      notFound: () => new NotFoundError(`No person ${personId}.`, 'PERSON.NOT_FOUND'),
      decide,
      ...(onAlreadyApplied && { onAlreadyApplied }),
    });
  }

  private requireAdmin(principal: Principal): void {
    if (!hasRole(principal, 'admin')) throw new ForbiddenError('Only an admin manages organisations and people.');
  }

  private commandId(principal: Principal, scope: string, options: WriteOptions): string {
    return options.idempotencyKey ? uuidFromName(`${principal.personId}:${scope}:${options.idempotencyKey}`) : newId();
  }

  /** Commands on one stream queue in this process; a concurrent writer elsewhere means re-read and re-decide. */
  private change<S>(principal: Principal, options: WriteOptions, change: StreamChange<S>): Promise<CommandResult> {
    const commandId = this.commandId(principal, `${change.id}:${change.command}`, options);
    return this.queue.run(change.streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const loaded = await loadDirectoryStream(this.store, change.streamId, change.evolve);
        if (loaded.state === null) throw change.notFound();
        const done = loaded.commands.get(commandId);
        if (done) {
          change.onAlreadyApplied?.();
          return { id: change.id, revision: done.revision, position: done.position };
        }
        if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
          throw new StaleRevisionError(`${change.id} is at revision ${String(loaded.revision)}, not ${String(options.expectedRevision)}.`, options.expectedRevision, loaded.revision);
        }
        const events = change.decide(loaded.state);
        try {
          return await this.append(principal, { ...change, commandId }, events, options, loaded.revision);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (options.expectedRevision !== undefined) {
            throw new StaleRevisionError(`${change.id} changed while this command was decided.`, options.expectedRevision, error.actual);
          }
          if (attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    });
  }

  private async create(principal: Principal, write: Write, events: DirectoryEvent[], options: WriteOptions): Promise<CommandResult> {
    const existing = await this.store.readStream(write.streamId);
    if (existing.length > 0) {
      // Only a retried key reaches an existing stream; its first answer (and any token) was already given.
      throw new RuleViolationError(`${write.id} was already created by an earlier request with this Idempotency-Key.`, 'DIRECTORY.ALREADY_CREATED');
    }
    return this.append(principal, write, events, options, 'no_stream');
  }

  private async append(principal: Principal, write: Write, events: DirectoryEvent[], options: WriteOptions, expected: bigint | 'no_stream'): Promise<CommandResult> {
    const { streamId, id, command, commandId } = write;
    const at = this.clock.now().toISOString();
    const metadataOf = (event: DirectoryEvent): EventMetadata => ({
      schemaVersion: directoryEventSchemaVersion(event.type),
      actor: { personId: principal.personId, role: 'admin', organisationId: null },
      occurredAt: at,
      correlationId: options.correlationId ?? commandId,
      causationId: commandId,
      commandId,
      command,
    });
    const result = await this.store.append(
      streamId,
      events.map((e, i) => ({
        id: uuidFromName(`${commandId}:${i}`),
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: metadataOf(e) as unknown as JsonObject,
      })),
      expected,
    );
    // Sign-in and appointments read the directory projection: answer only once it shows this write.
    await this.readModels.waitFor(result.position);
    return { id, revision: result.nextExpectedRevision, position: result.position };
  }
}
