import { type Position } from '@eventstore/db-client';

/**
 * The port's bigint position is the event's commit position in the transaction log.
 *
 * Every append made over gRPC (all this engine does; KurrentDB 24.10+ has no other protocol) writes
 * each event as a self-committing record, so its commit and prepare positions are equal and unique,
 * and ordering by commit position is $all's order. A position is handed back to the server as
 * { commit: p, prepare: p }. Only the legacy TCP protocol's explicit transactions put several
 * events under one commit record (commit ≠ prepare, a shared commit position); such events are never
 * in this engine's streams, and a reader that already passed their shared position skips the rest.
 */
export function portPosition(position: Position): bigint {
  return position.commit;
}

export function clientPosition(position: bigint): Position {
  if (position < 0n) throw new RangeError(`A log position is never negative, got ${position}`);
  return { commit: position, prepare: position };
}
