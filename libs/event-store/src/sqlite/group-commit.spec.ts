import { EventStoreClosedError } from '../event-store-closed.error.js';
import { GroupCommit, type Outcome } from './group-commit.js';

describe('GroupCommit', () => {
  it('commits requests of one turn in one batch and answers each in order', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>((requests) => {
      batches.push([...requests]);
      return requests.map((n): Outcome<number> => (n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 }));
    }, 100);
    const settled = await Promise.allSettled([group.submit(1), group.submit(-2), group.submit(3)]);
    expect(batches).toEqual([[1, -2, 3]]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([10, 'bad -2', 30]);
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>((requests) => {
      sizes.push(requests.length);
      return requests.map((value) => ({ ok: true, value }));
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('rejects every request of a batch whose commit failed', async () => {
    const group = new GroupCommit<number, number>(() => {
      throw new Error('disk full');
    }, 10);
    const settled = await Promise.allSettled([group.submit(1), group.submit(2)]);
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as Error).message === 'disk full')).toBe(true);
  });

  it('flushes on close and refuses later requests', async () => {
    const group = new GroupCommit<number, number>((requests) => requests.map((value) => ({ ok: true, value })), 2);
    const pending = [group.submit(1), group.submit(2), group.submit(3)];
    group.close();
    await expect(Promise.all(pending)).resolves.toEqual([1, 2, 3]);
    await expect(group.submit(4)).rejects.toBeInstanceOf(EventStoreClosedError);
  });
});
