import fc from 'fast-check';
import { AppError, type JsonObject } from '#core';
import { type CasePart, DirectoryNames, DisputeQueries, DisputeRepository, disputeStream, type Principal, SettableClock } from '#application';
import { allowedCommands, CASE_COMMANDS, type DisputeCommandName, schemaVersionOf } from '#domain';
import { type EventToAppend, SqliteEventStore } from '#event-store';
import { directoryProjection, DirectoryReadModel, openReadModelFile, prepareProjectionFile } from '#projections';
import { ACTORS, type ActorName, DisputeScenario } from '../../libs/domain/src/dispute/testing/dispute-scenario.js';
import { plausibleCommand } from '../../libs/domain/src/dispute/testing/plausible-payloads.js';

/*
 * Issue 11: a replay (GET /disputes/{id}/replay) gives, after the last event of every command, the
 * case exactly as the live read (GET /disputes/{id}) gave it right after that command: the same
 * state, stage, deadlines with their due dates, and the same allowed commands for each part of the
 * case. Random histories from the machine's own test cast, stored in a real SQLite store with the
 * metadata the write path records, read back through the real queries.
 */

const MOVERS: ActorName[] = ['complainant', 'respondent', 'secretariat', 'chair', 'mediator', 'secondMediator', 'panelChair', 'statutoryPanelist', 'secretariatForRespondent'];
const NAMES: DisputeCommandName[] = [...CASE_COMMANDS, 'record-missed-deadline', 'record-missed-action'];

const AUDITOR: Principal = { personId: 'auditor-1', name: 'Auditor', roles: ['auditor'], organisationId: null };
/** A principal for each part of the case whose allowed commands the replay is asked for. */
const PARTS: readonly [CasePart, Principal][] = [
  ['complainant', { personId: ACTORS.complainant.personId, name: 'Charity officer', roles: ['partner'], organisationId: 'charity' }],
  ['respondent', { personId: ACTORS.respondent.personId, name: 'Council officer', roles: ['partner'], organisationId: 'council' }],
  ['secretariat', { personId: ACTORS.secretariat.personId, name: 'Secretariat', roles: ['secretariat'], organisationId: null }],
  ['chair', { personId: ACTORS.chair.personId, name: 'CDG chair', roles: ['chair'], organisationId: null }],
];

