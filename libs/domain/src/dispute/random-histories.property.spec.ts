import fc from 'fast-check';
import { transition } from 'xstate';
import { AppError } from '#core';
import { allowedCommands } from './decide-dispute.js';
import { CASE_COMMANDS, type DisputeCommandName } from './dispute-commands.js';
import { STEP_NAMES } from './dispute-context.js';
import { disputeMachine } from './dispute-machine.js';
import { applyDisputeEvent, type DisputeSnapshot, stateNameOf } from './dispute-state.js';
import { ACTORS, type ActorName, DisputeScenario } from './testing/dispute-scenario.js';
import { offeredButNotAllowed } from './testing/offered-steps.js';
import { plausibleCommand } from './testing/plausible-payloads.js';

const CAST = Object.keys(ACTORS) as ActorName[];
/** One of each kind of actor that can move a case on: enough to ask who is offered what. */
const MOVERS: ActorName[] = [
  'complainant',
  'respondent',
  'secretariat',
  'chair',
  'mediator',
  'secondMediator',
  'panelChair',
  'secondPanelChair',
  'statutoryPanelist',
];
const NAMES: DisputeCommandName[] = [...CASE_COMMANDS, 'record-missed-deadline', 'record-missed-action'];
/** States a case only passes through inside one command: never seen between commands. */
const TRANSIENT = ['closing', 'afterFindings'];

