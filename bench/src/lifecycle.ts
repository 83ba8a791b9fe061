import { type Timed } from './load.js';

/* The workload of issue 14: one dispute through eleven commands, from raising to its last agreed action. */

export type Party = 'complainant' | 'respondent' | 'chair' | 'secretariat' | 'mediator';

export interface Cast {
  readonly council: string;
  readonly charity: string;
  readonly mediatorId: string;
  /** The engine's today (YYYY-MM-DD): sessions are held on it, actions fall due after it. */
  readonly today: string;
}

/** Sends one command as one of the cast, and fails unless it was applied. */
export interface CommandSender {
  raise(by: Party, body: Record<string, unknown>): Promise<string>;
  run(by: Party, caseId: string, command: string, body: Record<string, unknown>): Promise<void>;
}

interface Step {
  readonly by: Party;
  readonly command: string;
  readonly body: (cast: Cast) => Record<string, unknown>;
}

const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const RAISE = (cast: Cast) => ({
  respondentIds: [cast.council],
  clauses: ['3.2'],
  summary: 'Grant cut at four weeks notice',
  details: 'Our grant was cut with four weeks notice, in the middle of the winter appeal.',
  desiredOutcome: 'Twelve weeks notice',
});

const AFTER_RAISE: readonly Step[] = [
  { by: 'respondent', command: 'acknowledge', body: () => ({}) },
  { by: 'complainant', command: 'lodge-formal', body: () => ({ grounds: 'No progress informally' }) },
  { by: 'respondent', command: 'acknowledge', body: () => ({}) },
  { by: 'respondent', command: 'respond', body: () => ({ response: 'We followed our policy' }) },
  { by: 'complainant', command: 'refer-to-cdg', body: () => ({ reason: 'The response does not address the notice' }) },
  {
    by: 'chair',
    command: 'choose-route',
    body: (cast) => ({ route: 'mediation', reason: 'Both parties agree to mediate', consentFrom: [cast.charity, cast.council] }),
  },
  { by: 'secretariat', command: 'appoint-mediator', body: (cast) => ({ personId: cast.mediatorId }) },
  { by: 'mediator', command: 'record-session', body: (cast) => ({ heldOn: cast.today, attendees: ['Food bank', 'Council'], summary: 'First session' }) },
  {
    by: 'mediator',
    command: 'agree-resolution',
    body: (cast) => ({ terms: 'Phased reduction', actions: [{ description: 'Pay the June instalment', ownerId: cast.council, dueDate: plusDays(cast.today, 90) }] }),
  },
  { by: 'respondent', command: 'complete-action', body: () => ({ actionId: 'A1', evidence: 'Remittance 123' }) },
];

export const COMMANDS_PER_LIFECYCLE = 1 + AFTER_RAISE.length;

/** One case from raising to closed, each command timed on its own. */
export async function lifecycle(sender: CommandSender, cast: Cast, time: Timed): Promise<string> {
  const id = await time(() => sender.raise('complainant', RAISE(cast)));
  for (const step of AFTER_RAISE) await time(() => sender.run(step.by, id, step.command, step.body(cast)));
  return id;
}

/** Where one case is in its lifecycle, for a driver that sends the commands one at a time. */
export interface CaseInFlight {
  readonly id: string;
  /** Commands sent so far, the raise included. */
  readonly sent: number;
}

/**
 * Sends the next command of a case (`null`: raises a new one) and answers where the case is then,
 * or `null` once its last command is done. For open-loop drivers that pace commands, not cases.
 */
export async function nextCommand(sender: CommandSender, cast: Cast, at: CaseInFlight | null): Promise<CaseInFlight | null> {
  if (at === null) return { id: await sender.raise('complainant', RAISE(cast)), sent: 1 };
  const step = AFTER_RAISE[at.sent - 1]!;
  await sender.run(step.by, at.id, step.command, step.body(cast));
  return at.sent + 1 < COMMANDS_PER_LIFECYCLE ? { id: at.id, sent: at.sent + 1 } : null;
}

/** Untimed, for seeding. */
export const untimed: Timed = (operation) => operation();

/**
 * One command of whichever case is ready (the oldest waiting first), or a new case raised if none
 * is: an operation for `paced`, so commands go out at the paced rate across as many cases as that
 * takes, each case's commands still in order and never two of a case at once.
 */
export function commandsAcrossCases(sender: CommandSender, cast: Cast): () => Promise<void> {
  const ready: CaseInFlight[] = [];
  return async () => {
    const next = await nextCommand(sender, cast, ready.shift() ?? null);
    if (next) ready.push(next);
  };
}
