import { initialTransition } from 'xstate';
import { machineAllows } from './decide-dispute.js';
import { CASE_COMMANDS } from './dispute-commands.js';
import { disputeMachine } from './dispute-machine.js';
import { initialDisputeSnapshot, replayDispute, stateNameOf } from './dispute-state.js';
import { ACTORS, type ActorName, DisputeScenario } from './testing/dispute-scenario.js';
import { LIFECYCLES } from './testing/lifecycles.js';

/*
 * The write path shares answers that are worked out once: one initial state for every new case,
 * and machineAllows' last answer (asked twice per command, of the same objects). Neither may ever
 * give an answer that working it out afresh would not.
 */

const CAST: ActorName[] = ['complainant', 'respondent', 'secretariat', 'chair', 'mediator', 'panelChair', 'auditor', 'secretariatForRespondent'];

describe('the shared initial state', () => {
  it('is one state, equal to a freshly worked out one, and stays so after cases are raised and run from it', () => {
    const fresh = initialTransition(disputeMachine)[0];
    expect(initialDisputeSnapshot()).toBe(initialDisputeSnapshot());
    for (const lifecycle of Object.values(LIFECYCLES)) replayDispute(lifecycle().log);
    const shared = initialDisputeSnapshot();
    expect(stateNameOf(shared)).toBe('new');
    expect(shared.value).toEqual(fresh.value);
    expect(shared.context).toEqual(fresh.context);
    expect(JSON.stringify(shared.context)).toBe(JSON.stringify(fresh.context));
  });

  it('gives two cases raised one after the other their own states', () => {
    const first = new DisputeScenario().raise();
    const second = new DisputeScenario().raise({ summary: 'Another dispute' });
    expect(first.context.summary).not.toBe(second.context.summary);
    expect(first.current).not.toBe(second.current);
    expect(stateNameOf(initialDisputeSnapshot())).toBe('new');
    expect(initialDisputeSnapshot().context.summary).not.toBe(first.context.summary);
  });
});

describe("machineAllows' remembered answer", () => {
  it('is what asking afresh gives, at every step of every lifecycle, for every actor and command, however the questions interleave', () => {
    const mismatches: string[] = [];
    for (const [outcome, lifecycle] of Object.entries(LIFECYCLES)) {
      const log = lifecycle().log;
      for (let n = 0; n <= log.length; n++) {
        const snapshot = replayDispute(log.slice(0, n));
        const at = log[Math.max(0, n - 1)]?.at ?? '2026-03-02T10:00:00Z';
        for (const name of CASE_COMMANDS) {
          for (const who of CAST) {
            const actor = ACTORS[who];
            // Asked of the same objects twice (the second may be remembered), then of a copy of the actor (never remembered).
            const first = machineAllows(snapshot, name, actor, at);
            const again = machineAllows(snapshot, name, actor, at);
            const afresh = machineAllows(snapshot, name, { ...actor }, at);
            if (first !== afresh || again !== afresh) mismatches.push(`${outcome} #${n} ${who} ${name}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('is not carried over to another state, command or time of the same actor', () => {
    const s = new DisputeScenario().raise();
    const before = s.current;
    const respondent = ACTORS.respondent;
    expect(machineAllows(before, 'acknowledge', respondent, s.at)).toBe(true);
    s.step('respondent', 'acknowledge');
    // The same actor object and time, a later state: acknowledging again is not allowed.
    expect(machineAllows(s.current, 'acknowledge', respondent, s.at)).toBe(false);
    expect(machineAllows(before, 'acknowledge', respondent, s.at)).toBe(true);
    expect(machineAllows(before, 'lodge-formal', respondent, s.at)).toBe(false);
    expect(machineAllows(before, 'acknowledge', respondent, s.at)).toBe(true);
  });
});
