import { isLateOn } from './clocks.rules.js';
import { type MovedDeadline, type PausedDeadline } from './clocks.events.js';
import { type Deadline, type DeadlineSpec } from './deadline-rules.js';

/** Pure updates of a case's deadlines. Each returns a new list; nothing is ever removed. */
type Deadlines = readonly Deadline[];

export function openDeadlines(list: Deadlines, specs: readonly DeadlineSpec[] | undefined): Deadline[] {
  const added = (specs ?? []).map<Deadline>((s) => ({
    ...s,
    status: 'open',
    settledAt: null,
    remainingWorkingDays: null,
    extensions: 0,
  }));
  return [...list, ...added];
}

/** The step owed was taken: met if on time, missed if late. */
export function settleDeadlines(list: Deadlines, steps: readonly string[], at: string): Deadline[] {
  return list.map((d) =>
    d.status === 'open' && steps.includes(d.step)
      ? { ...d, status: isLateOn(at, d.dueOn) ? 'missed' : 'met', settledAt: at }
      : d,
  );
}

/** The case moved on so these clocks no longer run (withdrawal, closure, a vacated appointment). */
export function cancelDeadlines(list: Deadlines, at: string, steps?: readonly string[]): Deadline[] {
  return list.map((d) =>
    (d.status === 'open' || d.status === 'paused') && (steps === undefined || steps.includes(d.step))
      ? { ...d, status: 'cancelled', settledAt: at }
      : d,
  );
}

export function markMissed(list: Deadlines, deadlineId: string, at: string): Deadline[] {
  return list.map((d) => (d.id === deadlineId ? { ...d, status: 'missed', settledAt: at } : d));
}

export function moveDeadline(
  list: Deadlines,
  move: { deadlineId: string; dueOn: string; rule: string; calendarVersion: string },
): Deadline[] {
  return list.map((d) =>
    d.id === move.deadlineId
      ? { ...d, dueOn: move.dueOn, rule: move.rule, calendarVersion: move.calendarVersion, extensions: d.extensions + 1 }
      : d,
  );
}

export function pauseDeadlines(list: Deadlines, paused: readonly PausedDeadline[]): Deadline[] {
  const remaining = new Map(paused.map((p) => [p.deadlineId, p.remainingWorkingDays]));
  return list.map((d) =>
    remaining.has(d.id) ? { ...d, status: 'paused', remainingWorkingDays: remaining.get(d.id) ?? 0 } : d,
  );
}

export function resumeDeadlines(list: Deadlines, moved: readonly MovedDeadline[]): Deadline[] {
  const byId = new Map(moved.map((m) => [m.deadlineId, m]));
  return list.map((d) => {
    const m = byId.get(d.id);
    return m && d.status === 'paused'
      ? { ...d, status: 'open', dueOn: m.dueOn, rule: m.rule, calendarVersion: m.calendarVersion, remainingWorkingDays: null }
      : d;
  });
}
