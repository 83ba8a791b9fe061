import { type DisputeEvent, type DisputeEventDataMap, type DisputeEventType } from '../dispute-events.js';

/** The event types, in order: what most `then` clauses compare. */
export const typesOf = (events: readonly { readonly type: string }[]): string[] => events.map((e) => e.type);

/** The data of the one event of this type among those a command produced. */
export function dataOf<T extends DisputeEventType>(events: readonly DisputeEvent[], type: T): DisputeEventDataMap[T] {
  const found = events.filter((e) => e.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length} in ${typesOf(events).join(', ')}`);
  return (found[0] as Extract<DisputeEvent, { type: T }>).data as DisputeEventDataMap[T];
}
