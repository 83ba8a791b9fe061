import { Inject, Injectable, Optional } from '@nestjs/common';
import { CASES_PROJECTION, ReadModels } from '#projections';
import { type CommandResult } from '../command-result.js';
import { type Principal } from '../principal.js';

const MAX_PRINCIPALS = 10_000;
const DEFAULT_WAIT_MS = 2_000;

/** How long a read waits for the projections to reach the caller's writes (tests shorten it). */
export const READ_YOUR_WRITES_TIMEOUT_MS = Symbol('READ_YOUR_WRITES_TIMEOUT_MS');

/**
 * Read-your-writes for the projections: remembers, per person, the highest log position their
 * commands reached, and makes their next list or work-queue read wait (briefly) until the case
 * projection has applied it. A wait that times out answers anyway: a slow read model must not
 * turn into a failed request.
 */
@Injectable()
export class ReadYourWrites {
  private readonly positions = new Map<string, bigint>();

  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Optional() @Inject(READ_YOUR_WRITES_TIMEOUT_MS) private readonly timeoutMs: number = DEFAULT_WAIT_MS,
  ) {}

  noted(principal: Principal, result: CommandResult): void {
    const known = this.positions.get(principal.personId) ?? 0n;
    if (result.position <= known) return;
    // Most recent writers last, so the oldest entry goes first when the map is full.
    this.positions.delete(principal.personId);
    this.positions.set(principal.personId, result.position);
    if (this.positions.size > MAX_PRINCIPALS) this.positions.delete(this.positions.keys().next().value as string);
  }

  /** Passes a command's result through, noting its position for the principal who sent it. */
  async track<T extends CommandResult>(principal: Principal, result: Promise<T>): Promise<T> {
    const done = await result;
    this.noted(principal, done);
    return done;
  }

  positionOf(principal: Principal): bigint {
    return this.positions.get(principal.personId) ?? 0n;
  }

  /**
   * Waits until the case projection reflects the principal's own writes (and `minPosition`, a
   * position the client says it has seen). Answers false if it gave up waiting.
   */
  async settle(principal: Principal, minPosition = 0n): Promise<boolean> {
    const own = this.positionOf(principal);
    const target = own > minPosition ? own : minPosition;
    if (target === 0n) return true;
    return this.readModels.waitFor(target, this.timeoutMs, [CASES_PROJECTION]);
  }
}