const step = fc.record({
  actor: fc.nat({ max: CAST.length - 1 }),
  command: fc.nat({ max: 999 }),
  /** Most steps pick among what the actor is offered, so histories get deep; the rest are anything at all. */
  fromOffered: fc.nat({ max: 9 }).map((n) => n < 8),
  variant: fc.nat({ max: 9 }),
  pick: fc.nat({ max: 999 }),
  days: fc.integer({ min: 0, max: 15 }),
  hours: fc.integer({ min: 0, max: 23 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Offered commands that move the case on rather than end it early or only add to the file. */
const SIDE_STEPS: readonly DisputeCommandName[] = [
  'add-note',
  'add-evidence',
  'record-lesson',
  'withdraw',
  'refer-externally',
  'agree-resolution',
  'suspend',
  'extend-deadline',
  'vary-action',
];

/**
 * Most steps take something offered to someone in the cast (mostly a step forward, so histories
 * reach the CDG stage and beyond); the rest send any command as a random actor.
 */
function chooseCommand(s: DisputeScenario, st: Step): { actorName: ActorName; name: DisputeCommandName } {
  if (st.fromOffered) {
    const offered: { actorName: ActorName; name: DisputeCommandName }[] = MOVERS.flatMap((actorName) =>
      allowedCommands(s.current, ACTORS[actorName], s.at).map((name) => ({ actorName, name })),
    );
    if (s.context.deadlines.some((d) => d.status === 'open' && d.dueOn < s.today)) offered.push({ actorName: 'system', name: 'record-missed-deadline' });
    if (s.context.actions.some((a) => a.status === 'open' && a.dueDate < s.today)) offered.push({ actorName: 'system', name: 'record-missed-action' });
    const forward = offered.filter((o) => !SIDE_STEPS.includes(o.name));
    const pool = forward.length > 0 && st.variant < 8 ? forward : offered;
    if (pool.length > 0) return pool[st.command % pool.length] as { actorName: ActorName; name: DisputeCommandName };
  }
  const actorName = CAST[st.actor] as ActorName;
  if (actorName === 'system') return { actorName, name: st.command % 2 === 0 ? 'record-missed-deadline' : 'record-missed-action' };
  return { actorName, name: NAMES[st.command % NAMES.length] as DisputeCommandName };
}

/** Where the random part starts: a freshly raised dispute, or one walked further along the standard story. */
const STARTS = ['raised', 'formal.awaitingDecision', 'cdg.triage', 'cdg.panel.deliberation', 'actionsOpen'] as const;

function runHistory(urgent: boolean, start: (typeof STARTS)[number], steps: Step[]): void {
  const s = new DisputeScenario();
  s.raise(urgent ? { urgent: true, dates: { noticeReceived: '2026-02-20', changeEffective: '2026-04-15' } } : {});
  if (start !== 'raised') s.upTo(start);
  let replayed: DisputeSnapshot = s.replay();
  let highest = s.context.highestStage ?? 0;

  for (const st of steps) {
    s.advance(st.days + st.hours / 24);
    const { actorName, name } = chooseCommand(s, st);
    const command = plausibleCommand(name, s.context, ACTORS[actorName], s.today, st.variant, st.pick);
    const before = s.current;
    const revision = s.log.length;

    let events;
    try {
      events = s.run(actorName, command);
    } catch (error) {
      // A refusal is one of the typed family (never a TypeError) and leaves the case untouched.
      if (!(error instanceof AppError)) throw error;
      expect(s.current).toBe(before);
      expect(s.log).toHaveLength(revision);
      continue;
    }

    // The log grows by exactly the events returned, in order: revisions stay contiguous.
    expect(events.length).toBeGreaterThan(0);
    expect(s.log.slice(revision).map(({ type, data }) => ({ type, data }))).toEqual(events);
    expect(events.slice(0, -1).some((e) => e.type === 'CaseClosed')).toBe(false);

    // Folding the stored events gives the live case, and the very state XState's own transition() gives.
    for (const event of s.log.slice(revision)) {
      const [byXState] = transition(disputeMachine, replayed, event);
      replayed = applyDisputeEvent(replayed, event);
      expect(JSON.stringify([replayed.value, replayed.context, replayed.status])).toBe(JSON.stringify([byXState.value, byXState.context, byXState.status]));
    }
    expect(stateNameOf(replayed)).toBe(s.state);
    // JSON first because it is fast; toEqual only to show the difference.
    if (JSON.stringify(replayed.context) !== JSON.stringify(s.context)) expect(replayed.context).toEqual(s.context);

    // Invariants between commands.
    expect(TRANSIENT).not.toContain(s.state);
    const running = s.context.deadlines.filter((d) => d.status === 'open' || d.status === 'paused');
    if (s.state === 'suspended') expect(running.every((d) => d.status === 'paused')).toBe(true);
    else expect(running.every((d) => d.status === 'open')).toBe(true);
    if (s.state === 'closed') expect(running.map((d) => d.step).filter((x) => x !== 'reopening-decision')).toEqual([]);
    if (s.state === 'actionsOpen') expect(s.context.actions.some((a) => a.status === 'open')).toBe(true);
    expect((s.context.outcome !== null) === (s.state === 'closed')).toBe(true);
    if ((STEP_NAMES as readonly string[]).includes(s.state)) expect(s.context.step).toBe(s.state);
    if (s.state === 'suspended') expect(s.context.suspension?.from).toBe(s.context.step);
    if (s.state === 'cdg.mediation') expect(s.context.mediatorId).not.toBeNull();
    if (s.state.startsWith('cdg.panel.')) expect(s.context.panel).not.toBeNull();
    expect(s.context.highestStage ?? 0).toBeGreaterThanOrEqual(highest);
    highest = s.context.highestStage ?? 0;
    expect(new Set(s.context.deadlines.map((d) => d.id)).size).toBe(s.context.deadlines.length);
    expect(new Set(s.context.actions.map((a) => a.actionId)).size).toBe(s.context.actions.length);
    // The work queue asks only for what the machine allows each step's audience now.
    expect(offeredButNotAllowed(s.current, s.at)).toEqual([]);
  }

  expect(s.replayed()).toEqual(s.live);
}

describe('random histories', () => {
  it('replay to the live case, grow the log only by what was returned, refuse only with typed errors that change nothing, and offer as next steps only what is allowed', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...STARTS), fc.array(step, { minLength: 1, maxLength: 25 }), runHistory),
      { numRuns: 200 },
    );
  });
});
