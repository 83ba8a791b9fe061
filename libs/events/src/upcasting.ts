import { type JsonObject } from '#core';

type Upcaster = (data: JsonObject) => JsonObject;

/**
 * Brings an old event's data up to the schema the code reads today, on every read, so events are
 * never rewritten and old streams keep replaying after a schema change.
 */
export class EventUpcaster {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  constructor(private readonly currentVersions: (type: string) => number = () => 1) {}

  /** Registers the step that turns `type` at `fromVersion` into `fromVersion + 1`. */
  register(type: string, fromVersion: number, step: Upcaster): this {
    const byVersion = this.steps.get(type) ?? new Map<number, Upcaster>();
    byVersion.set(fromVersion, step);
    this.steps.set(type, byVersion);
    return this;
  }

  upcast(type: string, version: number, data: JsonObject): JsonObject {
    const target = this.currentVersions(type);
    let current = data;
    for (let v = version; v < target; v++) {
      const step = this.steps.get(type)?.get(v);
      if (!step) throw new Error(`No upcaster for ${type} from schema version ${v}`);
      current = step(current);
    }
    return current;
  }
}
