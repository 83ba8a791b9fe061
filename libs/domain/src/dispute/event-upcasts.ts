import { type JsonObject } from '#core';
import { type DisputeEventType } from './dispute-events.js';

/** One step that brings an event's data from `fromVersion` to the next schema version. */
export interface EventUpcast {
  readonly type: DisputeEventType;
  readonly fromVersion: number;
  readonly step: (data: JsonObject) => JsonObject;
}

/** Schema 1 did not keep how these dates were computed: the rule and calendar are unknown (null). */
const unrecorded = (...rules: string[]) => (data: JsonObject): JsonObject => ({
  ...data,
  ...Object.fromEntries(rules.map((r) => [r, null])),
  calendarVersion: null,
});

const eachAction = (field: string) => (data: JsonObject): JsonObject => ({
  ...data,
  [field]: ((data[field] ?? []) as JsonObject[]).map((a) => ({ ...a, checkRule: null, calendarVersion: null })),
});

/**
 * Every change of an event's schema, oldest first; the newest step of a type sets the version it is
 * written at today (`schemaVersionOf`). Old events are never rewritten: these run on every read.
 *
 * Schema 1 → 2 added the rule and calendar of every computed working-day date, the consent to a
 * route and the panel chair's to a suspension, and the actions a closure or reopening left
 * unfinished. A schema-1 closure or reopening did not list those; the machine ends them all the same.
 */
export const DISPUTE_EVENT_UPCASTS: readonly EventUpcast[] = [
  // Before schema 2 mediation consent lived only in the chair's reason, which is not consent.
  { type: 'RouteChosen', fromVersion: 1, step: (data) => ({ ...data, consentFrom: [] }) },
  { type: 'MediatorAppointed', fromVersion: 1, step: unrecorded('objectionWindowRule') },
  { type: 'PanelAppointed', fromVersion: 1, step: unrecorded('objectionWindowRule') },
  { type: 'FindingsIssued', fromVersion: 1, step: eachAction('recommendations') },
  { type: 'ResolutionAgreed', fromVersion: 1, step: eachAction('actions') },
  { type: 'ActionVaried', fromVersion: 1, step: unrecorded('checkRule') },
  { type: 'ActionMissed', fromVersion: 1, step: unrecorded('reopenableUntilRule') },
  { type: 'CaseSuspended', fromVersion: 1, step: (data) => ({ ...unrecorded('untilRule')(data), panelChairConsent: null }) },
  { type: 'CaseClosed', fromVersion: 1, step: (data) => ({ ...unrecorded('reopenableUntilRule')(data), unfinishedActionIds: [] }) },
  { type: 'CaseReopened', fromVersion: 1, step: (data) => ({ ...data, unfinishedActionIds: [] }) },
];
