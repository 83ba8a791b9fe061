import { type RecordedEvent } from '../event-store.port.js';
import { type ChainEvent } from './chain-event.js';
import { type ChainFailure, compareFailures } from './chain-failure.js';
import { eventHash, storedSeal, type StoredSeal } from './event-seal.js';

/** A removed event's neighbours on the chain, so the log's gaps can say where it stood. */
export interface RemovedSpan {
  readonly failure: ChainFailure;
  /** Position of the chain's event before it (null: none) and after it. */
  readonly after: bigint | null;
  readonly before: bigint | null;
}

export interface StreamDiagnosis {
  readonly failures: ChainFailure[];
  readonly removed: RemovedSpan[];
}

interface Entry {
  readonly event: ChainEvent;
  /** Index in stored revision order. */
  readonly index: number;
  readonly seal: StoredSeal;
  /** The revision the event's seal holds for, null when it holds for none (its content changed). */
  readonly sealedAt: bigint | null;
  /** Its place on the chain, once known. */
  slot: bigint | null;
  inserted: 'copy' | 'unlinked' | 'duplicate' | null;
}

/** Revisions tried when looking for the one an event was sealed at: enough for any plausible shift. */
const MAX_REVISIONS_TRIED = 10_000;

/**
 * Says exactly how one stream's chain broke. The events are taken as stored (any order; sorted by
 * their stored revision here). Each event's seal is tried where it stands and, when it does not
 * hold there, at the other revisions: an event whose seal holds somewhere is intact and was sealed
 * for that place. Events whose seal holds nowhere are placed by the chain's links (the next event
 * names its hash, or it names the previous one's). Then: a place nobody fills was removed; an
 * event off the chain was inserted; an intact event out of its sealed order was reordered; a link
 * that does not hold between two intact events means the first was changed and sealed again.
 */
