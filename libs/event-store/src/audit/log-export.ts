import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type JsonObject } from '#core';
import { type ChainEvent } from './chain-event.js';
import { type LogSource } from './log-source.js';
import { contentHash, EMPTY_LOG_HASH, logHashStep } from './log-verification.js';

/*
 * The whole log as newline-delimited JSON (docs/export-format.md): a header line, one line per
 * event in log order, and an end line. Positions and revisions are decimal strings (they are
 * 64-bit); data and metadata are the JSON values as stored, seals included.
 */

export const LOG_EXPORT_FORMAT = 'compact-disputes/log@1';

export interface LogExportHeader {
  readonly format: typeof LOG_EXPORT_FORMAT;
  readonly exportedAt: string;
  /** `dense`: positions run 1, 2, 3… (the embedded store), so a gap is a removed event. */
  readonly positions: 'dense' | 'sparse';
  /** The last position the export covers. */
  readonly head: string;
}

export interface LogExportEnd {
  readonly end: { readonly events: number; readonly position: string; readonly logHash: string };
}

export interface ExportProgress {
  readonly events: number;
  readonly position: bigint;
  readonly head: bigint;
}

/** A line of an export file that is not what the format says. */
export class ExportFormatError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'ExportFormatError';
  }
}

/** An event as the audit files hold it: as stored, its position and revision as decimal text. */
export interface ExportedEvent {
  readonly position: string;
  readonly streamId: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: string;
}

export function exportedEvent(event: ChainEvent): ExportedEvent {
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
}

/** One event as a line of the export. */
export const exportLine = (event: ChainEvent): string => JSON.stringify(exportedEvent(event));

/**
 * Writes the log, line by line as it is read (bounded memory; `write` should wait while the file
 * drains), and answers the end line's summary. Unreadable events are written as they can be read:
 * an export is a copy of the log, and verifying it will show them.
 */
export async function exportLog(
  source: LogSource,
  write: (line: string) => Promise<void>,
  options: { readonly exportedAt: string; readonly onProgress?: (progress: ExportProgress) => void },
): Promise<LogExportEnd['end']> {
  const head = await source.head();
  const header: LogExportHeader = { format: LOG_EXPORT_FORMAT, exportedAt: options.exportedAt, positions: source.densePositions ? 'dense' : 'sparse', head: head.toString() };
  await write(JSON.stringify(header));
  let events = 0;
  let position = 0n;
  let logHash = EMPTY_LOG_HASH;
  for await (const event of source.events()) {
    await write(exportLine(event));
    events += 1;
    position = event.position;
    logHash = logHashStep(logHash, event.position, contentHash(event) ?? 'unreadable');
    if (events % 1_000 === 0) options.onProgress?.({ events, position, head });
  }
  options.onProgress?.({ events, position, head: head > position ? head : position });
  const end = { events, position: position.toString(), logHash };
  await write(JSON.stringify({ end } satisfies LogExportEnd));
  return end;
}

/** An export file as a log source: read line by line each time its events are asked for. */
export interface ExportFile extends LogSource {
  readonly file: string;
  header(): Promise<LogExportHeader>;
  /** The end line, once a read has reached it; null when the file stops before one. */
  readonly end: LogExportEnd['end'] | null;
}

export async function openExportFile(file: string): Promise<ExportFile> {
  let header: LogExportHeader | null = null;
  for await (const { line, number } of lines(file)) {
    header = parseHeader(file, line, number);
    break;
  }
  if (header === null) throw new ExportFormatError(file, 1, 'the file is empty');
  const known = header;
  const source: ExportFile & { end: LogExportEnd['end'] | null } = {
    file,
    densePositions: known.positions === 'dense',
    end: null,
    header: async () => known,
    head: async () => BigInt(known.head),
    async *events() {
      source.end = null;
      let first = true;
      for await (const { line, number } of lines(file)) {
        if (first) {
          first = false;
          continue;
        }
        if (source.end !== null) throw new ExportFormatError(file, number, 'there is more after the end line');
        const value = parseJson(file, line, number);
        if ('end' in value) {
          source.end = parseEnd(file, value, number);
          continue;
        }
        yield parseEvent(file, value, number);
      }
    },
  };
  return source;
}

async function* lines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of reader) {
      number += 1;
      if (line.trim() !== '') yield { line, number };
    }
  } finally {
    reader.close();
  }
}

function parseJson(file: string, line: string, number: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new ExportFormatError(file, number, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ExportFormatError(file, number, 'not a JSON object');
  return value as Record<string, unknown>;
}

function parseHeader(file: string, line: string, number: number): LogExportHeader {
  const value = parseJson(file, line, number);
  if (value['format'] !== LOG_EXPORT_FORMAT) throw new ExportFormatError(file, number, `not a log export: its first line must name the format ${LOG_EXPORT_FORMAT}`);
  if (value['positions'] !== 'dense' && value['positions'] !== 'sparse') throw new ExportFormatError(file, number, 'positions must be dense or sparse');
  if (!isDecimal(value['head'])) throw new ExportFormatError(file, number, 'head must be a decimal string');
  return value as unknown as LogExportHeader;
}

function parseEnd(file: string, value: Record<string, unknown>, number: number): LogExportEnd['end'] {
  const end = value['end'] as Record<string, unknown> | null;
  if (end === null || typeof end !== 'object' || typeof end['events'] !== 'number' || !isDecimal(end['position']) || typeof end['logHash'] !== 'string') {
    throw new ExportFormatError(file, number, 'the end line must be { end: { events, position, logHash } }');
  }
  return end as unknown as LogExportEnd['end'];
}

function parseEvent(file: string, value: Record<string, unknown>, number: number): ChainEvent {
  const wrong = (field: string, what: string) => new ExportFormatError(file, number, `${field} must be ${what}`);
  for (const field of ['position', 'revision']) if (!isDecimal(value[field])) throw wrong(field, 'a decimal string');
  for (const field of ['streamId', 'id', 'type', 'recordedAt']) if (typeof value[field] !== 'string') throw wrong(field, 'a string');
  for (const field of ['data', 'metadata']) if (!isObject(value[field])) throw wrong(field, 'a JSON object');
  const recordedAt = new Date(value['recordedAt'] as string);
  if (Number.isNaN(recordedAt.getTime())) throw wrong('recordedAt', 'an instant');
  return {
    position: BigInt(value['position'] as string),
    streamId: value['streamId'] as string,
    revision: BigInt(value['revision'] as string),
    id: value['id'] as string,
    type: value['type'] as string,
    data: value['data'] as JsonObject,
    metadata: value['metadata'] as JsonObject,
    recordedAt,
  };
}

const isDecimal = (value: unknown): value is string => typeof value === 'string' && /^\d{1,20}$/.test(value);
const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);
