import { addCalendarDays } from '../../calendar/index.js';
import { type Actor, organisationActedFor } from '../../shared/actor.js';
import { type ActionInput } from '../actions/agreed-actions.js';
import { currentAppointeeIds } from '../cdg/cdg.rules.js';
import { type AgreedAction, type DisputeContext } from '../dispute-context.js';
import { partyIds } from '../parties.js';

/**
 * What a plausible payload may draw on: the case as it stands (so the action, deadline, appointee
 * or objection it names exists), the actor, and two random numbers. `variant` 0 is the plain valid
 * payload; other variants pick other valid values, and the highest ones (8, 9: `bad`) break a rule
 * the decider checks, so random histories also exercise the 400s.
 */
export interface PayloadContext {
  readonly c: DisputeContext;
  readonly actor: Actor;
  readonly today: string;
  /** Which of the valid values (0: the plain payload). */
  readonly variant: number;
  /** Which of several names or dates, round and round. */
  readonly pick: number;
  /** Variants 8 and 9: the payload breaks a rule the decider checks (a 400). */
  readonly bad: boolean;
  readonly parties: readonly string[];
  /** The organisation the actor acts for, if any. */
  readonly org: string | null;
  readonly openActions: readonly AgreedAction[];
  readonly openIds: readonly string[];
  readonly appointees: readonly string[];
  /** The `pick`th of a list (round and round), or the fallback when it is empty. */
  nth<T>(list: readonly T[], fallback: T): T;
  /** `today` plus some calendar days. */
  later(days: number): string;
  /** Some actions for a resolution or findings, owned round the cast; a bad variant names an unknown owner. */
  actionInputs(n: number): ActionInput[];
}

/** For each command: a valid payload on the scenario's standard case (charity against council), and a plausible one on any case. */
export interface CommandExample<P> {
  readonly valid: P;
  readonly plausible: (x: PayloadContext) => unknown;
}

export type CommandExamples<M> = { readonly [K in keyof M]: CommandExample<M[K]> };

export function payloadContext(c: DisputeContext, actor: Actor, today: string, variant: number, pick: number): PayloadContext {
  const bad = variant >= 8;
  const openActions = c.actions.filter((a) => a.status === 'open');
  const later = (days: number) => addCalendarDays(today, days);
  return {
    c,
    actor,
    today,
    variant,
    pick,
    bad,
    parties: partyIds(c),
    org: organisationActedFor(actor),
    openActions,
    openIds: openActions.map((a) => a.actionId),
    appointees: currentAppointeeIds(c),
    nth: <T>(list: readonly T[], fallback: T): T => (list.length === 0 ? fallback : (list[pick % list.length] as T)),
    later,
    actionInputs: (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        description: `Action ${i + 1}`,
        ownerId: bad && i === 0 ? 'nobody' : (['council', 'charity', 'other'][(pick + i) % 3] as string),
        dueDate: later(20 + 25 * i + (pick % 40)),
        clause: i === 0 ? '3.2' : null,
      })),
  };
}
