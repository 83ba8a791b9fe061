import { type JsonObject } from '#core';
import { type Actor } from '#domain';

/** What every stored event carries besides its data: who, when, why, and at which schema version. */
export interface EventMetadata {
  readonly schemaVersion: number;
  /** The case the event belongs to (case events only; organisations and people have none). */
  readonly caseId?: string;
  readonly actor: Actor;
  /** When it happened (UTC), from the application's clock. */
  readonly occurredAt: string;
  readonly correlationId: string;
  /** The command that caused it. */
  readonly causationId: string;
  /** Same as causationId; kept by name because idempotent retries look it up. */
  readonly commandId: string;
  readonly command: string;
}

export function readMetadata(metadata: JsonObject): EventMetadata {
  return metadata as unknown as EventMetadata;
}