const step = fc.record({
  mover: fc.nat({ max: MOVERS.length - 1 }),
  command: fc.nat({ max: 999 }),
  fromOffered: fc.nat({ max: 9 }).map((n) => n < 8),
  variant: fc.nat({ max: 9 }),
  pick: fc.nat({ max: 999 }),
  days: fc.integer({ min: 0, max: 12 }),
  hours: fc.integer({ min: 0, max: 23 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Offered commands that do not move the case on: taken now and then, so histories get deep. */
const SIDE_STEPS: readonly DisputeCommandName[] = ['add-note', 'add-evidence', 'record-lesson', 'withdraw', 'refer-externally', 'agree-resolution', 'suspend', 'extend-deadline', 'vary-action'];
/** Where the random part starts: a freshly raised dispute, or one walked further along the standard story. */
const STARTS = ['raised', 'formal.awaitingDecision', 'cdg.triage', 'cdg.panel.deliberation', 'actionsOpen'] as const;

function choose(s: DisputeScenario, st: Step): { actor: ActorName; name: DisputeCommandName } {
  if (st.fromOffered) {
    const offered: { actor: ActorName; name: DisputeCommandName }[] = MOVERS.flatMap((actor) => allowedCommands(s.current, ACTORS[actor], s.at).map((name) => ({ actor, name })));
    if (s.context.deadlines.some((d) => d.status === 'open' && d.dueOn < s.today)) offered.push({ actor: 'system', name: 'record-missed-deadline' });
    if (s.context.actions.some((a) => a.status === 'open' && a.dueDate < s.today)) offered.push({ actor: 'system', name: 'record-missed-action' });
    const forward = offered.filter((o) => !SIDE_STEPS.includes(o.name));
    const pool = forward.length > 0 && st.variant < 7 ? forward : offered;
    const pick = pool[st.command % Math.max(1, pool.length)];
    if (pick) return pick;
  }
  return { actor: MOVERS[st.mover] as ActorName, name: NAMES[st.command % NAMES.length] as DisputeCommandName };
}

async function replayMatchesLive(urgent: boolean, start: (typeof STARTS)[number], steps: Step[]): Promise<void> {
  const store = SqliteEventStore.open({ filename: ':memory:' });
  const directoryDb = openReadModelFile(':memory:');
  prepareProjectionFile(directoryDb, directoryProjection);
  const clock = new SettableClock('2026-03-02T10:00:00Z');
  const queries = new DisputeQueries(new DisputeRepository(store), clock, new DirectoryNames(new DirectoryReadModel(() => directoryDb)));
  try {
    const s = new DisputeScenario();
    s.raise(urgent ? { urgent: true, dates: { noticeReceived: '2026-02-20', changeEffective: '2026-04-15' } } : {});
    const caseId = s.context.caseId;
    let command = 0;
    /** What the live read gave right after each command, by the revision its last event reached. */
    const live = new Map<bigint, { view: unknown; allowed: Map<CasePart, string[]> }>();

    const record = async (name: string): Promise<void> => {
      const stored = await store.readStream(disputeStream(caseId));
      const fresh = s.log.slice(stored.length);
      command += 1;
      const events: EventToAppend[] = fresh.map((e, i) => ({
        id: `${caseId.slice(0, 8)}-${command}-${i}-${'0'.repeat(20)}`,
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: { schemaVersion: schemaVersionOf(e.type), caseId, actor: e.actor, occurredAt: e.at, correlationId: `c${command}`, causationId: `c${command}`, commandId: `c${command}`, command: name } as unknown as JsonObject,
      }));
      const { nextExpectedRevision } = await store.append(disputeStream(caseId), events, stored.length === 0 ? 'no_stream' : BigInt(stored.length - 1));
      clock.set(s.at);
      const { revision: _revision, position: _position, ...view } = await queries.get(AUDITOR, caseId);
      const allowed = new Map<CasePart, string[]>();
      for (const [part, principal] of PARTS) allowed.set(part, [...(await queries.get(principal, caseId)).allowed].sort());
      live.set(nextExpectedRevision, { view, allowed });
    };

    await record('raise');
    if (start !== 'raised') {
      s.upTo(start);
      await record(`up to ${start}`);
    }
    for (const st of steps) {
      s.advance(st.days + st.hours / 24);
      const { actor, name } = choose(s, st);
      try {
        s.run(actor, plausibleCommand(name, s.context, ACTORS[actor], s.today, st.variant, st.pick));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        continue;
      }
      await record(name);
    }

    const replay = await queries.replay(AUDITOR, caseId);
    const byRevision = new Map(replay.steps.map((step) => [step.event.revision, step]));
    expect(replay.steps).toHaveLength(s.log.length);
    for (const [revision, expected] of live) {
      const shown = byRevision.get(revision);
      expect([revision, shown?.view]).toEqual([revision, expected.view]);
      expect(shown?.state).toBe((expected.view as { state: string }).state);
    }
    for (const [part] of PARTS) {
      const asPart = new Map((await queries.replay(AUDITOR, caseId, part)).steps.map((step) => [step.event.revision, [...step.view.allowed].sort()]));
      for (const [revision, expected] of live) expect([part, revision, asPart.get(revision)]).toEqual([part, revision, expected.allowed.get(part)]);
    }
  } finally {
    directoryDb.close();
    await store.close();
  }
}

describe('a replay of a stored case', () => {
  it('equals the live case after every command: state, stage, deadlines and each part’s allowed commands', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.constantFrom(...STARTS), fc.array(step, { minLength: 1, maxLength: 18 }), replayMatchesLive), { numRuns: 100 });
  }, 120_000);
});
