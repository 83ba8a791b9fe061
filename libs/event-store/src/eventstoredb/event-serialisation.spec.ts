import { binaryEvent, jsonEvent } from '@eventstore/db-client';
import { type EventToAppend } from '../event-store.port.js';
import { fromResolvedEvent, isSystemEvent, toEventData } from './event-serialisation.js';
import { recordedOnServer } from './testing/recorded-on-server.js';

const keepAll = (name: string): string => name;

const appended: EventToAppend = {
  id: '3f2c8a4e-8d1b-4c55-9a61-0b5d6e7f8a90',
  type: 'DisputeRaised',
  data: { caseId: 'c-1', summary: 'Zoë → 東京 "quoted" \\ \n \u0000', amounts: [1, -2.5, 1e21, Number.MAX_SAFE_INTEGER], none: null },
  metadata: { schemaVersion: 1, actor: { role: 'partner', personId: 'p-1' }, occurredAt: '2026-03-02T10:00:00.000Z', correlationId: 'k', causationId: 'k', commandId: 'k', command: 'raise' },
};

describe('event serialisation', () => {
  it('sends JSON: our id, type, data, and the engine’s metadata as the event metadata', () => {
    expect(toEventData(appended)).toEqual({
      id: appended.id,
      contentType: 'application/json',
      type: 'DisputeRaised',
      data: appended.data,
      metadata: appended.metadata,
    });
  });

  it('reads back exactly what it sent, through the client’s own decoding of the server’s message', () => {
    const created = new Date('2026-03-02T10:00:00.123Z');
    const resolved = recordedOnServer({ streamId: 'dispute-c-1', revision: 4n, position: 987_654n, event: toEventData(appended), created });
    expect(fromResolvedEvent(resolved, keepAll)).toEqual({
      ok: true,
      event: { id: appended.id, streamId: 'dispute-c-1', revision: 4n, position: 987_654n, type: 'DisputeRaised', data: appended.data, metadata: appended.metadata, recordedAt: created },
    });
  });

  it('reads an event stored without metadata with empty metadata', () => {
    const resolved = recordedOnServer({ streamId: 's', revision: 0n, position: 10n, event: jsonEvent({ type: 'T', data: { a: 1 } }) });
    expect(fromResolvedEvent(resolved, keepAll)).toMatchObject({ ok: true, event: { metadata: {} } });
  });

  it('strips the stream prefix and refuses streams outside it', () => {
    const strip = (name: string) => (name.startsWith('cambs.') ? name.slice('cambs.'.length) : null);
    const ours = recordedOnServer({ streamId: 'cambs.dispute-1', revision: 0n, position: 5n, event: toEventData(appended) });
    const theirs = recordedOnServer({ streamId: 'peterborough.dispute-1', revision: 0n, position: 6n, event: toEventData(appended) });
    expect(fromResolvedEvent(ours, strip)).toMatchObject({ ok: true, event: { streamId: 'dispute-1' } });
    expect(fromResolvedEvent(theirs, strip)).toMatchObject({ ok: false });
  });

  it('skips system events and events this engine never writes (binary data, JSON that is not an object)', () => {
    const system = recordedOnServer({ streamId: '$stats-127.0.0.1:2113', revision: 0n, position: 7n, event: jsonEvent({ type: '$statsCollected', data: {} }) });
    const metadataEvent = recordedOnServer({ streamId: 's', revision: 0n, position: 8n, event: jsonEvent({ type: '$metadata', data: {} }) });
    const binary = recordedOnServer({ streamId: 's', revision: 1n, position: 9n, event: binaryEvent({ type: 'Blob', data: new Uint8Array([1, 2, 3]) }) });
    const array = recordedOnServer({ streamId: 's', revision: 2n, position: 10n, event: jsonEvent({ type: 'List', data: [1, 2] }) });
    for (const resolved of [system, metadataEvent, binary, array]) expect(fromResolvedEvent(resolved, keepAll).ok).toBe(false);
    expect(isSystemEvent('$$dispute-1', 'Whatever')).toBe(true);
    expect(isSystemEvent('dispute-1', 'DisputeRaised')).toBe(false);
  });

  it('skips a link whose event is gone', () => {
    expect(fromResolvedEvent({ commitPosition: 12n }, keepAll)).toMatchObject({ ok: false });
  });
});
