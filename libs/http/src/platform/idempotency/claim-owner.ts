import { randomUUID } from 'node:crypto';

/** Who holds a claim: this process's id and an id of this run, so a later process with the same pid is told apart. */
export const newClaimOwner = (): string => `${process.pid}:${randomUUID()}`;

/**
 * Whether the process that claimed a key can no longer be running it: it is this very run (and
 * the caller knows it has nothing of that key in flight), or a process that has exited, or an
 * earlier process that had this pid (a restarted container is often pid 1 again). A claim without
 * an owner (written by an older version) is never presumed gone; it can still go stale.
 * The data directory is one host's (SQLite shares no files across hosts), so a pid names a process.
 */
export function claimOwnerIsGone(owner: string | null, self: string): boolean {
  if (owner === null) return false;
  if (owner === self) return true;
  const pid = Number(owner.split(':')[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
