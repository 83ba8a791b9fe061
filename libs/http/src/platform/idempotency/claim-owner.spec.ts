import { spawnSync } from 'node:child_process';
import { claimOwnerIsGone, newClaimOwner } from './claim-owner.js';

describe('the owner of an idempotency claim', () => {
  const self = newClaimOwner();

  it('is gone when it is this run (the caller has nothing of the key in flight)', () => {
    expect(claimOwnerIsGone(self, self)).toBe(true);
  });

  it('is gone when it is an earlier run with this pid (a restarted container)', () => {
    expect(claimOwnerIsGone(`${process.pid}:an-earlier-run`, self)).toBe(true);
  });

  it('is gone when its process has exited', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(claimOwnerIsGone(`${exited}:its-run`, self)).toBe(true);
  });

  it('is not gone while its process runs', () => {
    expect(claimOwnerIsGone(`${process.ppid}:its-run`, self)).toBe(false);
  });

  it('is never presumed gone when unknown (a claim from before owners were kept)', () => {
    expect(claimOwnerIsGone(null, self)).toBe(false);
    expect(claimOwnerIsGone('not-a-pid', self)).toBe(false);
  });
});
