import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionStore } from './session-store.js';

describe('the pages\' session store', () => {
  let dir: string;
  let now: number;
  let store: SessionStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    now = Date.UTC(2026, 2, 2, 9);
    store = new SessionStore(join(dir, 'web-sessions.sqlite'), { idleMinutes: 30, absoluteHours: 8 }, () => now);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const minutes = (n: number) => (now += n * 60_000);

  it('keeps a session alive while it is used, and ends it after 30 minutes without a request', () => {
    const { sessionId } = store.create('p1', 'token:abc');
    minutes(29);
    expect(store.find(sessionId)?.personId).toBe('p1');
    minutes(29);
    expect(store.find(sessionId)?.personId).toBe('p1');
    minutes(31);
    expect(store.find(sessionId)).toBeNull();
    // Gone for good, not just hidden.
    now -= 60 * 60_000;
    expect(store.find(sessionId)).toBeNull();
  });

  it('ends a session 8 hours after sign-in however busy it is', () => {
    const { sessionId } = store.create('p1', 'token:abc');
    for (let i = 0; i < 16; i++) {
      minutes(29);
      expect(store.find(sessionId)).not.toBeNull();
    }
    minutes(29);
    expect(store.find(sessionId)).toBeNull();
  });

  it('keeps only a hash of the id: the file names no cookie', () => {
    const { sessionId, session } = store.create('p1', 'token:abc');
    expect(session.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.idHash).not.toContain(sessionId);
    expect(store.find(session.idHash)).toBeNull();
    expect(store.find('not an id')).toBeNull();
  });

  it('carries journey answers and a message with the session, and refuses too much of them', () => {
    const { sessionId, session } = store.create('p1', 'token:abc');
    store.saveData(session, { flash: 'Done', journeys: { raise: { key: 'k' } } });
    expect(store.find(sessionId)?.data).toEqual({ flash: 'Done', journeys: { raise: { key: 'k' } } });
    expect(() => store.saveData(session, { flash: 'x'.repeat(70_000) })).toThrow(RangeError);
  });

  it('forgets a session that is ended', () => {
    const { sessionId, session } = store.create('p1', 'token:abc');
    store.end(session);
    expect(store.find(sessionId)).toBeNull();
  });
});
