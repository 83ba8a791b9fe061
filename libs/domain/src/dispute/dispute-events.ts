import { type Actor } from '../shared/actor.js';
import { type ActionsEvents } from './actions/actions.events.js';
import { type CaseFileEvents } from './case-file/case-file.events.js';
import { type CdgEvents } from './cdg/cdg.events.js';
import { type ClocksEvents } from './clocks/clocks.events.js';
import { type ClosureEvents } from './closure/closure.events.js';
import { DISPUTE_EVENT_UPCASTS } from './event-upcasts.js';
import { type FormalEvents } from './formal/formal.events.js';
import { type RaisingEvents } from './raising/raising.events.js';

export type { AgreedActionSpec } from './actions/actions.events.js';
export type { RecommendationSpec } from './cdg/cdg.events.js';
export type { MovedDeadline, PausedDeadline } from './clocks/clocks.events.js';
export type { ComputedWith } from './clocks/deadline-rules.js';
export type { PartySnapshot } from './raising/raising.events.js';

/** What each case event says, stage by stage. Past-tense facts; the machine folds them into the case. */
export interface DisputeEventDataMap extends RaisingEvents, FormalEvents, CdgEvents, ActionsEvents, ClosureEvents, CaseFileEvents, ClocksEvents {}

export type DisputeEventType = keyof DisputeEventDataMap;

/** A case event as a command decides it: the type and what it says. */
export type DisputeEvent = {
  [K in DisputeEventType]: { readonly type: K; readonly data: DisputeEventDataMap[K] };
}[DisputeEventType];

/** What the machine consumes: the event with who did it and when (from the event's metadata). */
export type DisputeMachineEvent = {
  [K in DisputeEventType]: {
    readonly type: K;
    readonly data: DisputeEventDataMap[K];
    readonly actor: Actor;
    readonly at: string;
  };
}[DisputeEventType];

/**
 * The schema version an event of this type is written at today: one past the newest upcast for it
 * (event-upcasts.ts), so adding an upcast is what moves a type to its next version; 1 for types
 * never changed, and for types this code does not know.
 */
export const schemaVersionOf = (type: string): number => CURRENT_VERSIONS.get(type) ?? 1;

const CURRENT_VERSIONS = new Map<string, number>();
for (const u of DISPUTE_EVENT_UPCASTS) CURRENT_VERSIONS.set(u.type, Math.max(CURRENT_VERSIONS.get(u.type) ?? 1, u.fromVersion + 1));
