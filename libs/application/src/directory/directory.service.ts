import { randomBytes } from 'node:crypto';
import { ForbiddenError, type JsonObject, RuleViolationError } from '#core';
import { decideRegisterPerson, decideSignOrganisation, type DirectoryEvent, type Sector } from '#domain';
import { type EventStore } from '#event-store';
import { type DirectoryReadModel, type ReadModels } from '#projections';
import { type Clock } from '../clock.js';
import { type CommandResult, type WriteOptions } from '../command-result.js';
import { type EventMetadata } from '../event-metadata.js';
import { newId, sha256Hex, uuidFromName } from '../ids.js';
import { type RegisteredPerson } from '../messages.js';
import { type Principal, hasRole } from '../principal.js';
import { organisationStream, personStream } from '../streams.js';

/** Signing organisations up and registering people: admin work, event-sourced like the cases. */
export class DirectoryService {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly directory: DirectoryReadModel,
    private readonly clock: Clock,
  ) {}

  async signOrganisation(principal: Principal, body: { name: string; sector: Sector; type: string }, options: WriteOptions = {}): Promise<CommandResult> {
    this.requireAdmin(principal);
    const commandId = this.commandId(principal, 'sign-organisation', options);
    const organisationId = options.idempotencyKey ? commandId : newId();
    const events = decideSignOrganisation(organisationId, body);
    return this.append(principal, organisationStream(organisationId), organisationId, events, commandId, 'sign-organisation', options);
  }

  async registerPerson(principal: Principal, body: Parameters<typeof decideRegisterPerson>[1], options: WriteOptions = {}): Promise<RegisteredPerson> {
    this.requireAdmin(principal);
    const commandId = this.commandId(principal, 'register-person', options);
    const personId = options.idempotencyKey ? commandId : newId();
    const token = randomBytes(32).toString('base64url');
    const events = decideRegisterPerson(personId, body, sha256Hex(token), this.directory);
    const result = await this.append(principal, personStream(personId), personId, events, commandId, 'register-person', options);
    return { ...result, token };
  }

  /** A token is only ever compared by its hash. */
  authenticate(token: string): Principal | null {
    const person = this.directory.personByTokenHash(sha256Hex(token));
    if (!person) return null;
    return { personId: person.personId, name: person.name, roles: person.roles, organisationId: person.organisationId };
  }

  private requireAdmin(principal: Principal): void {
    if (!hasRole(principal, 'admin')) throw new ForbiddenError('Only an admin manages organisations and people.');
  }

  private commandId(principal: Principal, scope: string, options: WriteOptions): string {
    return options.idempotencyKey ? uuidFromName(`${principal.personId}:${scope}:${options.idempotencyKey}`) : newId();
  }

  private async append(
    principal: Principal,
    streamId: string,
    id: string,
    events: DirectoryEvent[],
    commandId: string,
    command: string,
    options: WriteOptions,
  ): Promise<CommandResult> {
    const existing = await this.store.readStream(streamId);
    if (existing.length > 0) {
      // Only a retried key reaches an existing stream; its first answer (and any token) was already given.
      throw new RuleViolationError(`${id} was already created by an earlier request with this Idempotency-Key.`, 'DIRECTORY.ALREADY_CREATED');
    }
    const at = this.clock.now().toISOString();
    const metadata: EventMetadata = {
      schemaVersion: 1,
      actor: { personId: principal.personId, role: 'admin', organisationId: null },
      occurredAt: at,
      correlationId: options.correlationId ?? commandId,
      causationId: commandId,
      commandId,
      command,
    };
    const result = await this.store.append(
      streamId,
      events.map((e, i) => ({
        id: uuidFromName(`${commandId}:${i}`),
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: metadata as unknown as JsonObject,
      })),
      'no_stream',
    );
    // Sign-in and appointments read the directory projection: answer only once it shows this write.
    await this.readModels.waitFor(result.position);
    return { id, revision: result.nextExpectedRevision, position: result.position };
  }
}
