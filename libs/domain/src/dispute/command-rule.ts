import { type Actor, type Role } from '../shared/actor.js';
import { type DecisionEnv } from './decision-env.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeEvent, type DisputeEventType } from './dispute-events.js';

/** A rule about who acts: does this actor, on this case? */
export type ActorTest = (c: DisputeContext, actor: Actor) => boolean;

/** Who may send a command at all, whatever the case's state: the test, and the same in api.md's words (its "by" column, for /docs). */
export interface Who {
  readonly by: string;
  readonly may: ActorTest;
}

/**
 * Everything the engine knows about one command, beside its decider (Emmett's shape): the event
 * the machine is asked about, who may send it, and the pure decision. Failing `who` is a 403;
 * passing it but not the machine is a 409 that names the state; `decide` refuses what the payload
 * may not say with a 400.
 */
export interface CommandRule<P> {
  /** The event(s) it records first, when allowed: the machine is asked about these before the payload is read. */
  readonly events: readonly DisputeEventType[];
  /** What it does, in a line: for the API's documentation (and the pages). */
  readonly summary: string;
  readonly who: Who;
  /**
   * Why this actor may not send it with what it names (another organisation's action), or null.
   * Judged before `who` and the state, so it is a 403 ("you may not"), never a 409.
   */
  readonly refusalFor?: (c: DisputeContext, payload: P, actor: Actor) => string | null;
  /** The events it records. Reads only the case, the payload and the environment (time, actor, calendar, directory). */
  readonly decide: (c: DisputeContext, payload: P, env: DecisionEnv) => DisputeEvent[];
}

/** One rule per command of a stage; the compiler wants a rule for every command the stage declares. */
export type CommandTable<M> = { readonly [K in keyof M]: CommandRule<M[K]> };

/** Sent by whoever passes `may`, described as `by`. */
export const sentBy = (by: string, may: ActorTest): Who => ({ by, may });

/** Sent in one of these roles, whatever the case. */
export const role = (...roles: Role[]): Who => sentBy(roles.join(', '), (_c, actor) => roles.includes(actor.role));

export const anyOf =
  (...tests: ActorTest[]): ActorTest =>
  (c, actor) =>
    tests.some((test) => test(c, actor));
