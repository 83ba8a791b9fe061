import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStore } from './idempotency.store.js';

describe('IdempotencyStore', () => {
  let dir: string;
  let store: IdempotencyStore;
  const response = { status: 201, headers: { location: '/disputes/d-1', etag: '"0"' }, body: '{"id":"d-1","revision":0,"position":1}' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idempotency-store-'));
    store = IdempotencyStore.open(dir);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the first request claim a key', () => {
    expect(store.claim('p-1', 'k', 'f-1', 1_000)).toEqual({ kind: 'claimed' });
  });

  it('tells a second request that the claim is still pending', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    expect(store.claim('p-1', 'k', 'f-1', 2_000)).toEqual({ kind: 'pending', fingerprint: 'f-1', claimedAt: 1_000, owner: store.owner });
  });

  it('names the process run that holds a pending claim, and a taker becomes its owner', () => {
    const other = new IdempotencyStore(join(dir, 'http.sqlite'), '999999:another-run');
    other.claim('p-1', 'k', 'f-1', 1_000);
    expect(store.claim('p-1', 'k', 'f-1', 2_000)).toMatchObject({ kind: 'pending', owner: '999999:another-run' });
    expect(store.takeOver('p-1', 'k', 'f-1', 1_000, 3_000)).toBe(true);
    expect(other.claim('p-1', 'k', 'f-1', 4_000)).toMatchObject({ kind: 'pending', claimedAt: 3_000, owner: store.owner });
    other.close();
  });

  it('answers the stored response once completed', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    store.complete('p-1', 'k', response);
    expect(store.claim('p-1', 'k', 'f-2', 2_000)).toEqual({ kind: 'completed', fingerprint: 'f-1', response });
  });

  it('scopes keys by principal', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    expect(store.claim('p-2', 'k', 'f-1', 1_000)).toEqual({ kind: 'claimed' });
  });

  it('frees a released claim for a retry', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    store.release('p-1', 'k');
    expect(store.claim('p-1', 'k', 'f-1', 2_000)).toEqual({ kind: 'claimed' });
  });

  it('never releases a completed record', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    store.complete('p-1', 'k', response);
    store.release('p-1', 'k');
    expect(store.claim('p-1', 'k', 'f-1', 2_000).kind).toBe('completed');
  });

  it('lets one taker over a stale claim, once', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    expect(store.takeOver('p-1', 'k', 'f-1', 1_000, 90_000)).toBe(true);
    expect(store.takeOver('p-1', 'k', 'f-1', 1_000, 90_001)).toBe(false);
  });

  it('keeps records across reopening the file', () => {
    store.claim('p-1', 'k', 'f-1', 1_000);
    store.complete('p-1', 'k', response);
    store.close();
    store = IdempotencyStore.open(dir);
    expect(store.claim('p-1', 'k', 'f-1', 2_000)).toEqual({ kind: 'completed', fingerprint: 'f-1', response });
  });

  it('prunes records claimed before a given instant', () => {
    store.claim('p-1', 'old', 'f', 1_000);
    store.claim('p-1', 'new', 'f', 5_000);
    expect(store.prune(2_000)).toBe(1);
    expect(store.claim('p-1', 'old', 'f', 6_000)).toEqual({ kind: 'claimed' });
  });
});