export function diagnoseStream(stored: readonly ChainEvent[]): StreamDiagnosis {
  const events = [...stored].sort((a, b) => (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
  const streamId = events[0]?.streamId ?? '';
  const highest = events.at(-1)?.revision ?? -1n;
  const entries: Entry[] = events.map((event, index) => {
    const seal = storedSeal(event.metadata);
    return { event, index, seal, sealedAt: sealedRevision(event, seal, highest, events.length), slot: null, inserted: null };
  });

  placeIntactEvents(entries);
  placeChangedEvents(entries);

  const failures: ChainFailure[] = [];
  const removed: RemovedSpan[] = [];
  const failed = new Set<Entry>();
  const fail = (entry: Entry, kind: ChainFailure['kind'], detail: string) => {
    if (failed.has(entry)) return;
    failed.add(entry);
    failures.push(failureAt(entry.event, kind, detail));
  };

  for (const entry of entries) {
    if (entry.inserted === 'copy') fail(entry, 'inserted', `${describe(entry.event)} is not on the stream's chain: it carries a copy of another event's seal.`);
    else if (entry.inserted === 'duplicate') fail(entry, 'inserted', `${describe(entry.event)} is not on the stream's chain: another event holds the place it is sealed for, and the chain goes on from that one.`);
    else if (entry.inserted === 'unlinked') fail(entry, 'inserted', `${describe(entry.event)} is not on the stream's chain: no event chains to it and its seal does not hold.`);
    else if (entry.sealedAt === null) fail(entry, 'changed', `${describe(entry.event)} is not what was sealed: ${changeOf(entry)}.`);
  }

  const chain = entries.filter((e) => e.slot !== null).sort((a, b) => compareBig(a.slot as bigint, b.slot as bigint));
  const bySlot = new Map(chain.map((e) => [e.slot as bigint, e]));
  const top = chain.at(-1)?.slot ?? -1n;

  // Places on the chain that nobody fills.
  let previous: Entry | null = null;
  for (let slot = 0n; slot <= top; slot++) {
    const entry = bySlot.get(slot);
    if (entry !== undefined) {
      previous = entry;
      continue;
    }
    let next: Entry | undefined;
    for (let s = slot + 1n; s <= top && next === undefined; s++) next = bySlot.get(s);
    const failure: ChainFailure = {
      kind: 'removed',
      streamId,
      revision: slot,
      position: null,
      eventId: null,
      type: null,
      detail: `The event sealed as revision ${slot} of ${streamId} is missing: ${next ? `revision ${next.slot}'s chain leads back to a hash no event in the stream has` : 'the chain skips it'}.`,
    };
    failures.push(failure);
    removed.push({ failure, after: previous?.event.position ?? null, before: next?.event.position ?? null });
  }

  // Links between neighbours on the chain.
  for (const entry of chain) {
    if (entry.sealedAt === null) continue;
    const slot = entry.slot as bigint;
    if (slot === 0n) {
      if (entry.seal.previousHash !== null) fail(entry, 'changed', `${describe(entry.event)} opens the stream but chains to an earlier hash: its seal was made for another history.`);
      continue;
    }
    const before = bySlot.get(slot - 1n);
    if (before === undefined || before.sealedAt === null || failed.has(before)) continue;
    if (entry.seal.previousHash !== before.seal.hash) {
      fail(before, 'changed', `${describe(before.event)} was changed and sealed again: the next event's chain still names the hash it had.`);
    }
  }

  // Intact events out of the order they were sealed in (by revision, then by position).
  const inStoredOrder = chain.filter((e) => !failed.has(e)).sort((a, b) => a.index - b.index);
  for (const i of outOfOrder(inStoredOrder.map((e) => e.slot as bigint))) {
    const entry = inStoredOrder[i] as Entry;
    fail(entry, 'reordered', `${describe(entry.event)} was sealed as revision ${entry.slot}: it has been moved.`);
  }
  const inSlotOrder = chain.filter((e) => !failed.has(e));
  for (const i of outOfOrder(inSlotOrder.map((e) => e.event.position))) {
    const entry = inSlotOrder[i] as Entry;
    fail(entry, 'reordered', `${describe(entry.event)} stands at a position out of its stream's order: it has been moved in the log.`);
  }

  // Renumbered with nothing removed or inserted before it to explain the shift.
  const firstShiftCause = Math.min(
    ...entries.filter((e) => e.inserted !== null).map((e) => Number(e.event.revision)),
    ...removed.map((r) => Number(r.failure.revision)),
  );
  for (const entry of chain) {
    if (failed.has(entry) || entry.event.revision === entry.slot) continue;
    if (Number(entry.slot) >= firstShiftCause || Number(entry.event.revision) >= firstShiftCause) continue;
    fail(entry, 'reordered', `${describe(entry.event)} was sealed as revision ${entry.slot}: it has been renumbered.`);
  }

  return { failures: failures.sort(compareFailures), removed };
}

/** Intact events take the place they were sealed for; of two sealed for one place, the one the chain goes on from (else the first written). */
function placeIntactEvents(entries: Entry[]): void {
  const referenced = new Set(entries.map((e) => e.seal.previousHash).filter((h): h is string => typeof h === 'string'));
  const bySealed = new Map<bigint, Entry[]>();
  for (const entry of entries) {
    if (entry.sealedAt === null) continue;
    bySealed.set(entry.sealedAt, [...(bySealed.get(entry.sealedAt) ?? []), entry]);
  }
  for (const [slot, claimants] of bySealed) {
    // Failing a link to decide, the one written first: an inserted event comes later in the log.
    const first = claimants.reduce((a, b) => (b.event.position < a.event.position ? b : a));
    const kept = claimants.find((e) => e.seal.hash !== null && referenced.has(e.seal.hash)) ?? first;
    kept.slot = slot;
    for (const other of claimants) if (other !== kept) other.inserted = 'duplicate';
  }
  // A changed event that kept another's seal is a copy, not that event.
  const intactHashes = new Set(entries.filter((e) => e.slot !== null).map((e) => e.seal.hash));
  for (const entry of entries) if (entry.sealedAt === null && entry.seal.hash !== null && intactHashes.has(entry.seal.hash)) entry.inserted = 'copy';
}

/**
 * Events whose seal holds nowhere: placed by the chain's links (the next event names their hash, or
 * they name the previous one's), or failing that between two neighbours with exactly one place
 * free between them. Anything left is off the chain: inserted.
 */
function placeChangedEvents(entries: Entry[]): void {
  const pending = () => entries.filter((e) => e.sealedAt === null && e.inserted === null && e.slot === null);
  const taken = () => new Set(entries.filter((e) => e.slot !== null).map((e) => e.slot as bigint));
  for (let changed = true; changed; ) {
    changed = false;
    for (const entry of pending()) {
      const slots = taken();
      const placed = entries.filter((e) => e.slot !== null);
      const successor = entry.seal.hash === null ? undefined : placed.find((e) => e.seal.previousHash === entry.seal.hash);
      const predecessor = typeof entry.seal.previousHash === 'string' ? placed.find((e) => e.seal.hash === entry.seal.previousHash) : undefined;
      let slot: bigint | null = null;
      if (successor !== undefined && (successor.slot as bigint) > 0n) slot = (successor.slot as bigint) - 1n;
      else if (predecessor !== undefined) slot = (predecessor.slot as bigint) + 1n;
      else if (entry.seal.previousHash === null && entry.index === 0) slot = 0n;
      if (slot !== null && !slots.has(slot)) {
        entry.slot = slot;
        changed = true;
      }
    }
  }
  for (const entry of pending()) {
    const slots = taken();
    const before = [...entries.slice(0, entry.index)].reverse().find((e) => e.slot !== null);
    const after = entries.slice(entry.index + 1).find((e) => e.slot !== null);
    const low = before?.slot ?? -1n;
    const slot = low + 1n;
    const fits = after === undefined ? entry.index === entries.length - 1 : (after.slot as bigint) === low + 2n;
    if (fits && !slots.has(slot)) entry.slot = slot;
    else entry.inserted = 'unlinked';
  }
}

/**
 * The revision this event's seal holds for: where it stands first, then any other. A withheld
 * event's seal is taken as it is (its content is not there to hash; the next event's seal covers
 * the hash it names).
 */
function sealedRevision(event: ChainEvent, seal: StoredSeal, highest: bigint, count: number): bigint | null {
  if (seal.hash === null || event.content === 'unreadable') return null;
  if (event.content === 'withheld') return event.revision;
  if (eventHash(event) === seal.hash) return event.revision;
  const last = highest + BigInt(count) + 1n;
  for (let r = 0n, tried = 0; r <= last && tried < MAX_REVISIONS_TRIED; r++, tried++) {
    if (r !== event.revision && eventHash({ ...event, revision: r }) === seal.hash) return r;
  }
  return null;
}

/**
 * Indices of the values that are not in every longest strictly increasing subsequence: the ones
 * that must have moved, whichever way the rest is read (for a swap of two, both).
 */
export function outOfOrder(values: readonly bigint[]): number[] {
  const n = values.length;
  const ending = new Array<number>(n).fill(1);
  const starting = new Array<number>(n).fill(1);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if ((values[j] as bigint) < (values[i] as bigint)) ending[i] = Math.max(ending[i] as number, (ending[j] as number) + 1);
  for (let i = n - 1; i >= 0; i--) for (let j = n - 1; j > i; j--) if ((values[j] as bigint) > (values[i] as bigint)) starting[i] = Math.max(starting[i] as number, (starting[j] as number) + 1);
  const longest = Math.max(0, ...ending);
  const onSome = values.map((_, i) => (ending[i] as number) + (starting[i] as number) - 1 === longest);
  const atLength = new Map<number, number>();
  onSome.forEach((on, i) => on && atLength.set(ending[i] as number, (atLength.get(ending[i] as number) ?? 0) + 1));
  return values.flatMap((_, i) => (onSome[i] && atLength.get(ending[i] as number) === 1 ? [] : [i]));
}

function changeOf(entry: Entry): string {
  if (entry.event.content === 'unreadable') return 'its stored bytes are no longer readable JSON';
  if (entry.seal.hash === null) return 'its seal has been removed';
  return 'its content or its seal has been changed since';
}

function failureAt(event: RecordedEvent, kind: ChainFailure['kind'], detail: string): ChainFailure {
  return { kind, streamId: event.streamId, revision: event.revision, position: event.position, eventId: event.id, type: event.type, detail };
}

function describe(event: RecordedEvent): string {
  return `${event.type} at revision ${event.revision} of ${event.streamId} (position ${event.position}, event ${event.id})`;
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
